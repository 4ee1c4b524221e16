-- What other modules may read of health (segments' fields, ADR 0051): the current status of each account and its
-- daily snapshots' scores. Plain views over one table each, so the planner uses the tables' indexes.
create view health_v_account_status as
select workspace_id, account_id, day, score, band, live, arr_minor, currency, next_renewal_on, last_active_on,
       revenue_at_risk_minor, signal_kinds
from health_account_status;

create view health_v_snapshot as
select workspace_id, account_id, day, score, band
from health_snapshot;
