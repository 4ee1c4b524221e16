-- Health: per-workspace settings, scorecards, daily snapshots with their explanation, and signals.
create table health_settings (
    workspace_id bigint  not null primary key,
    key_features text[]  not null default '{}',
    thresholds   jsonb   not null default '{}'
);

create table scorecard (
    workspace_id bigint      not null,
    scorecard_id bigint generated always as identity,
    name         text        not null check (length(name) between 1 and 100),
    tier         text,
    definition   jsonb       not null,
    updated_at   timestamptz not null default now(),
    primary key (workspace_id, scorecard_id)
);
-- One default scorecard (tier null) and at most one per tier.
create unique index scorecard_per_tier on scorecard (workspace_id, coalesce(tier, ''));

create table health_snapshot (
    workspace_id bigint       not null,
    account_id   bigint       not null,
    day          date         not null,
    scorecard_id bigint       not null,
    score        numeric(5, 2),
    band         text check (band in ('red', 'yellow', 'green')),
    measures     json         not null, -- read whole by the application; json skips jsonb's parse on write
    primary key (workspace_id, account_id, day)
);
create index health_snapshot_by_day on health_snapshot (workspace_id, day, band);

create table health_signal (
    workspace_id bigint      not null,
    signal_id    bigint generated always as identity,
    account_id   bigint      not null,
    kind         text        not null,
    severity     text        not null check (severity in ('low', 'medium', 'high')),
    evidence     jsonb       not null,
    detected_on  date        not null,
    resolved_on  date,
    primary key (workspace_id, signal_id)
);
create unique index health_signal_open on health_signal (workspace_id, account_id, kind) where resolved_on is null;
create index health_signal_by_account on health_signal (workspace_id, account_id, detected_on);
