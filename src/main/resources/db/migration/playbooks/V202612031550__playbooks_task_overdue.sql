-- A task is announced overdue once per due day (TaskOverdue, the timeline, webhooks): the due day it was announced
-- for; snoozing or moving the due day makes it announceable again.
alter table playbooks_task add column overdue_announced_for date;
