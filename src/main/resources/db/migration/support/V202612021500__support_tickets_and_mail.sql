-- Support desk (ADR 0091): tickets with their messages, history, attachments, the original mail byte for byte,
-- mail channels with sealed passwords, macros and agents' availability. Tickets carry account_id for co-location.
create table support_channel (
    workspace_id        bigint      not null references workspace,
    channel_id          bigint generated always as identity,
    name                text        not null check (length(name) between 1 and 200),
    address             text        not null check (length(address) between 3 and 320),
    imap_host           text        not null check (length(imap_host) between 1 and 253),
    imap_port           int         not null check (imap_port between 1 and 65535),
    imap_user           text        not null check (length(imap_user) between 1 and 320),
    imap_password       text        not null,
    imap_tls            boolean     not null default true,
    smtp_host           text        not null check (length(smtp_host) between 1 and 253),
    smtp_port           int         not null check (smtp_port between 1 and 65535),
    smtp_user           text,
    smtp_password       text,
    smtp_tls            boolean     not null default true,
    enabled             boolean     not null default true,
    last_uid            bigint      not null default 0,
    uid_validity        bigint,
    failures            int         not null default 0,
    last_fetch_at       timestamptz,
    last_success_at     timestamptz,
    last_error          text,
    next_fetch_at       timestamptz not null default now(),
    fetched_total       bigint      not null default 0,
    created_at          timestamptz not null default now(),
    primary key (workspace_id, channel_id),
    unique (workspace_id, address)
);
create index support_channel_due on support_channel (next_fetch_at) where enabled;

