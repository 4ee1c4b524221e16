-- Health: the accounts list's health sort puts live accounts before churned ones in both directions (issue 13), so
-- its score indexes lead on live; a page still walks one of them and stops at its limit (ADR 0012).
create index health_status_live_score_asc on health_account_status (workspace_id, live desc, score asc nulls last, account_id);
create index health_status_live_score_desc on health_account_status (workspace_id, live desc, score desc nulls last, account_id);
drop index health_status_score_asc;
drop index health_status_score_desc;
