-- Feedback (ADRs 0106-0108): feature requests with their votes and comments, the editable status list, and reviews
-- from public review sites. A request's demand (votes, accounts, ARR, ARR at risk, tiers, top-3 share, RICE) is kept
-- on its row, recomputed when its votes change and after every scoring run, so the board sorts by an index.
create table feedback_request_status (
    workspace_id bigint  not null references workspace,
    code         text    not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    label_ja     text    check (length(label_ja) <= 60),
    label_en     text    check (length(label_en) <= 60),
    position     int     not null,
    primary key (workspace_id, code)
);

create table feedback_request (
    workspace_id      bigint        not null references workspace,
    request_id        bigint generated always as identity,
    title             text          not null check (length(title) between 1 and 200),
    description       text          not null default '' check (length(description) <= 10000),
    status            text          not null,
    category          text          check (length(category) <= 60),
    tags              text[]        not null default '{}',
    merged_into       bigint,
    reach             int           check (reach >= 0),
    impact            numeric(4, 2) check (impact >= 0 and impact <= 10),
    confidence        int           check (confidence between 0 and 100),
    effort            numeric(6, 2) check (effort > 0),
    votes             int           not null default 0,
    accounts          int           not null default 0,
    arr_minor         bigint        not null default 0,
    arr_at_risk_minor bigint        not null default 0,
    tiers             int           not null default 0,
    top3_share        numeric(5, 4) not null default 0,
    rice              numeric(14, 2),
    currency          char(3),
    created_by        text,
    created_at        timestamptz   not null default now(),
    updated_at        timestamptz   not null default now(),
    primary key (workspace_id, request_id),
    foreign key (workspace_id, status) references feedback_request_status (workspace_id, code)
);
-- one index per sort of the board (open requests only: merged ones are read through their target)
create index feedback_request_by_arr on feedback_request (workspace_id, arr_minor desc, request_id) where merged_into is null;
create index feedback_request_by_risk on feedback_request (workspace_id, arr_at_risk_minor desc, request_id) where merged_into is null;
create index feedback_request_by_accounts on feedback_request (workspace_id, accounts desc, request_id) where merged_into is null;
create index feedback_request_by_votes on feedback_request (workspace_id, votes desc, request_id) where merged_into is null;
create index feedback_request_by_rice on feedback_request (workspace_id, rice desc nulls last, request_id) where merged_into is null;
create index feedback_request_by_tiers on feedback_request (workspace_id, tiers desc, request_id) where merged_into is null;
create index feedback_request_by_new on feedback_request (workspace_id, created_at desc, request_id) where merged_into is null;

-- One vote per voter and request: a contact votes as itself (voter c:<contact>), a CSM on behalf of an account
-- without a contact as the account (a:<account>).
create table feedback_request_vote (
    workspace_id  bigint      not null references workspace,
    vote_id       bigint generated always as identity,
    request_id    bigint      not null,
    account_id    bigint      not null,
    contact_id    bigint,
    voter         text        not null,
    email         text        check (length(email) <= 320),
    name          text        check (length(name) <= 200),
    language      text        not null default 'ja' check (language in ('ja', 'en')),
    via           text        not null check (via in ('portal', 'account', 'ticket', 'note', 'api', 'import')),
    ticket_id     bigint,
    note          text        check (length(note) <= 2000),
    created_by    text,
    created_at    timestamptz not null default now(),
    primary key (workspace_id, vote_id),
    unique (workspace_id, request_id, voter),
    foreign key (workspace_id, request_id) references feedback_request (workspace_id, request_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id),
    foreign key (workspace_id, contact_id) references contact (workspace_id, contact_id)
);
create index feedback_vote_by_account on feedback_request_vote (workspace_id, account_id);

create table feedback_request_comment (
    workspace_id bigint      not null references workspace,
    comment_id   bigint generated always as identity,
    request_id   bigint      not null,
    author       text        not null check (length(author) <= 200),
    body         text        not null check (length(body) between 1 and 5000),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, comment_id),
    foreign key (workspace_id, request_id) references feedback_request (workspace_id, request_id)
);
create index feedback_comment_by_request on feedback_request_comment (workspace_id, request_id);

create table feedback_review (
    workspace_id  bigint        not null references workspace,
    review_id     bigint generated always as identity,
    source        text          not null check (source ~ '^[a-z][a-z0-9_]{0,39}$'),
    dedup_key     text          not null,
    rating        numeric(2, 1) not null check (rating between 1 and 5),
    title         text          check (length(title) <= 300),
    body          text          not null default '' check (length(body) <= 20000),
    author        text          check (length(author) <= 200),
    author_email  text          check (length(author_email) <= 320),
    reviewed_on   date          not null,
    url           text          check (length(url) <= 2000),
    language      text          not null default 'ja' check (language in ('ja', 'en')),
    account_id    bigint,
    reply         text          check (length(reply) <= 5000),
    replied_at    timestamptz,
    replied_by    text,
    created_at    timestamptz   not null default now(),
    primary key (workspace_id, review_id),
    unique (workspace_id, source, dedup_key),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id)
);
create index feedback_review_by_day on feedback_review (workspace_id, reviewed_on desc, review_id);
create index feedback_review_negative on feedback_review (workspace_id, reviewed_on desc) where rating <= 2;
