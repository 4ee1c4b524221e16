-- A purchase of 0 (a free order, a full discount) is a purchase: the frequency model (BG/NBD) counts it and the
-- spend model (Gamma-Gamma) leaves it out. Negative amounts (refunds) stay refused.
alter table customer_transaction drop constraint customer_transaction_amount_minor_check;
alter table customer_transaction add constraint customer_transaction_amount_minor_check check (amount_minor >= 0);
