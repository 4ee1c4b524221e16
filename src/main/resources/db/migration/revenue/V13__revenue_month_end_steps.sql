-- The revenue read model (ADR 0017): each account's MRR at month ends, kept as the months where it changes. MRR
-- movements and cohort matrices group these rows instead of rebuilding every account's history per query.
create table revenue_step (
    workspace_id bigint  not null,
    account_id   bigint  not null,
    currency     char(3) not null,
    month        date    not null, -- the month whose end has the new MRR
    opening      bigint  not null, -- MRR at the end of the month before
    closing      bigint  not null, -- MRR at the end of this month
    movement     text    not null check (movement in ('new', 'reactivation', 'expansion', 'contraction', 'churn')),
    cohort       date    not null, -- the account's first month end with MRR in this currency
    cohort_plan  text    not null, -- the plan of its largest subscription then
    k            integer not null, -- months from the cohort to this month
    primary key (workspace_id, account_id, currency, month),
    check (opening <> closing and opening >= 0 and closing >= 0)
);
create index revenue_step_by_cohort on revenue_step (workspace_id, cohort);

-- Subscriptions (and their accounts) whose history changed since the read model last looked at them: a trigger notes every insert,
-- update and delete of subscription_change, whoever writes it (the application, an import, another node, SQL by
-- hand), and readers bring the changed accounts up to date before they query. No key: a row noted while a refresh
-- runs stays for the next one.
create table revenue_pending (
    workspace_id    bigint not null,
    subscription_id bigint not null,
    account_id      bigint not null
);
create index revenue_pending_by_workspace on revenue_pending (workspace_id);

create function revenue_note_changed_rows() returns trigger language plpgsql as $$
begin
    insert into revenue_pending (workspace_id, subscription_id, account_id)
    select distinct workspace_id, subscription_id, account_id from changed_rows;
    return null;
end
$$;

-- An update may move rows from one account to another: both accounts change.
create function revenue_note_updated_rows() returns trigger language plpgsql as $$
begin
    insert into revenue_pending (workspace_id, subscription_id, account_id)
    select workspace_id, subscription_id, account_id from old_rows
    union
    select workspace_id, subscription_id, account_id from new_rows;
    return null;
end
$$;

create trigger subscription_change_inserted after insert on subscription_change
    referencing new table as changed_rows for each statement execute function revenue_note_changed_rows();
create trigger subscription_change_updated after update on subscription_change
    referencing old table as old_rows new table as new_rows
    for each statement execute function revenue_note_updated_rows();
create trigger subscription_change_deleted after delete on subscription_change
    referencing old table as changed_rows for each statement execute function revenue_note_changed_rows();

-- The history already recorded is brought in by the first read.
insert into revenue_pending (workspace_id, subscription_id, account_id)
select distinct workspace_id, subscription_id, account_id from subscription_change;
