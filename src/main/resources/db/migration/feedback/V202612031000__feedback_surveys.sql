-- Surveys (ADR 0101-0104): definitions with their questions in ja and en, the deliveries with their personal tokens
-- (only a hash of each token is kept, plus the sealed token for reminders), the responses attributed to contact
-- and account, a monthly rollup per account for results at scale, and the follow-up tasks of the closed loop.
create table feedback_survey (
    workspace_id      bigint      not null references workspace,
    survey_id         bigint generated always as identity,
    kind              text        not null check (kind in ('nps', 'csat', 'ces', 'custom')),
    name              text        not null check (length(name) between 1 and 200),
    status            text        not null default 'active' check (status in ('active', 'closed')),
    default_language  text        not null default 'ja' check (default_language in ('ja', 'en')),
    definition        jsonb       not null,
    repeat_days       int         not null default 90 check (repeat_days between 0 and 3650),
    reminder_days     int         not null default 3 check (reminder_days between 1 and 60),
    max_reminders     int         not null default 1 check (max_reminders between 0 and 5),
    expires_days      int         not null default 14 check (expires_days between 1 and 365),
    schedule_days     int         check (schedule_days between 1 and 3650),
    schedule_segment_id bigint,
    next_run_at       timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (workspace_id, survey_id)
);
create index feedback_survey_scheduled on feedback_survey (next_run_at) where schedule_days is not null and status = 'active';

-- The fatigue rules of a workspace: the minimum gap between any two surveys to one contact, and whether a contact
-- with an open ticket is left out.
create table feedback_survey_settings (
    workspace_id      bigint  not null references workspace primary key,
    min_gap_days      int     not null default 30 check (min_gap_days between 0 and 3650),
    skip_open_tickets boolean not null default false
);

create table feedback_survey_delivery (
    workspace_id     bigint      not null references workspace,
    delivery_id      bigint generated always as identity,
    survey_id        bigint      not null,
    contact_id       bigint      not null,
    account_id       bigint,
    channel          text        not null check (channel in ('email', 'link')),
    status           text        not null default 'queued'
                     check (status in ('queued', 'sent', 'suppressed', 'failed', 'answered')),
    token_hash       bytea,
    token_sealed     text,
    language         text        not null check (language in ('ja', 'en')),
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    expires_at       timestamptz,
    reminders_sent   int         not null default 0,
    last_reminded_at timestamptz,
    answered_at      timestamptz,
    error            text,
    primary key (workspace_id, delivery_id),
    foreign key (workspace_id, survey_id) references feedback_survey (workspace_id, survey_id) on delete cascade,
    foreign key (workspace_id, contact_id) references contact (workspace_id, contact_id) on delete cascade
);
create unique index feedback_survey_delivery_token on feedback_survey_delivery (token_hash) where token_hash is not null;
create index feedback_survey_delivery_queued on feedback_survey_delivery (workspace_id, delivery_id) where status = 'queued';
create index feedback_survey_delivery_contact on feedback_survey_delivery (workspace_id, contact_id, created_at);
create index feedback_survey_delivery_survey on feedback_survey_delivery (workspace_id, survey_id, status);

create table feedback_survey_response (
    workspace_id   bigint      not null references workspace,
    response_id    bigint generated always as identity,
    survey_id      bigint      not null,
    delivery_id    bigint,
    contact_id     bigint,
    account_id     bigint,
    kind           text        not null check (kind in ('nps', 'csat', 'ces', 'custom')),
    score          int         check (score between 0 and 10),
    high           boolean     not null default false,
    answers        jsonb       not null default '{}',
    comment        text        check (length(comment) <= 20000),
    language       text        not null check (language in ('ja', 'en')),
    source         text        not null check (source in ('email', 'link', 'import')),
    submitted      boolean     not null default false,
    responded_at   timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (workspace_id, response_id),
    foreign key (workspace_id, survey_id) references feedback_survey (workspace_id, survey_id) on delete cascade,
    foreign key (workspace_id, delivery_id) references feedback_survey_delivery (workspace_id, delivery_id) on delete cascade,
    foreign key (workspace_id, contact_id) references contact (workspace_id, contact_id) on delete set null (contact_id)
);
create unique index feedback_survey_response_delivery on feedback_survey_response (workspace_id, delivery_id) where delivery_id is not null;
create index feedback_survey_response_survey on feedback_survey_response (workspace_id, survey_id, responded_at);
create index feedback_survey_response_account on feedback_survey_response (workspace_id, account_id, responded_at);

-- One row per workspace, survey, account (0: none) and month: what results read, so NPS by month and segment over a
-- million responses reads a few thousand rows. Rebuilt per touched (survey, account, month) after each write.
create table feedback_survey_month (
    workspace_id  bigint not null references workspace,
    survey_id     bigint not null,
    account_id    bigint not null,
    month         date   not null,
    kind          text   not null,
    responses     int    not null,
    promoters     int    not null,
    detractors    int    not null,
    score_sum     bigint not null,
    primary key (workspace_id, survey_id, account_id, month),
    foreign key (workspace_id, survey_id) references feedback_survey (workspace_id, survey_id) on delete cascade
);
create index feedback_survey_month_month on feedback_survey_month (workspace_id, kind, month);

-- The closed loop: the tasks opened about a response (by a playbook or by hand) and how they ended.
create table feedback_survey_followup (
    workspace_id  bigint      not null references workspace,
    task_id       bigint      not null,
    response_id   bigint      not null,
    status        text        not null default 'open',
    outcome       text,
    updated_at    timestamptz not null default now(),
    primary key (workspace_id, task_id),
    foreign key (workspace_id, response_id) references feedback_survey_response (workspace_id, response_id) on delete cascade
);
create index feedback_survey_followup_response on feedback_survey_followup (workspace_id, response_id);
