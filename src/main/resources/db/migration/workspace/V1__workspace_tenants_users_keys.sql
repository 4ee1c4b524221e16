-- Tenants, their users, write keys (ingestion) and API tokens (REST), and the audit trail.
create table workspace (
    workspace_id bigint generated always as identity primary key,
    slug         text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name         text        not null check (length(name) between 1 and 200),
    currency     char(3)     not null default 'JPY',
    time_zone    text        not null default 'Asia/Tokyo',
    locale       text        not null default 'ja' check (locale in ('ja', 'en')),
    created_at   timestamptz not null default now()
);

create table app_user (
    workspace_id  bigint      not null references workspace,
    user_id       bigint generated always as identity,
    email         text        not null,
    display_name  text        not null,
    password_hash text        not null,
    role          text        not null check (role in ('admin', 'manager', 'csm', 'support', 'viewer')),
    disabled      boolean     not null default false,
    created_at    timestamptz not null default now(),
    primary key (workspace_id, user_id)
);
-- People sign in with their e-mail address alone, so it names one user across the installation.
create unique index app_user_email on app_user (lower(email));

-- Keys are random 32-byte secrets: a SHA-256 digest is enough to store them (ADR 0004).
create table write_key (
    workspace_id bigint      not null references workspace,
    key_id       bigint generated always as identity,
    name         text        not null,
    key_hash     bytea       not null unique,
    key_hint     text        not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    primary key (workspace_id, key_id)
);

create table api_token (
    workspace_id bigint      not null references workspace,
    token_id     bigint generated always as identity,
    name         text        not null,
    token_hash   bytea       not null unique,
    token_hint   text        not null,
    scope        text        not null check (scope in ('read', 'read_write')),
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    primary key (workspace_id, token_id)
);

create table audit_log (
    workspace_id bigint      not null references workspace,
    audit_id     bigint generated always as identity,
    occurred_at  timestamptz not null default now(),
    actor        text        not null,
    action       text        not null,
    target       text,
    detail       jsonb       not null default '{}',
    remote_addr  text,
    primary key (workspace_id, audit_id)
);
