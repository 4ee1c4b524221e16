-- Text analytics (ADRs 0111-0115): one row per customer text with what its analysis found (language, sentiment and
-- its reasons, the terms it speaks of, the tokens search matches), per-day term counts kept up to date per batch so
-- that the "what customers are saying" page reads small tables, the topics of the last run, rising-issue alerts and
-- the workspace's own stop words, synonyms and product names.
create table text_document (
    workspace_id    bigint      not null references workspace,
    document_id     bigint generated always as identity,
    source          text        not null check (length(source) between 1 and 40),
    source_id       text        not null check (length(source_id) between 1 and 200),
    account_id      bigint,
    written_at      timestamptz not null,
    day             date        not null,
    link            text        check (length(link) <= 500),
    body            text        not null,
    status          text        not null check (status in ('analysed', 'not_analysed')),
    skip_reason     text,
    language        text,
    sentiment       text        check (sentiment in ('negative', 'neutral', 'positive')),
    score           real,
    reasons         text[]      not null default '{}',
    terms           text[]      not null default '{}',
    tokens          text[]      not null default '{}',
    analysed_at     timestamptz not null default now(),
    primary key (workspace_id, document_id),
    unique (workspace_id, source, source_id)
);
create index text_document_day on text_document (workspace_id, day);
create index text_document_account on text_document (workspace_id, account_id, written_at) where account_id is not null;
create index text_document_terms on text_document using gin (terms);
create index text_document_tokens on text_document using gin (tokens);

create table text_term_day (
    workspace_id    bigint      not null references workspace,
    term            text        not null,
    day             date        not null,
    source          text        not null,
    texts           int         not null,
    negative        int         not null,
    primary key (workspace_id, day, source, term)
);
create index text_term_day_term on text_term_day (workspace_id, term, day);

create table text_sentiment_day (
    workspace_id    bigint      not null references workspace,
    account_id      bigint      not null,
    day             date        not null,
    texts           int         not null,
    score_sum       double precision not null,
    primary key (workspace_id, account_id, day)
);

create table text_topic (
    workspace_id    bigint      not null references workspace,
    topic_no        int         not null,
    label           text        not null,
    terms           text[]      not null,
    texts           int         not null,
    negative        int         not null,
    sample_ids      bigint[]    not null,
    computed_at     timestamptz not null default now(),
    primary key (workspace_id, topic_no)
);

create table text_alert (
    workspace_id    bigint      not null references workspace,
    alert_id        bigint generated always as identity,
    term            text        not null,
    detected_on     date        not null,
    recent          int         not null,
    usual           double precision not null,
    texts           int         not null,
    accounts        int         not null,
    arr_minor       bigint      not null,
    currency        text,
    account_ids     bigint[]    not null,
    created_at      timestamptz not null default now(),
    primary key (workspace_id, alert_id),
    unique (workspace_id, term, detected_on)
);

create table text_settings (
    workspace_id    bigint      primary key references workspace,
    stop_words      text[]      not null default '{}',
    synonyms        text[]      not null default '{}',
    product_names   text[]      not null default '{}',
    updated_at      timestamptz not null default now()
);

-- texts per day and source: the denominators of the term ranking, kept beside text_term_day
create table text_day (
    workspace_id    bigint      not null references workspace,
    day             date        not null,
    source          text        not null,
    texts           int         not null,
    primary key (workspace_id, day, source)
);
