-- Health reads the few key-feature event names out of many: let it find them without scanning every name.
create index usage_daily_event_by_name on usage_daily_event (workspace_id, event_name, day);
