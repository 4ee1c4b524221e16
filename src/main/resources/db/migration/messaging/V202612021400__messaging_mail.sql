-- Outbound mail: the workspace's SMTP settings, templates, the outbox, unsubscribe tokens and the suppression list
-- (ADR 0088).
create table messaging_smtp_settings (
    workspace_id    bigint      not null references workspace,
    host            text        not null check (length(host) between 1 and 253),
    port            integer     not null check (port between 1 and 65535),
    security        text        not null check (security in ('none', 'starttls', 'ssl')),
    username        text        check (length(username) <= 200),
    password_sealed text,
    from_address    text        not null check (length(from_address) between 3 and 254),
    rate_per_minute integer     not null default 60 check (rate_per_minute between 0 and 100000),
    updated_at      timestamptz not null default now(),
    primary key (workspace_id)
);

create table messaging_template (
    workspace_id bigint      not null references workspace,
    template_id  bigint generated always as identity,
    key          text        not null check (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    language     text        not null check (language in ('ja', 'en')),
    name         text        not null check (length(name) between 1 and 100),
    subject      text        not null check (length(subject) between 1 and 300),
    body         text        not null check (length(body) between 1 and 20000),
    updated_at   timestamptz not null default now(),
    primary key (workspace_id, template_id),
    unique (workspace_id, key, language)
);

-- One row per message ever asked for; message_key (a playbook step's key) makes a second request a no-op.
create table messaging_outbox (
    workspace_id    bigint      not null references workspace,
    message_id      bigint generated always as identity,
    message_key     text        not null check (length(message_key) between 1 and 300),
    account_ext_id  text,
    to_address      text        not null,
    to_name         text,
    from_name       text        not null,
    subject         text        not null,
    body_text       text        not null,
    body_html       text        not null,
    language        text        not null,
    status          text        not null check (status in ('queued', 'sending', 'sent', 'retrying', 'failed', 'suppressed')),
    attempts        integer     not null default 0,
    last_error      text,
    next_attempt_at timestamptz not null default now(),
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    primary key (workspace_id, message_id),
    unique (workspace_id, message_key)
);
create index messaging_outbox_due on messaging_outbox (next_attempt_at) where status in ('queued', 'retrying', 'sending');
create index messaging_outbox_recent on messaging_outbox (workspace_id, created_at desc);

-- A recipient's unsubscribe token: unguessable (256 bits), one per address and workspace.
create table messaging_recipient (
    workspace_id bigint      not null references workspace,
    email        text        not null,
    token        text        not null unique,
    created_at   timestamptz not null default now(),
    primary key (workspace_id, email)
);

create table messaging_suppression (
    workspace_id bigint      not null references workspace,
    email        text        not null,
    reason       text        not null check (reason in ('unsubscribed', 'manual', 'bounced')),
    created_at   timestamptz not null default now(),
    primary key (workspace_id, email)
);