-- Tickets, messages and attachments are numbered per workspace (#1, #2 … as agents and customers say them).
create table support_counter (
    workspace_id  bigint not null references workspace,
    kind          text   not null check (kind in ('ticket', 'message', 'attachment')),
    last          bigint not null,
    primary key (workspace_id, kind)
);

create table support_ticket (
    workspace_id          bigint      not null references workspace,
    ticket_id             bigint      not null,
    account_id            bigint,
    requester_contact_id  bigint,
    requester_email       text,
    requester_name        text,
    subject               text        not null check (length(subject) <= 1000),
    status                text        not null default 'new'
        check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    priority              text        not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
    type                  text        not null default 'question'
        check (type in ('question', 'incident', 'problem', 'task', 'auto_reply', 'bounce')),
    tags                  text[]      not null default '{}',
    channel               text        not null check (channel in ('email', 'phone', 'api', 'web', 'import')),
    channel_id            bigint,
    assignee_user_id      bigint,
    merged_into_id        bigint,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    status_changed_at     timestamptz not null default now(),
    first_response_at     timestamptz,
    last_customer_at      timestamptz,
    last_agent_at         timestamptz,
    solved_at             timestamptz,
    closed_at             timestamptz,
    primary key (workspace_id, ticket_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id),
    foreign key (workspace_id, requester_contact_id) references contact (workspace_id, contact_id),
    foreign key (workspace_id, assignee_user_id) references app_user (workspace_id, user_id),
    foreign key (workspace_id, channel_id) references support_channel (workspace_id, channel_id),
    foreign key (workspace_id, merged_into_id) references support_ticket (workspace_id, ticket_id)
);
-- One index per view, each read newest first by keyset (ticket_id desc), ADR 0093.
create index support_ticket_open_by_assignee on support_ticket (workspace_id, assignee_user_id, ticket_id desc)
    where status in ('new', 'open', 'pending', 'on_hold');
create index support_ticket_unassigned on support_ticket (workspace_id, ticket_id desc)
    where assignee_user_id is null and status in ('new', 'open', 'pending', 'on_hold');
create index support_ticket_by_status on support_ticket (workspace_id, status, ticket_id desc);
create index support_ticket_by_account on support_ticket (workspace_id, account_id, created_at);
create index support_ticket_solved on support_ticket (workspace_id, solved_at) where status = 'solved';

-- The original message, byte for byte; the same bytes are stored once per workspace.
create table support_raw_mail (
    workspace_id   bigint      not null references workspace,
    raw_id         bigint generated always as identity,
    sha256         bytea       not null,
    size           int         not null,
    content        bytea       not null,
    received_at    timestamptz not null default now(),
    primary key (workspace_id, raw_id),
    unique (workspace_id, sha256)
);

create table support_message (
    workspace_id     bigint      not null references workspace,
    message_id       bigint      not null,
    ticket_id        bigint      not null,
    account_id       bigint,
    kind             text        not null check (kind in ('customer', 'agent', 'note', 'call', 'system')),
    author_user_id   bigint,
    from_address     text,
    from_name        text,
    to_addresses     text[]      not null default '{}',
    subject          text,
    body_text        text        not null default '',
    body_html        text,
    mail_message_id  text,
    in_reply_to      text,
    mail_references  text[]      not null default '{}',
    raw_id           bigint,
    automatic        text check (automatic in ('auto_reply', 'bounce')),
    problems         text[]      not null default '{}',
    call_direction   text check (call_direction in ('inbound', 'outbound')),
    call_seconds     int check (call_seconds between 0 and 86400),
    delivery         text check (delivery in ('queued', 'sent', 'failed')),
    delivery_error   text,
    created_at       timestamptz not null default now(),
    primary key (workspace_id, message_id),
    foreign key (workspace_id, ticket_id) references support_ticket (workspace_id, ticket_id),
    foreign key (workspace_id, raw_id) references support_raw_mail (workspace_id, raw_id),
    foreign key (workspace_id, author_user_id) references app_user (workspace_id, user_id)
);
create index support_message_ticket on support_message (workspace_id, ticket_id, message_id);
create unique index support_message_mail_id on support_message (workspace_id, mail_message_id, raw_id)
    where mail_message_id is not null;
create index support_message_by_mail_id on support_message (workspace_id, mail_message_id)
    where mail_message_id is not null;

create table support_attachment (
    workspace_id   bigint      not null references workspace,
    attachment_id  bigint      not null,
    message_id     bigint      not null,
    file_name      text        not null check (length(file_name) between 1 and 255),
    content_type   text        not null check (length(content_type) <= 255),
    size           bigint      not null,
    sha256         bytea       not null,
    content        bytea       not null,
    primary key (workspace_id, attachment_id),
    foreign key (workspace_id, message_id) references support_message (workspace_id, message_id)
);
create index support_attachment_message on support_attachment (workspace_id, message_id);

-- Every change of a ticket, with its time (the SLA clock reads status changes from here).
create table support_ticket_change (
    workspace_id   bigint      not null references workspace,
    change_id      bigint generated always as identity,
    ticket_id      bigint      not null,
    at             timestamptz not null default now(),
    actor_user_id  bigint,
    field          text        not null,
    old_value      text,
    new_value      text,
    primary key (workspace_id, change_id),
    foreign key (workspace_id, ticket_id) references support_ticket (workspace_id, ticket_id)
);
create index support_ticket_change_ticket on support_ticket_change (workspace_id, ticket_id, change_id);

create table support_macro (
    workspace_id   bigint      not null references workspace,
    macro_id       bigint generated always as identity,
    name           text        not null check (length(name) between 1 and 200),
    language       text        not null check (language in ('ja', 'en')),
    body           text        not null check (length(body) between 1 and 20000),
    set_status     text check (set_status in ('open', 'pending', 'on_hold', 'solved')),
    created_at     timestamptz not null default now(),
    primary key (workspace_id, macro_id),
    unique (workspace_id, name, language)
);

create table support_agent (
    workspace_id     bigint      not null references workspace,
    user_id          bigint      not null,
    available        boolean     not null default true,
    open_cap         int         not null default 25 check (open_cap between 1 and 10000),
    last_assigned_at timestamptz,
    primary key (workspace_id, user_id),
    foreign key (workspace_id, user_id) references app_user (workspace_id, user_id)
);

create table support_settings (
    workspace_id        bigint      not null primary key references workspace,
    auto_close_days     int         not null default 7 check (auto_close_days between 1 and 365),
    round_robin         boolean     not null default true,
    attachment_limit    bigint      not null default 26214400,
    workspace_limit     bigint      not null default 10737418240
);

-- What other modules may read: open tickets and tickets in the last 30 days per account.
create view support_v_account_tickets as
select workspace_id, account_id,
       count(*) filter (where status in ('new', 'open', 'pending', 'on_hold')) as open_tickets,
       count(*) filter (where created_at >= now() - interval '30 days') as tickets_30d,
       count(*) filter (where created_at >= now() - interval '90 days') as tickets_90d
from support_ticket
where account_id is not null and merged_into_id is null
group by workspace_id, account_id;
