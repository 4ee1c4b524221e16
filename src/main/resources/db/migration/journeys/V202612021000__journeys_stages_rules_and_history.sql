-- Lifecycle stages (ADR 0078): the stage list itself (codes, ja/en labels, order) is the accounts module's
-- lifecycle_stage vocabulary; journeys keeps what it adds per stage (retired, stall threshold), the rules that set
-- stages, each account's current stage and every change of it.
create table journeys_stage_setting (
    workspace_id bigint      not null references workspace,
    code         text        not null check (length(code) <= 50), -- '' marks a workspace whose defaults were added
    stall_days   integer     check (stall_days between 1 and 3650),
    retired_at   timestamptz,
    primary key (workspace_id, code)
);

-- Ordered rules in the segment filter language: the first that matches an account gives its stage (ADR 0079).
create table journeys_rule (
    workspace_id bigint      not null references workspace,
    rule_id      bigint generated always as identity,
    position     integer     not null,
    definition   text        not null check (length(definition) between 1 and 4000),
    stage        text        not null check (length(stage) between 1 and 50),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, rule_id)
);

create table journeys_account_stage (
    workspace_id bigint      not null,
    account_id   bigint      not null,
    stage        text        not null,
    entered_at   timestamptz not null,
    -- set by hand: rules leave the account alone until someone hands it back to them
    held         boolean     not null default false,
    primary key (workspace_id, account_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id) on delete cascade
);
create index journeys_account_stage_by_stage on journeys_account_stage (workspace_id, stage, entered_at);

-- Every change: from, to, when, and who (a user) or what (a rule, an edit of the account, an import, the demo).
create table journeys_stage_change (
    workspace_id bigint      not null,
    change_id    bigint generated always as identity,
    account_id   bigint      not null,
    from_stage   text,
    to_stage     text        not null,
    changed_at   timestamptz not null,
    source       text        not null check (source in ('initial', 'manual', 'rule', 'account', 'import', 'removed', 'demo')),
    user_id      bigint,
    rule_id      bigint,
    primary key (workspace_id, change_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id) on delete cascade
);
create index journeys_change_by_account on journeys_stage_change (workspace_id, account_id, changed_at);
create index journeys_change_by_time on journeys_stage_change (workspace_id, changed_at);

-- What other modules may read: each account's current stage and since when.
create view journeys_v_account_stage as
select workspace_id, account_id, stage, entered_at
from journeys_account_stage;
