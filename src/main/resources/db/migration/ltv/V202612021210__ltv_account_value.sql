-- Each account's RFM segment and CLV as of the last fit of the transaction models (ADR 0073): written by ltv after
-- every fit, read by other modules only through ltv_v_account_value (segments' revenue.* fields).
create table ltv_account_value (
    workspace_id bigint      not null references workspace,
    account_id   bigint      not null,
    rfm_segment  text        check (rfm_segment in ('champions', 'loyal', 'potential_loyalist', 'new', 'promising',
                                                    'need_attention', 'about_to_sleep', 'at_risk', 'cant_lose_them',
                                                    'hibernating', 'lost')),
    clv          numeric(20, 4),
    currency     char(3)     not null,
    computed_at  timestamptz not null,
    primary key (workspace_id, account_id),
    foreign key (workspace_id, account_id) references account (workspace_id, account_id) on delete cascade
);

-- clv is in the currency's major unit (yen, dollars), as segments' money fields compare; null when the models
-- could not be fitted. rfm_segment is the one of the account's customer with the highest spend.
create view ltv_v_account_value as
select workspace_id, account_id, rfm_segment, clv, currency, computed_at
from ltv_account_value;
