-- Health: a band filter keeps live accounts only (a churned account keeps the band of its last score but is in no
-- band's list or count, issue 13), so the band index holds the live rows only.
create index health_status_live_band on health_account_status (workspace_id, band) where live;
drop index health_status_band;
