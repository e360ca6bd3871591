-- A member's tries of numbers already on the 12th Step list, for the limit of three a day
-- (volunteers.NumberTries): keyed by a keyed hash of the sign-in identity (issuer and subject) so that
-- deleting the account and signing in again does not start the count afresh. No number, no account
-- id; rows older than a day are deleted whenever a member gives a number.
CREATE TABLE volunteer_number_tries (
    identity bytea       NOT NULL,
    at       timestamptz NOT NULL
);
CREATE INDEX volunteer_number_tries_identity_idx ON volunteer_number_tries (identity, at);
