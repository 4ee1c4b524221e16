-- The touch levels with the workspace's names, for the lists that show and filter by touch level (the accounts list
-- and its export, in health): the three levels in order, each with its saved names or, until the workspace saves its
-- own, the defaults of TouchModelManagement.DEFAULTS. A function, since a workspace with no saved row has no row to
-- view; health reads it and never the table.
create function segments_touch_levels(ws bigint)
returns table (level text, level_order int, name_ja text, name_en text)
language sql stable as $$
    select d.level, d.level_order, coalesce(t.name_ja, d.name_ja), coalesce(t.name_en, d.name_en)
    from (values ('high', 1, 'ハイタッチ', 'High-touch'),
                 ('mid', 2, 'ロータッチ', 'Low-touch'),
                 ('tech', 3, 'テックタッチ', 'Tech-touch')) d (level, level_order, name_ja, name_en)
    left join touch_level t on t.workspace_id = ws and t.level = d.level
    order by d.level_order
$$;
