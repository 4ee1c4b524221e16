-- Each account's touch level as the touch model last placed it (ADR 0037): recomputed after every evaluation of the
-- segments (scoring runs, account changes) and when the touch model is saved. Accounts not yet placed (created since)
-- read as tech-touch through the view's consumers' coalesce.
create table touch_account (
    workspace_id bigint      not null,
    account_id   bigint      not null,
    level        text        not null check (level in ('high', 'mid', 'tech')),
    assigned_at  timestamptz not null,
    primary key (workspace_id, account_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id) on delete cascade
);
create index touch_account_by_level on touch_account (workspace_id, level);

-- What other modules may read (the accounts list's touch column and filter, exports, account 360).
create view segments_v_touch as
select workspace_id, account_id, level, assigned_at
from touch_account;
