-- What other modules may read of the customer model (ADR 0020). Plain views over one table each: the planner
-- inlines them, so a join through a view uses the table's indexes exactly as a join on the table did. Columns are
-- added here when a reader needs one; the tables behind them stay the accounts module's to change.
create view accounts_v_account as
select workspace_id, account_id, external_id, name, domain, industry, tier, owner_user_id, lifecycle_stage,
       parent_account_id, attributes, created_at, updated_at
from account;

create view accounts_v_contact as
select workspace_id, contact_id, external_id, account_id, email, name, role, first_seen_at, last_seen_at, created_at
from contact;

create view accounts_v_subscription as
select workspace_id, subscription_id, external_id, account_id, product, plan, mrr_minor, currency, seats, status,
       started_on, current_term_end, canceled_on, cancel_reason, created_at, updated_at
from subscription;

-- Every state a subscription has been in, from the day it took effect.
create view accounts_v_subscription_change as
select workspace_id, change_id, subscription_id, account_id, effective_on, recorded_at, plan, mrr_minor, currency,
       seats, status, current_term_end
from subscription_change;
