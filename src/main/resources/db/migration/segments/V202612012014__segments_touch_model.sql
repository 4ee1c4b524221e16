-- The touch model (ADR 0053): how each account is served. High and mid each have a rule in the filter language,
-- tried in that order; every other account is tech-touch. Names are the workspace's own, in ja and en.
create table touch_level (
    workspace_id bigint not null references workspace,
    level        text   not null check (level in ('high', 'mid', 'tech')),
    name_ja      text   not null check (length(name_ja) between 1 and 50),
    name_en      text   not null check (length(name_en) between 1 and 50),
    definition   text   check (length(definition) between 1 and 4000),
    primary key (workspace_id, level)
);
