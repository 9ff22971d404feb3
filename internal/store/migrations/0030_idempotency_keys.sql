-- Idempotency keys: a client names a write with a key of its own (a phone
-- that queued deals and check-ins while the venue's network was down, a
-- script retrying after a timeout), and sending it again returns the
-- first answer instead of writing twice. The row is claimed and answered
-- in the transaction of the write itself, so the write and its answer are
-- stored together or not at all. request_hash tells a repeat from another
-- request under the same key, which is refused. Rows older than seven
-- days are deleted as new keys are claimed.
CREATE TABLE idempotency_keys (
	id           {{ID}},
	office_id    BIGINT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
	user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	idem_key     TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL DEFAULT 0,
	content_type TEXT NOT NULL DEFAULT '',
	location     TEXT NOT NULL DEFAULT '',
	body         {{BLOB}} NOT NULL,
	created_at   {{TS}} NOT NULL,
	UNIQUE (office_id, user_id, idem_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys(office_id, created_at);
CREATE INDEX idempotency_keys_user ON idempotency_keys(user_id);

-- Check-ins kept a key of their own before the general one existed.
DROP INDEX checkins_idempotency;
ALTER TABLE checkins DROP COLUMN idempotency_key;
