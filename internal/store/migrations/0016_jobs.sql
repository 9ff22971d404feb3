-- One queue for work that happens later (imports now; notifications,
-- reminders and repairs later): a worker claims a due row inside a write
-- transaction (FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on
-- SQLite), renews its claim while it works, and a claim older than the
-- lease is taken again. input holds what is too large for the payload (an
-- uploaded file) and is emptied when the job ends.
CREATE TABLE jobs (
	id              {{ID}},
	office_id       BIGINT NOT NULL DEFAULT 0,
	kind            TEXT NOT NULL,
	payload         TEXT NOT NULL DEFAULT '{}',
	input           {{BLOB}},
	state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	run_after       {{TS}} NOT NULL,
	idempotency_key TEXT,
	claimed_by      TEXT NOT NULL DEFAULT '',
	claimed_at      {{TS}},
	last_error      TEXT NOT NULL DEFAULT '',
	progress        TEXT NOT NULL DEFAULT '',
	result          TEXT NOT NULL DEFAULT '',
	created_at      {{TS}} NOT NULL,
	updated_at      {{TS}} NOT NULL
);
CREATE UNIQUE INDEX jobs_idempotency ON jobs(kind, idempotency_key);
CREATE INDEX jobs_due ON jobs(state, run_after);
