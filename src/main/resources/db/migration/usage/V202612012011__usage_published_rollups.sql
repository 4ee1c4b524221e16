-- What other modules may read of usage (segments' fields, ADR 0051): the daily rollups, days cut in the workspace
-- time zone.
create view usage_v_daily as
select workspace_id, account_id, day, events, active_users, sessions
from usage_daily;

create view usage_v_daily_user as
select workspace_id, account_id, day, user_id, events
from usage_daily_user;

create view usage_v_daily_event as
select workspace_id, account_id, day, event_name, events, users
from usage_daily_event;
