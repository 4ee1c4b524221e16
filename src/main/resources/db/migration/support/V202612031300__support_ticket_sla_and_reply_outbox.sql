-- SLA wiring (ADR 0116): each ticket's clocks under the policy that applies, as of the last change or job run.
-- The policy in force over time is in support_ticket_change (field 'sla_policy'), so a change mid-ticket keeps the
-- business time already counted (SlaClock). Rows exist only for tickets a policy applies to.
create table support_ticket_sla (
    workspace_id            bigint      not null references workspace,
    ticket_id               bigint      not null,
    policy_key              text        not null,
    priority                text        not null,
    open                    boolean     not null,
    created_at              timestamptz not null,
    first_response_state    text        not null,
    first_response_due_at   timestamptz,
    first_response_seconds  bigint,
    next_response_state     text        not null,
    next_response_due_at    timestamptz,
    resolution_state        text        not null,
    resolution_due_at       timestamptz,
    resolution_seconds      bigint,
    next_due_at             timestamptz,
    warn_at                 timestamptz,
    breached                boolean     not null,
    breaches                int         not null,
    warned_due_at           timestamptz,
    breaches_published      int         not null default 0,
    computed_at             timestamptz not null default now(),
    primary key (workspace_id, ticket_id),
    foreign key (workspace_id, ticket_id) references support_ticket (workspace_id, ticket_id)
);
-- The inbox's "breached" view by keyset, the "breaching soon" view by warning time, and the job's scan of what
-- falls due across workspaces.
create index support_ticket_sla_breached on support_ticket_sla (workspace_id, ticket_id desc) where open and breached;
create index support_ticket_sla_warn on support_ticket_sla (workspace_id, warn_at) where open;
create index support_ticket_sla_due on support_ticket_sla (next_due_at) where open;
create index support_ticket_sla_warn_all on support_ticket_sla (warn_at) where open;
-- a breach found when a ticket changed (not by the watch) is still to be published
create index support_ticket_sla_unpublished on support_ticket_sla (workspace_id) where breaches > breaches_published;
-- The SLA report reads tickets by creation month.
create index support_ticket_sla_report on support_ticket_sla (workspace_id, created_at);

-- Replies leave through an outbox (ADR 0117): stored as queued in the request, sent by a job with retries.
alter table support_message add column delivery_channel_id bigint;
alter table support_message add column delivery_attempts int not null default 0;
alter table support_message add column delivery_next_at timestamptz;
create index support_message_outbox on support_message (delivery_next_at) where delivery = 'queued';
