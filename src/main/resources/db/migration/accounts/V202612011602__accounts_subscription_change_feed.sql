-- The subscription change feed (ADR 0020): every insert, update and delete of subscription_change, whoever writes it
-- (the application, an import, another node, SQL by hand), is noted once per subscribed consumer. A consumer reads
-- only through the functions below, never the tables. It replaces the triggers revenue's V13 put on this table:
-- the owner of a table is the only one that puts triggers on it.
create table subscription_feed_consumer (
    consumer text not null primary key check (consumer ~ '^[a-z][a-z0-9_]*$')
);

-- No key on purpose: a row noted while a consumer claims stays for its next claim.
create table subscription_feed (
    consumer        text   not null,
    workspace_id    bigint not null,
    subscription_id bigint not null,
    account_id      bigint not null
);
create index subscription_feed_by_consumer on subscription_feed (consumer, workspace_id);

create function accounts_note_changed_subscriptions() returns trigger language plpgsql as $$
begin
    insert into subscription_feed (consumer, workspace_id, subscription_id, account_id)
    select f.consumer, r.workspace_id, r.subscription_id, r.account_id
    from (select distinct workspace_id, subscription_id, account_id from changed_rows) r
    cross join subscription_feed_consumer f;
    return null;
end
$$;

-- An update may move rows from one account to another: both accounts changed.
create function accounts_note_updated_subscriptions() returns trigger language plpgsql as $$
begin
    insert into subscription_feed (consumer, workspace_id, subscription_id, account_id)
    select f.consumer, r.workspace_id, r.subscription_id, r.account_id
    from (select workspace_id, subscription_id, account_id from old_rows
          union
          select workspace_id, subscription_id, account_id from new_rows) r
    cross join subscription_feed_consumer f;
    return null;
end
$$;

-- Revenue's triggers out, the feed's in, in one transaction: no change goes unnoted in between.
drop trigger subscription_change_inserted on subscription_change;
drop trigger subscription_change_updated on subscription_change;
drop trigger subscription_change_deleted on subscription_change;

create trigger accounts_subscription_change_inserted after insert on subscription_change
    referencing new table as changed_rows for each statement execute function accounts_note_changed_subscriptions();
create trigger accounts_subscription_change_updated after update on subscription_change
    referencing old table as old_rows new table as new_rows
    for each statement execute function accounts_note_updated_subscriptions();
create trigger accounts_subscription_change_deleted after delete on subscription_change
    referencing old table as changed_rows for each statement execute function accounts_note_changed_subscriptions();

-- A consumer subscribes once (from its own migration); changes are noted for it from then on.
create function accounts_subscribe_subscription_changes(p_consumer text) returns void language sql as $$
    insert into subscription_feed_consumer (consumer) values (p_consumer) on conflict do nothing;
$$;

-- Whether anything is noted for the consumer in the workspace (an index probe).
create function accounts_has_subscription_changes(p_consumer text, p_workspace bigint) returns boolean
    language sql stable as $$
    select exists (select 1 from subscription_feed where consumer = p_consumer and workspace_id = p_workspace);
$$;

-- Takes what is noted for the consumer in the workspace. Volatile: the delete runs with a snapshot of its own, taken
-- when it runs, so the caller reads the histories of what it claimed in a later statement, never in the same one.
create function accounts_claim_subscription_changes(p_consumer text, p_workspace bigint)
    returns table (subscription_id bigint, account_id bigint) language sql as $$
    delete from subscription_feed f where f.consumer = p_consumer and f.workspace_id = p_workspace
    returning f.subscription_id, f.account_id;
$$;
