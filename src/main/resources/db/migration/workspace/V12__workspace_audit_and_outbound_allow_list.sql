-- The audit-log page pages newest first, filtered by action or actor, within one workspace.
create index audit_log_recent on audit_log (workspace_id, occurred_at desc, audit_id desc);
create index audit_log_action on audit_log (workspace_id, action, occurred_at desc);
create index audit_log_actor on audit_log (workspace_id, actor, occurred_at desc);

-- Internal hosts (names or CIDR blocks) an admin allowed outbound calls (webhooks) to; everything else internal is
-- refused by the outbound URL guard.
create table outbound_allow_entry (
    workspace_id bigint      not null references workspace,
    entry        text        not null check (length(entry) between 1 and 253),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, entry)
);
