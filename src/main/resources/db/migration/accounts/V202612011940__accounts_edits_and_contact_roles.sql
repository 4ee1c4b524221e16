-- Edits made on account 360 (issue 13 item 11).
-- A note knows the user who wrote it, so that only they may edit or delete it; older notes have no author id and
-- stay as they are.
alter table account_note add column author_user_id bigint;
alter table account_note add column edited_at timestamptz;

-- What people changed on an account, for its timeline (the audit log keeps the same facts for admins).
create table account_change (
    workspace_id bigint      not null,
    change_id    bigint generated always as identity,
    account_id   bigint      not null,
    occurred_at  timestamptz not null default now(),
    actor        text        not null,
    kind         text        not null check (kind in ('owner', 'tier', 'stage', 'attribute_set', 'attribute_removed',
                                                     'note_edited', 'note_deleted', 'contact_role')),
    subject      text,
    old_value    text,
    new_value    text,
    primary key (workspace_id, change_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id)
);
create index account_change_by_account on account_change (workspace_id, account_id, occurred_at);

-- The contact roles a workspace marks people with (champion, decision maker, ...), with their labels. A workspace
-- without rows uses the four standard roles.
create table contact_role_option (
    workspace_id bigint not null references workspace,
    code         text   not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    label_ja     text   not null check (length(label_ja) between 1 and 60),
    label_en     text   not null check (length(label_en) between 1 and 60),
    position     int    not null,
    primary key (workspace_id, code)
);

-- The role a CS team marks a contact with for the account (champion, decision maker, ...). Not the contact's job
-- title (`role`, from Segment traits and imports), which ingestion keeps updating.
alter table contact add column account_role text check (length(account_role) between 1 and 40);
-- Scoring reads the marked champions of a workspace once per run.
create index contact_by_account_role on contact (workspace_id, account_role) where account_role is not null;
