-- The live events page (issue 12): which write key sent each event, the newest first, and the calls refused.
alter table event add column write_key_id bigint;
create index event_received on event (workspace_id, received_at desc);

-- Calls refused with 400, with the reason and the start of the body; the newest 1,000 per workspace are kept.
create table ingestion_rejection (
    workspace_id bigint      not null,
    rejection_id bigint generated always as identity,
    received_at  timestamptz not null default now(),
    write_key_id bigint,
    endpoint     text        not null,
    reason       text        not null,
    body_sample  text        not null,
    primary key (workspace_id, rejection_id)
);
