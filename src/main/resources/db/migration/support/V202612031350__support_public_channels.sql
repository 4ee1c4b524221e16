-- Support's public channels (ADRs 0119-0121): the web form and the chat widget per workspace, their settings, the
-- form's suggestion sessions (deflection), chat visitors' conversation tokens and CSAT surveys with their answers.

alter table support_ticket drop constraint support_ticket_channel_check;
alter table support_ticket add constraint support_ticket_channel_check
    check (channel in ('email', 'phone', 'api', 'web', 'import', 'chat'));

create table support_public_settings (
    workspace_id     bigint      not null primary key references workspace,
    form_enabled     boolean     not null default false,
    chat_enabled     boolean     not null default false,
    -- the sites allowed to embed the chat widget (CORS), exact origins such as https://www.example.co.jp
    chat_origins     text[]      not null default '{}' check (cardinality(chat_origins) <= 20),
    csat_enabled     boolean     not null default true,
    csat_scale       text        not null default 'five' check (csat_scale in ('five', 'binary')),
    csat_question_ja text        check (length(csat_question_ja) <= 300),
    csat_question_en text        check (length(csat_question_en) <= 300),
    updated_at       timestamptz not null default now()
);

-- One visit of the web form: the suggested articles the visitor opened, and the ticket if they then sent one.
create table support_form_session (
    workspace_id     bigint      not null references workspace,
    session_id       text        not null check (session_id ~ '^[A-Za-z0-9_-]{16,64}$'),
    started_at       timestamptz not null default now(),
    articles_opened  int         not null default 0 check (articles_opened between 0 and 1000),
    last_opened_at   timestamptz,
    ticket_id        bigint,
    primary key (workspace_id, session_id),
    foreign key (workspace_id, ticket_id) references support_ticket (workspace_id, ticket_id)
);
create index support_form_session_started on support_form_session (workspace_id, started_at);

-- A chat conversation is a ticket; the visitor holds a secret token for it (only its SHA-256 is kept).
create table support_chat (
    workspace_id     bigint      not null references workspace,
    ticket_id        bigint      not null,
    account_id       bigint,
    token_sha256     bytea       not null,
    origin           text        check (length(origin) <= 300),
    created_at       timestamptz not null default now(),
    last_visitor_at  timestamptz not null default now(),
    primary key (workspace_id, ticket_id),
    foreign key (workspace_id, ticket_id) references support_ticket (workspace_id, ticket_id)
);

-- One CSAT survey per solved ticket; its link token is single-use (only its SHA-256 is kept).
create table support_csat (
    workspace_id     bigint      not null references workspace,
    ticket_id        bigint      not null,
    account_id       bigint,
    agent_user_id    bigint,
    token_sha256     bytea       not null,
    scale            text        not null check (scale in ('five', 'binary')),
    sent_at          timestamptz not null default now(),
    sent_by          text        not null check (sent_by in ('email', 'chat', 'none')),
    rating           smallint    check (rating between 1 and 5),
    good             boolean,
    comment          text        check (length(comment) <= 2000),
    answered_at      timestamptz,
    primary key (workspace_id, ticket_id),
    foreign key (workspace_id, ticket_id) references support_ticket (workspace_id, ticket_id)
);
create unique index support_csat_token on support_csat (token_sha256);
create index support_csat_answered on support_csat (workspace_id, answered_at) where answered_at is not null;

-- What other modules may read: CSAT per account over the last 90 days (share of good answers, 0-100).
create view support_v_account_csat as
select workspace_id, account_id, count(*) as answers,
       round(100.0 * count(*) filter (where good) / count(*), 1) as csat_percent
from support_csat
where account_id is not null and answered_at >= now() - interval '90 days'
group by workspace_id, account_id;
