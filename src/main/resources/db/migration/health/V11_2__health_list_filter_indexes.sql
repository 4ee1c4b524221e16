-- The accounts list's tier and stage filters, counted from an index rather than the table.
create index account_tier on account (workspace_id, tier);
create index account_stage on account (workspace_id, lifecycle_stage);
