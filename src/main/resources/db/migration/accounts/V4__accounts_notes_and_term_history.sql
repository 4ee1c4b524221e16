-- Notes a CSM writes on an account; a note counts as a CSM touch.
create table account_note (
    workspace_id   bigint      not null,
    note_id        bigint generated always as identity,
    account_id     bigint      not null,
    author         text        not null,
    body           text        not null check (length(body) between 1 and 10000),
    created_at     timestamptz not null default now(),
    primary key (workspace_id, note_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id)
);
create index account_note_by_account on account_note (workspace_id, account_id, created_at);

-- The renewal date is part of a subscription's state, so that history answers "when was it due to renew then?".
alter table subscription_change add column current_term_end date;
update subscription_change c set current_term_end = s.current_term_end
from subscription s where s.workspace_id = c.workspace_id and s.subscription_id = c.subscription_id;
