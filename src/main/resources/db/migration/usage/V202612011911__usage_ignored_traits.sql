-- Traits of a group call that were not applied to the account because the workspace does not define the value
-- (an unknown tier or lifecycle stage, ADR 0028): the live events page shows them beside the event. The newest
-- 1,000 per workspace are kept.
create table usage_ignored_trait (
    workspace_id bigint      not null,
    ignored_id   bigint generated always as identity,
    message_id   text        not null,
    trait        text        not null,
    value        text        not null,
    recorded_at  timestamptz not null default now(),
    primary key (workspace_id, ignored_id)
);
create index usage_ignored_trait_message on usage_ignored_trait (workspace_id, message_id);
