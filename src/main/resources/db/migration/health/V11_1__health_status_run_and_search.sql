-- When each workspace's status rows were last rewritten: accounts created since then (give or take a running
-- transaction) are the only ones that can lack a row, so the list finds them without scanning every account.
create table health_status_run (
    workspace_id bigint      not null primary key,
    day          date        not null,
    started_at   timestamptz not null
);
create index account_created on account (workspace_id, created_at);

-- Substring search on name, domain and external id (ILIKE '%…%') without reading every account.
create extension if not exists pg_trgm;
create index account_name_trgm on account using gin (name gin_trgm_ops);
create index account_domain_trgm on account using gin (domain gin_trgm_ops);
create index account_external_id_trgm on account using gin (external_id gin_trgm_ops);
