-- Raw events, append-only and partitioned by month; partitions are created on demand by the ingestion code.
create table event (
    workspace_id bigint      not null,
    occurred_at  timestamptz not null,
    received_at  timestamptz not null,
    message_id   text        not null,
    type         text        not null check (type in ('identify', 'track', 'page', 'screen', 'group', 'alias')),
    event_name   text,
    user_id      text,
    anonymous_id text,
    account_id   bigint,
    properties   jsonb,
    context      jsonb
) partition by range (occurred_at);
create index event_account_time on event (workspace_id, account_id, occurred_at);

-- Identity for deduplication is (workspace, messageId): a unique index on the partitioned table would have to
-- include the partition key, and a replay's corrected timestamp may differ, so it lives here.
create table event_message (
    workspace_id bigint      not null,
    message_id   text        not null,
    received_at  timestamptz not null,
    primary key (workspace_id, message_id)
);

-- Segment alias calls: a previous id (often an anonymousId) that now means this user.
create table identity_alias (
    workspace_id bigint not null,
    previous_id  text   not null,
    user_id      text   not null,
    primary key (workspace_id, previous_id)
);

-- (account, day) pairs whose rollups must be recomputed; ingestion marks them in the same transaction.
create table rollup_pending (
    workspace_id bigint not null,
    account_id   bigint not null,
    day          date   not null,
    primary key (workspace_id, account_id, day)
);

-- Days are cut in the workspace time zone.
create table usage_daily (
    workspace_id bigint  not null,
    account_id   bigint  not null,
    day          date    not null,
    events       integer not null,
    active_users integer not null,
    sessions     integer not null,
    primary key (workspace_id, account_id, day)
);

create table usage_daily_user (
    workspace_id bigint  not null,
    account_id   bigint  not null,
    day          date    not null,
    user_id      text    not null,
    events       integer not null,
    primary key (workspace_id, account_id, day, user_id)
);

create table usage_daily_event (
    workspace_id bigint  not null,
    account_id   bigint  not null,
    day          date    not null,
    event_name   text    not null,
    events       integer not null,
    users        integer not null,
    primary key (workspace_id, account_id, day, event_name)
);
