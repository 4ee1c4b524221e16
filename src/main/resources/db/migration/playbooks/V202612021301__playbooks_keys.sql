-- A playbook may have a key (a stable address such as /playbooks/paying-idle); the id always works too.
alter table playbooks_playbook add column key text;
create unique index playbooks_playbook_key on playbooks_playbook (workspace_id, key) where key is not null;
