-- What other modules may read of usage (onboarding's "distinct users of one event" milestones, ADR 0140): the distinct
-- users who triggered one event for an account on one day, cut in the given time zone. No rollup keeps users per
-- event (usage_daily_event has only their count per day, which cannot be summed over days), so this reads the
-- account's events of that day through event_account_time. Event names and users are as the rollups count them: a
-- track call's name, $page or $screen; the userId, else the user an anonymousId was aliased to, else the anonymousId.
create function usage_event_actors(p_workspace bigint, p_time_zone text, p_account bigint, p_event text, p_day date)
returns table (actor text)
language sql stable
as $$
    select distinct coalesce(e.user_id, al.user_id, e.anonymous_id)
    from event e
    left join identity_alias al on e.user_id is null and al.workspace_id = p_workspace
         and al.previous_id = e.anonymous_id
    where e.workspace_id = p_workspace and e.account_id = p_account
      and e.occurred_at >= (p_day::timestamp at time zone p_time_zone)
      and e.occurred_at < ((p_day + 1)::timestamp at time zone p_time_zone)
      and e.type in ('track', 'page', 'screen')
      and case e.type when 'track' then e.event_name when 'page' then '$page' else '$screen' end = p_event
      and coalesce(e.user_id, al.user_id, e.anonymous_id) is not null
$$;
