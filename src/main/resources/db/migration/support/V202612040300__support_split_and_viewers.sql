-- Agents' work (issue 16 item 5, ADR 0137). Splitting a message into a new ticket needs no new column: both tickets'
-- histories say so (split_into, split_from). Who has a ticket open is kept here, one row per agent and ticket,
-- refreshed by the page's heartbeat every 5 s and read by every app node. Unlogged: presence is worth nothing after
-- a crash (the table is emptied on recovery) and the next heartbeat writes it again, so it skips the WAL.
create unlogged table support_ticket_viewer (
    workspace_id  bigint      not null references workspace,
    ticket_id     bigint      not null,
    user_id       bigint      not null,
    seen_at       timestamptz not null default now(),
    typing_at     timestamptz,
    primary key (workspace_id, ticket_id, user_id),
    foreign key (workspace_id, ticket_id) references support_ticket (workspace_id, ticket_id) on delete cascade
);
create index support_ticket_viewer_user on support_ticket_viewer (workspace_id, user_id, seen_at);
