-- Accounts (companies), contacts (their people) and subscriptions with a full change history.
create table account (
    workspace_id      bigint      not null references workspace,
    account_id        bigint generated always as identity,
    external_id       text        not null check (length(external_id) between 1 and 200),
    name              text        not null check (length(name) between 1 and 300),
    domain            text,
    industry          text,
    tier              text,
    owner_user_id     bigint,
    lifecycle_stage   text,
    parent_account_id bigint,
    attributes        jsonb       not null default '{}',
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    primary key (workspace_id, account_id),
    unique (workspace_id, external_id),
    foreign key (workspace_id, parent_account_id) references account (workspace_id, account_id),
    foreign key (workspace_id, owner_user_id) references app_user (workspace_id, user_id)
);
create index account_attributes on account using gin (attributes jsonb_path_ops);
create index account_name on account (workspace_id, lower(name));

create table contact (
    workspace_id  bigint      not null references workspace,
    contact_id    bigint generated always as identity,
    external_id   text        not null check (length(external_id) between 1 and 200),
    email         text,
    name          text,
    role          text,
    account_id    bigint,
    first_seen_at timestamptz,
    last_seen_at  timestamptz,
    traits        jsonb       not null default '{}',
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (workspace_id, contact_id),
    unique (workspace_id, external_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id)
);
create index contact_account on contact (workspace_id, account_id);

create table subscription (
    workspace_id    bigint      not null references workspace,
    subscription_id bigint generated always as identity,
    external_id     text        not null check (length(external_id) between 1 and 200),
    account_id      bigint      not null,
    product         text        not null default 'default',
    plan            text        not null,
    mrr_minor       bigint      not null check (mrr_minor >= 0),
    currency        char(3)     not null,
    seats           integer     not null default 0 check (seats >= 0),
    status          text        not null check (status in ('trial', 'active', 'past_due', 'canceled')),
    started_on      date        not null,
    current_term_end date,
    canceled_on     date,
    cancel_reason   text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    primary key (workspace_id, subscription_id),
    unique (workspace_id, external_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id),
    check (canceled_on is null or canceled_on >= started_on)
);
create index subscription_account on subscription (workspace_id, account_id);

-- Every state a subscription has been in, from the day it took effect: MRR movements are derived from it.
create table subscription_change (
    workspace_id    bigint      not null,
    change_id       bigint generated always as identity,
    subscription_id bigint      not null,
    account_id      bigint      not null,
    effective_on    date        not null,
    recorded_at     timestamptz not null default now(),
    plan            text        not null,
    mrr_minor       bigint      not null,
    currency        char(3)     not null,
    seats           integer     not null,
    status          text        not null,
    primary key (workspace_id, change_id),
    foreign key (workspace_id, subscription_id) references subscription (workspace_id, subscription_id)
);
create index subscription_change_by_subscription
    on subscription_change (workspace_id, subscription_id, effective_on, change_id);
create index subscription_change_by_account on subscription_change (workspace_id, account_id, effective_on);
