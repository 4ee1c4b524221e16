-- Sign-in attempts per account and per client address in a 5-minute window, counted atomically before the password
-- is checked, so parallel guesses cannot slip past the limit.
create table sign_in_attempt (
    attempt_key  text        primary key,
    window_start timestamptz not null,
    attempts     integer     not null
);
