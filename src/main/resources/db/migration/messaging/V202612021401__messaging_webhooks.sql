-- Webhook and Slack subscriptions and their deliveries (ADR 0089).
create table messaging_webhook (
    workspace_id   bigint      not null references workspace,
    webhook_id     bigint generated always as identity,
    name           text        not null check (length(name) between 1 and 100),
    url            text        not null check (length(url) between 1 and 2048),
    kind           text        not null check (kind in ('webhook', 'slack')),
    events         text[]      not null,
    secret_sealed  text        not null,
    active         boolean     not null default true,
    created_at     timestamptz not null default now(),
    primary key (workspace_id, webhook_id)
);

create table messaging_delivery (
    workspace_id    bigint      not null,
    delivery_id     bigint generated always as identity,
    webhook_id      bigint      not null,
    delivery_key    text        not null check (length(delivery_key) between 1 and 300),
    event_type      text        not null,
    payload         text        not null,
    status          text        not null check (status in ('queued', 'sending', 'delivered', 'retrying', 'failed')),
    attempts        integer     not null default 0,
    response_status integer,
    last_error      text,
    next_attempt_at timestamptz not null default now(),
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz,
    primary key (workspace_id, delivery_id),
    unique (workspace_id, webhook_id, delivery_key),
    foreign key (workspace_id, webhook_id) references messaging_webhook (workspace_id, webhook_id) on delete cascade
);
create index messaging_delivery_due on messaging_delivery (next_attempt_at) where status in ('queued', 'retrying', 'sending');
create index messaging_delivery_recent on messaging_delivery (workspace_id, webhook_id, created_at desc);
