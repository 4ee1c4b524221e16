-- The account indexes that health's V11, V11_1 and V11_2 created for the accounts list become the accounts
-- module's: a module's migrations touch only its own tables (ADR 0020). Renamed, not rebuilt: a rename is instant
-- at 100,000 accounts and keeps the plans the list was measured with. V11* stay as they were (their checksums are
-- applied history); TableOwnershipTests names this migration as the one that took their statements over.
alter index account_list_name rename to accounts_account_list_name;
alter index account_owner rename to accounts_account_owner;
alter index account_created rename to accounts_account_created;
alter index account_name_trgm rename to accounts_account_name_trgm;
alter index account_domain_trgm rename to accounts_account_domain_trgm;
alter index account_external_id_trgm rename to accounts_account_external_id_trgm;
alter index account_tier rename to accounts_account_tier;
alter index account_stage rename to accounts_account_stage;
