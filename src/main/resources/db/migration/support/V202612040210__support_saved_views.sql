-- Saved ticket filters (ADR 0138): an agent's own views, or shared with the workspace, shown beside the built-in ones.
create table support_saved_view (
    workspace_id  bigint      not null references workspace,
    view_id       bigint generated always as identity,
    owner_user_id bigint      not null,
    shared        boolean     not null default false,
    name          text        not null check (length(name) between 1 and 80),
    statuses      text[]      not null default '{}',
    priorities    text[]      not null default '{}',
    channels      text[]      not null default '{}',
    tag           text        check (length(tag) <= 50),
    assignee      text        check (assignee ~ '^(me|none|[0-9]{1,18})$'),
    created_at    timestamptz not null default now(),
    primary key (workspace_id, view_id),
    foreign key (workspace_id, owner_user_id) references app_user (workspace_id, user_id) on delete cascade
);
create index support_saved_view_owner on support_saved_view (workspace_id, owner_user_id);
-- a filtered view reads newest first by keyset like the built-in ones; tags are matched through their own index
create index support_ticket_tags on support_ticket using gin (tags);
