-- Health: each account's standing as of the latest scoring run, rewritten by every run. The accounts list, the
-- at-risk worklist and the portfolio sort, filter and sum on it instead of recomputing states per view (ADR 0012).
create table health_account_status (
    workspace_id          bigint  not null,
    account_id            bigint  not null,
    day                   date    not null,
    score                 numeric(5, 2),
    band                  text check (band in ('red', 'yellow', 'green')),
    live                  boolean not null,
    arr_minor             bigint  not null,
    currency              char(3),
    next_renewal_on       date,
    last_active_on        date,
    revenue_at_risk_minor bigint  not null,
    signal_kinds          text[]  not null default '{}',
    primary key (workspace_id, account_id)
);
-- One index per sort key and direction, nulls last both ways, so a page is read in order and stops at its limit.
create index health_status_score_asc on health_account_status (workspace_id, score asc nulls last, account_id);
create index health_status_score_desc on health_account_status (workspace_id, score desc nulls last, account_id);
create index health_status_arr on health_account_status (workspace_id, arr_minor, account_id);
create index health_status_renewal_asc on health_account_status (workspace_id, next_renewal_on asc nulls last, account_id);
create index health_status_renewal_desc on health_account_status (workspace_id, next_renewal_on desc nulls last, account_id);
create index health_status_active_asc on health_account_status (workspace_id, last_active_on asc nulls last, account_id);
create index health_status_active_desc on health_account_status (workspace_id, last_active_on desc nulls last, account_id);
create index health_status_risk on health_account_status (workspace_id, revenue_at_risk_minor desc, account_id) where live;
create index health_status_band on health_account_status (workspace_id, band);
create index health_status_signals on health_account_status using gin (signal_kinds);

-- Accounts: the list's name order and owner filter.
create index account_list_name on account (workspace_id, name, account_id);
create index account_owner on account (workspace_id, owner_user_id);
