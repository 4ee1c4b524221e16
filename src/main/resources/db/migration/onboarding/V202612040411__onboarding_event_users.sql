-- A fourth milestone kind (ADR 0140): at least N distinct users triggered one event within the window.
alter table onboarding_milestone drop constraint onboarding_milestone_kind_check;
alter table onboarding_milestone add constraint onboarding_milestone_kind_check
    check (kind in ('event_count', 'active_users', 'event_users', 'manual'));
