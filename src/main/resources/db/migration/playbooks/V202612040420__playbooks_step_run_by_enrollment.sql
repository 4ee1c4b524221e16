-- The step runs of an enrollment, by the foreign key's columns. Without it, every enrollment deleted (its cascade)
-- or exited scanned all step runs: deleting 244,446 enrollments of the playbooks benchmark ran for over 100 minutes.
create index playbooks_step_run_enrollment on playbooks_step_run (workspace_id, enrollment_id);
