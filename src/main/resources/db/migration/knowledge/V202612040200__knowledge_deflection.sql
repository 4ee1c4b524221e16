-- Deflection joined with tickets (ADR 0135): a session belongs to a visitor (a random id the help center and the web
-- form share for 180 days), and a ticket opened through the web form is noted with that visitor and the session it
-- came from. A session "ended in a ticket" when its visitor opened one within N days of the session's start.
alter table knowledge_session add column visitor_id text check (length(visitor_id) between 16 and 64);
create index knowledge_session_by_visitor on knowledge_session (workspace_id, visitor_id) where visitor_id is not null;
create index knowledge_session_by_start on knowledge_session (workspace_id, started_at);

create table knowledge_ticket (
    workspace_id bigint      not null references workspace,
    ticket_id    bigint      not null,
    visitor_id   text        check (length(visitor_id) between 16 and 64),
    session_id   text        check (length(session_id) between 8 and 64),
    opened_at    timestamptz not null,
    primary key (workspace_id, ticket_id)
);
create index knowledge_ticket_by_visitor on knowledge_ticket (workspace_id, visitor_id, opened_at) where visitor_id is not null;
create index knowledge_ticket_by_session on knowledge_ticket (workspace_id, session_id) where session_id is not null;
