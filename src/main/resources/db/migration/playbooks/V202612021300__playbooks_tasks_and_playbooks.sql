-- CSM tasks (ADR 0084) and playbooks with their enrollments and step executions (ADR 0085, 0086).
-- Every key leads with workspace_id; the unique keys make replays, restarts and second nodes harmless.

-- Task types: the built-in codes with optional ja/en labels a workspace edits.
create table playbooks_task_type (
    workspace_id bigint  not null,
    code         text    not null,
    label_ja     text,
    label_en     text,
    position     int     not null default 0,
    primary key (workspace_id, code)
);

create table playbooks_task (
    workspace_id     bigint      not null,
    task_id          bigserial   not null,
    account_id       bigint      not null,
    title            text        not null,
    type             text        not null,
    priority         text        not null default 'normal',
    status           text        not null default 'open',
    due_on           date        not null,
    snoozed_until    date,
    assignee_user_id bigint,
    reason           text,
    evidence         jsonb       not null default '{}',
    checklist        jsonb       not null default '[]',
    playbook_id      bigint,
    enrollment_id    bigint,
    step_key         text,
    outcome          text,
    note             text,
    cancel_reason    text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    closed_at        timestamptz,
    primary key (workspace_id, task_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id) on delete cascade
);
-- one task per step execution, whatever replays it
create unique index playbooks_task_step_key on playbooks_task (workspace_id, step_key) where step_key is not null;
create index playbooks_task_assignee_open on playbooks_task (workspace_id, assignee_user_id, due_on)
    where status in ('open', 'in_progress', 'snoozed');
create index playbooks_task_account on playbooks_task (workspace_id, account_id, created_at desc);
create index playbooks_task_enrollment on playbooks_task (workspace_id, enrollment_id) where enrollment_id is not null;

create table playbooks_task_event (
    workspace_id  bigint      not null,
    event_id      bigserial   not null,
    task_id       bigint      not null,
    account_id    bigint      not null,
    at            timestamptz not null default now(),
    kind          text        not null,
    actor_user_id bigint,
    detail        text,
    primary key (workspace_id, event_id),
    foreign key (workspace_id, task_id) references playbooks_task (workspace_id, task_id) on delete cascade
);
create index playbooks_task_event_account on playbooks_task_event (workspace_id, account_id, at desc);
create index playbooks_task_event_task on playbooks_task_event (workspace_id, task_id, at);

create table playbooks_playbook (
    workspace_id bigint      not null,
    playbook_id  bigserial   not null,
    name         text        not null,
    status       text        not null default 'draft',
    version      int         not null default 1,
    definition   jsonb       not null,
    last_fired_at timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (workspace_id, playbook_id)
);

create table playbooks_enrollment (
    workspace_id  bigint      not null,
    enrollment_id bigserial   not null,
    playbook_id   bigint      not null,
    account_id    bigint      not null,
    number        int         not null,
    version       int         not null,
    definition    jsonb       not null,
    status        text        not null default 'active',
    trigger_key   text        not null,
    evidence      jsonb       not null default '{}',
    depth         int         not null default 0,
    enrolled_at   timestamptz not null default now(),
    ended_at      timestamptz,
    end_reason    text,
    primary key (workspace_id, enrollment_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id) on delete cascade,
    unique (workspace_id, playbook_id, account_id, number),
    foreign key (workspace_id, playbook_id) references playbooks_playbook (workspace_id, playbook_id) on delete cascade
);
-- the same trigger occurrence (an event delivered twice) enrolls an account once
create unique index playbooks_enrollment_trigger on playbooks_enrollment (workspace_id, playbook_id, account_id, trigger_key);
create index playbooks_enrollment_active on playbooks_enrollment (workspace_id, playbook_id, account_id) where status = 'active';

create table playbooks_step_run (
    workspace_id  bigint      not null,
    step_key      text        not null,
    enrollment_id bigint      not null,
    playbook_id   bigint      not null,
    step_index    int         not null,
    due_at        timestamptz not null,
    status        text        not null default 'pending',
    attempts      int         not null default 0,
    outcome       text,
    done_at       timestamptz,
    primary key (workspace_id, step_key),
    foreign key (workspace_id, enrollment_id) references playbooks_enrollment (workspace_id, enrollment_id) on delete cascade
);
create index playbooks_step_run_due on playbooks_step_run (due_at) where status = 'pending';

create table playbooks_run_log (
    workspace_id bigint      not null,
    log_id       bigserial   not null,
    playbook_id  bigint      not null,
    at           timestamptz not null default now(),
    kind         text        not null,
    accounts     int         not null default 0,
    detail       text,
    primary key (workspace_id, log_id),
    foreign key (workspace_id, playbook_id) references playbooks_playbook (workspace_id, playbook_id) on delete cascade
);
create index playbooks_run_log_playbook on playbooks_run_log (workspace_id, playbook_id, at desc);
