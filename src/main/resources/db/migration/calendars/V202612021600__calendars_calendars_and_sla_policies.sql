-- Business calendars (weekly opening hours, Japanese holidays, closures) and the SLA policies that name them
-- (ADR 0095, 0096).
create table calendars_calendar (
    workspace_id      bigint      not null references workspace,
    calendar_id       bigint generated always as identity,
    key               text        not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name              text        not null check (length(name) between 1 and 100),
    time_zone         text        not null check (length(time_zone) between 1 and 64),
    japanese_holidays boolean     not null,
    is_default        boolean     not null default false,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (workspace_id, calendar_id),
    unique (workspace_id, key)
);
create unique index calendars_one_default on calendars_calendar (workspace_id) where is_default;

-- Opening hours per ISO weekday (1 = Monday); closes 00:00 stands for 24:00.
create table calendars_opening_hours (
    workspace_id bigint   not null,
    calendar_id  bigint   not null,
    weekday      smallint not null check (weekday between 1 and 7),
    opens        time     not null,
    closes       time     not null,
    primary key (workspace_id, calendar_id, weekday, opens),
    foreign key (workspace_id, calendar_id) references calendars_calendar (workspace_id, calendar_id) on delete cascade,
    check (closes = time '00:00' or opens < closes)
);

-- Closed days besides holidays, both ends included; a yearly closure repeats on the same days every year.
create table calendars_closure (
    workspace_id bigint  not null,
    calendar_id  bigint  not null,
    closure_id   bigint generated always as identity,
    first_day    date    not null,
    last_day     date    not null,
    name         text    not null check (length(name) between 1 and 100),
    yearly       boolean not null,
    primary key (workspace_id, calendar_id, closure_id),
    foreign key (workspace_id, calendar_id) references calendars_calendar (workspace_id, calendar_id) on delete cascade,
    check (last_day >= first_day)
);

-- SLA policies in the order they are tried; a policy applies when every criterion it sets matches the ticket.
create table calendars_sla_policy (
    workspace_id           bigint      not null references workspace,
    policy_id              bigint generated always as identity,
    key                    text        not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name                   text        not null check (length(name) between 1 and 100),
    position               integer     not null,
    calendar_id            bigint      not null,
    priority               text        check (length(priority) between 1 and 40),
    tier                   text        check (length(tier) between 1 and 40),
    segment_key            text        check (length(segment_key) between 1 and 63),
    account_id             bigint,
    first_response_minutes integer     check (first_response_minutes between 1 and 525600),
    next_response_minutes  integer     check (next_response_minutes between 1 and 525600),
    resolution_minutes     integer     check (resolution_minutes between 1 and 525600),
    warning_minutes        integer     not null default 0 check (warning_minutes between 0 and 10080),
    updated_at             timestamptz not null default now(),
    primary key (workspace_id, policy_id),
    unique (workspace_id, key),
    foreign key (workspace_id, calendar_id) references calendars_calendar (workspace_id, calendar_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id) on delete cascade
);
create index calendars_sla_policy_by_position on calendars_sla_policy (workspace_id, position);
