-- Tiers and lifecycle stages are values each workspace defines (issue 13, item 2; ADR 0028): a code stored on the
-- account, its Japanese and English labels, and its place in lists. A workspace without rows for a vocabulary uses
-- the defaults the application ships (AccountVocabulary); the first edit stores them here.
create table account_vocabulary_term (
    workspace_id bigint not null references workspace,
    vocabulary   text   not null check (vocabulary in ('tier', 'lifecycle_stage')),
    code         text   not null check (length(code) between 1 and 50),
    label_ja     text   not null check (length(label_ja) between 1 and 100),
    label_en     text   not null check (length(label_en) between 1 and 100),
    position     int    not null,
    primary key (workspace_id, vocabulary, code)
);

-- Workspaces whose accounts already hold values outside the defaults keep them valid: the defaults, then each value
-- in use labelled by itself, for an admin to rename.
create temporary table vocabulary_default (vocabulary text, code text, label_ja text, label_en text, position int);
insert into vocabulary_default values
    ('tier', 'smb', '中小企業', 'SMB', 1),
    ('tier', 'mid-market', '中堅企業', 'Mid-market', 2),
    ('tier', 'enterprise', '大企業', 'Enterprise', 3),
    ('lifecycle_stage', 'onboarding', 'オンボーディング', 'Onboarding', 1),
    ('lifecycle_stage', 'adopting', '活用定着中', 'Adopting', 2),
    ('lifecycle_stage', 'mature', '定着', 'Mature', 3),
    ('lifecycle_stage', 'renewal', '更新検討中', 'Renewal', 4),
    ('lifecycle_stage', 'churned', '解約', 'Churned', 5);

create temporary table vocabulary_in_use as
select workspace_id, 'tier' as vocabulary, left(tier, 50) as code from account where tier is not null
union
select workspace_id, 'lifecycle_stage', left(lifecycle_stage, 50) from account where lifecycle_stage is not null;

insert into account_vocabulary_term (workspace_id, vocabulary, code, label_ja, label_en, position)
select w.workspace_id, d.vocabulary, d.code, d.label_ja, d.label_en, d.position
from (select distinct u.workspace_id, u.vocabulary from vocabulary_in_use u
      where not exists (select 1 from vocabulary_default d where d.vocabulary = u.vocabulary and d.code = u.code)) w
join vocabulary_default d on d.vocabulary = w.vocabulary;

insert into account_vocabulary_term (workspace_id, vocabulary, code, label_ja, label_en, position)
select u.workspace_id, u.vocabulary, u.code, left(u.code, 100), left(u.code, 100),
       100 + row_number() over (partition by u.workspace_id, u.vocabulary order by u.code)
from vocabulary_in_use u
where not exists (select 1 from vocabulary_default d where d.vocabulary = u.vocabulary and d.code = u.code);

drop table vocabulary_in_use;
drop table vocabulary_default;
