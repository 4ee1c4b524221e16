-- Knowledge base (ADR 0097–0100): categories with sections, articles with a ja and an en translation, every saved
-- version, the change log the search index of each node follows, and what the help center records.
create table knowledge_category (
    workspace_id bigint      not null references workspace,
    category_id  bigint generated always as identity,
    parent_id    bigint,
    name_ja      text        check (length(name_ja) between 1 and 100),
    name_en      text        check (length(name_en) between 1 and 100),
    position     integer     not null default 0,
    created_at   timestamptz not null default now(),
    primary key (workspace_id, category_id),
    foreign key (workspace_id, parent_id) references knowledge_category (workspace_id, category_id),
    check (name_ja is not null or name_en is not null)
);

create table knowledge_article (
    workspace_id bigint      not null references workspace,
    article_id   bigint generated always as identity,
    category_id  bigint,
    visibility   text        not null default 'public' check (visibility in ('public', 'internal')),
    status       text        not null default 'draft' check (status in ('draft', 'published', 'archived')),
    tags         text[]      not null default '{}' check (cardinality(tags) <= 20),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    published_at timestamptz,
    primary key (workspace_id, article_id),
    foreign key (workspace_id, category_id) references knowledge_category (workspace_id, category_id)
);
create index knowledge_article_by_status on knowledge_article (workspace_id, status, visibility, updated_at desc);

-- One row per language version; version counts the saves of this language.
create table knowledge_translation (
    workspace_id bigint      not null,
    article_id   bigint      not null,
    language     text        not null check (language in ('ja', 'en')),
    title        text        not null check (length(title) between 1 and 200),
    slug         text        check (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
    description  text        check (length(description) <= 300),
    body         text        not null check (length(body) <= 200000),
    version      integer     not null,
    updated_at   timestamptz not null default now(),
    updated_by   text        not null,
    primary key (workspace_id, article_id, language),
    foreign key (workspace_id, article_id) references knowledge_article (workspace_id, article_id) on delete cascade
);

create table knowledge_version (
    workspace_id bigint      not null,
    article_id   bigint      not null,
    language     text        not null,
    version      integer     not null,
    title        text        not null,
    body         text        not null,
    saved_at     timestamptz not null default now(),
    saved_by     text        not null,
    note         text,
    primary key (workspace_id, article_id, language, version),
    foreign key (workspace_id, article_id, language)
        references knowledge_translation (workspace_id, article_id, language) on delete cascade
);

-- Every change to what the index holds of an article; each node applies the changes after the last it has (ADR 0098).
create table knowledge_change (
    workspace_id bigint      not null references workspace,
    change_id    bigint generated always as identity,
    article_id   bigint      not null,
    changed_at   timestamptz not null default now(),
    primary key (workspace_id, change_id)
);
create index knowledge_change_in_order on knowledge_change (change_id);

-- The help center's visitors (a random cookie id, no person), for deflection once tickets exist (ADR 0100).
create table knowledge_session (
    workspace_id bigint      not null references workspace,
    session_id   text        not null check (length(session_id) between 8 and 64),
    started_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    searches     integer     not null default 0,
    views        integer     not null default 0,
    primary key (workspace_id, session_id)
);

create table knowledge_search (
    workspace_id bigint      not null references workspace,
    search_id    bigint generated always as identity,
    session_id   text,
    audience     text        not null check (audience in ('public', 'agent', 'api')),
    query        text        not null check (length(query) <= 200),
    results      integer     not null,
    searched_at  timestamptz not null default now(),
    primary key (workspace_id, search_id)
);
create index knowledge_search_by_time on knowledge_search (workspace_id, searched_at);

create table knowledge_click (
    workspace_id bigint      not null,
    search_id    bigint      not null,
    article_id   bigint      not null,
    clicked_at   timestamptz not null default now(),
    primary key (workspace_id, search_id, article_id),
    foreign key (workspace_id, search_id) references knowledge_search (workspace_id, search_id) on delete cascade,
    foreign key (workspace_id, article_id) references knowledge_article (workspace_id, article_id) on delete cascade
);

create table knowledge_view (
    workspace_id bigint      not null,
    article_id   bigint      not null,
    day          date        not null,
    views        integer     not null default 0,
    primary key (workspace_id, article_id, day),
    foreign key (workspace_id, article_id) references knowledge_article (workspace_id, article_id) on delete cascade
);

create table knowledge_feedback (
    workspace_id bigint      not null,
    feedback_id  bigint generated always as identity,
    article_id   bigint      not null,
    language     text        not null check (language in ('ja', 'en')),
    helpful      boolean     not null,
    reason       text        check (reason in ('solved', 'clear', 'unclear', 'outdated', 'incomplete', 'not_my_problem', 'other')),
    comment      text        check (length(comment) <= 1000),
    session_id   text,
    created_at   timestamptz not null default now(),
    primary key (workspace_id, feedback_id),
    foreign key (workspace_id, article_id) references knowledge_article (workspace_id, article_id) on delete cascade
);
