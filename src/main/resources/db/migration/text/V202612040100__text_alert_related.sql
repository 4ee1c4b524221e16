-- Terms that rose in the same texts are one rising issue (ADR 0133): the alert names the most unusual, the others
-- are its related terms.
alter table text_alert add column related text[] not null default '{}';
