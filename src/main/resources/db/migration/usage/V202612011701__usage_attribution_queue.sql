-- Users ('u': a userId or anonymousId) and groups ('g': a groupId) whose events may be waiting for an account
-- (ADR 0041). Ingestion queues them in its own transaction, both when it stores events it could not attribute and
-- when it links a user or creates an account; a worker claims them with SKIP LOCKED and attributes what it can.
create table attribution_pending (
    workspace_id bigint not null,
    kind         char(1) not null check (kind in ('u', 'g')),
    identity     text   not null,
    primary key (workspace_id, kind, identity)
);

-- Only events without an account are in these: attributed events, the usual case, cost nothing here.
create index event_unattributed_user on event (workspace_id, user_id) where account_id is null;
create index event_unattributed_anonymous on event (workspace_id, anonymous_id) where account_id is null and user_id is null;
create index event_unattributed_group on event (workspace_id, (context ->> 'groupId')) where account_id is null;
