-- The revenue read model (ADR 0017) learns of changed subscriptions from the accounts module's change feed
-- (ADR 0020), which took the place of V13's triggers on subscription_change. What V13's triggers noted and no
-- catch-up has claimed yet stays in revenue_pending and is claimed with the feed's rows.
select accounts_subscribe_subscription_changes('revenue');
drop function revenue_note_changed_rows();
drop function revenue_note_updated_rows();

-- How many catch-ups brought changes into the read model, per workspace: answers kept from it (RevenueReports) are
-- current while nothing is pending and this has not moved since they were computed, on every node.
create table revenue_catch_up (
    workspace_id bigint not null primary key,
    generation   bigint not null
);
