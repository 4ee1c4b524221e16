-- Saved segments, their members, the entries and exits of each evaluation and their daily sizes (ADR 0052).
create table segment (
    workspace_id bigint      not null references workspace,
    segment_id   bigint generated always as identity,
    key          text        not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name         text        not null check (length(name) between 1 and 100),
    definition   text        not null check (length(definition) between 1 and 4000),
    member_count integer     not null default 0,
    evaluated_at timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (workspace_id, segment_id),
    unique (workspace_id, key)
);

create table segment_member (
    workspace_id bigint      not null,
    segment_id   bigint      not null,
    account_id   bigint      not null,
    entered_at   timestamptz not null,
    primary key (workspace_id, segment_id, account_id),
    foreign key (workspace_id, segment_id) references segment (workspace_id, segment_id) on delete cascade,
    foreign key (workspace_id, account_id) references account (workspace_id, account_id) on delete cascade
);
create index segment_member_by_account on segment_member (workspace_id, account_id);

-- Who entered or left when, and why: the run that re-evaluated (scoring, an account change, an edit).
create table segment_membership_change (
    workspace_id bigint      not null,
    segment_id   bigint      not null,
    account_id   bigint      not null,
    changed_at   timestamptz not null,
    entered      boolean     not null,
    reason       text        not null check (reason in ('created', 'edited', 'scored', 'account_changed', 'manual')),
    primary key (workspace_id, segment_id, changed_at, account_id),
    foreign key (workspace_id, segment_id) references segment (workspace_id, segment_id) on delete cascade
);
create index segment_change_by_account on segment_membership_change (workspace_id, account_id, changed_at);

create table segment_size_daily (
    workspace_id bigint  not null,
    segment_id   bigint  not null,
    day          date    not null,
    members      integer not null,
    primary key (workspace_id, segment_id, day),
    foreign key (workspace_id, segment_id) references segment (workspace_id, segment_id) on delete cascade
);

-- What other modules may read (the accounts list's and worklist's segment filter): segments and their members.
create view segments_v_segment as
select workspace_id, segment_id, key, name, member_count
from segment;

create view segments_v_member as
select workspace_id, segment_id, account_id
from segment_member;
