-- A password an admin reset must be changed by its user at the next sign-in (issue 13 item 12).
alter table app_user add column password_change_required boolean not null default false;
alter table app_user add column password_changed_at timestamptz;
