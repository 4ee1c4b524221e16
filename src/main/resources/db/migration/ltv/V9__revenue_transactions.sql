-- The transaction log of businesses that sell without contracts (e-commerce, usage billing, points shops).
-- One row per purchase line; source_id identifies the line in its source so that a re-import stores nothing twice.
-- The customer is linked to a contact with that external id (and the contact's account), else to an account with it.
create table customer_transaction (
    workspace_id   bigint      not null references workspace,
    transaction_id bigint generated always as identity,
    source_id      text        not null check (length(source_id) between 1 and 200),
    customer_id    text        not null check (length(customer_id) between 1 and 200),
    account_id     bigint,
    contact_id     bigint,
    occurred_at    timestamptz not null,
    amount_minor   bigint      not null check (amount_minor > 0),
    currency       char(3)     not null,
    recorded_at    timestamptz not null default now(),
    primary key (workspace_id, transaction_id),
    unique (workspace_id, source_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id),
    foreign key (workspace_id, contact_id) references contact (workspace_id, contact_id)
);
create index customer_transaction_by_customer on customer_transaction (workspace_id, customer_id, occurred_at);
create index customer_transaction_by_account on customer_transaction (workspace_id, account_id)
    where account_id is not null;
