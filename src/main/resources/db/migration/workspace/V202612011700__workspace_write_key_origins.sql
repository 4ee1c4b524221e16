-- The web origins a browser may send calls from with this key (ADR 0042): "scheme://host[:port]" exactly as
-- browsers send the Origin header, or "*" for any. Empty: no browser origin, server-side SDKs only.
alter table write_key add column allowed_origins text[] not null default '{}';

-- A preflight carries no key, so it is answered for an origin that some active key allows.
create index write_key_allowed_origins on write_key using gin (allowed_origins) where revoked_at is null;
