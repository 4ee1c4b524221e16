-- Onboarding plans (ADR 0081): a plan applies to the accounts of one subscription plan, else of one tier, else to
-- every account (the default); its milestones are completed from the usage rollups usage publishes or by hand.
create table onboarding_plan (
    workspace_id bigint      not null references workspace,
    plan_key     text        not null check (plan_key ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    name_ja      text        not null check (length(name_ja) between 1 and 100),
    name_en      text        not null check (length(name_en) between 1 and 100),
    scope        text        not null check (scope in ('plan', 'tier', 'default')),
    scope_value  text        not null default '' check (length(scope_value) <= 100),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (workspace_id, plan_key),
    unique (workspace_id, scope, scope_value)
);

create table onboarding_milestone (
    workspace_id  bigint  not null,
    plan_key      text    not null,
    milestone_key text    not null check (milestone_key ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
    position      integer not null,
    name_ja       text    not null check (length(name_ja) between 1 and 100),
    name_en       text    not null check (length(name_en) between 1 and 100),
    kind          text    not null check (kind in ('event_count', 'active_users', 'manual')),
    event_name    text    check (length(event_name) <= 200),
    min_count     integer not null default 1 check (min_count between 1 and 100000),
    within_days   integer not null default 90 check (within_days between 1 and 730),
    due_day       integer not null check (due_day between 0 and 730),
    first_value   boolean not null default false,
    primary key (workspace_id, plan_key, milestone_key),
    foreign key (workspace_id, plan_key) references onboarding_plan on delete cascade on update cascade
);
create unique index onboarding_one_first_value on onboarding_milestone (workspace_id, plan_key) where first_value;

-- The plan each account follows and the day its onboarding started (its first subscription's start), kept by the
-- evaluation; completed_on and first_value_on are derived from the milestones done, for the cohort view.
create table onboarding_account (
    workspace_id   bigint not null,
    account_id     bigint not null,
    plan_key       text   not null,
    started_on     date   not null,
    first_value_on date,
    completed_on   date,
    primary key (workspace_id, account_id),
    foreign key (workspace_id, account_id) references account on delete cascade,
    foreign key (workspace_id, plan_key) references onboarding_plan on delete cascade on update cascade
);
create index onboarding_account_open on onboarding_account (workspace_id, started_on) where completed_on is null;

-- One row per milestone an account reached: never evaluated again. Source: 'auto' (rollups), 'manual', 'import'.
create table onboarding_progress (
    workspace_id  bigint      not null,
    account_id    bigint      not null,
    milestone_key text        not null,
    completed_on  date        not null,
    source        text        not null check (source in ('auto', 'manual', 'import')),
    completed_by  bigint,
    recorded_at   timestamptz not null default now(),
    primary key (workspace_id, account_id, milestone_key),
    foreign key (workspace_id, account_id) references onboarding_account on delete cascade
);

-- Milestones already announced as overdue (MilestoneOverdue once per account and milestone).
create table onboarding_overdue (
    workspace_id  bigint not null,
    account_id    bigint not null,
    milestone_key text   not null,
    due_on        date   not null,
    primary key (workspace_id, account_id, milestone_key),
    foreign key (workspace_id, account_id) references onboarding_account on delete cascade
);

-- Days of usage rollups recomputed since the last pass (from usage's UsageRecorded), merged into one range per
-- workspace: the next pass evaluates only the open milestones whose window overlaps it.
create table onboarding_pending (
    workspace_id bigint not null primary key,
    from_day     date   not null,
    to_day       date   not null
);

-- What other modules may read (segments' onboarding.* fields): every milestone of every account's plan, with its
-- due day and the day it was reached.
create view onboarding_v_milestone as
select oa.workspace_id, oa.account_id, oa.plan_key, m.milestone_key, m.first_value, oa.started_on,
       oa.started_on + m.due_day as due_on, p.completed_on
from onboarding_account oa
join onboarding_milestone m on m.workspace_id = oa.workspace_id and m.plan_key = oa.plan_key
left join onboarding_progress p on p.workspace_id = oa.workspace_id and p.account_id = oa.account_id
     and p.milestone_key = m.milestone_key;
