-- Health: the at-risk worklist ranks risk first (issue 13): live accounts with an open signal or a red or yellow band,
-- then the others (green, or not scored, and no signal); within each group by revenue at risk, largest first. This
-- index holds that order, so a page of the worklist is read in order and stops at its limit.
create index health_status_worklist on health_account_status
    (workspace_id, (band in ('red', 'yellow') or cardinality(signal_kinds) > 0) desc nulls last,
     revenue_at_risk_minor desc, account_id) where live;
