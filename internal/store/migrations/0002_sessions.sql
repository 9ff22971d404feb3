-- Sessions and API tokens (issue 3). Both are stored by the SHA-256 hash of
-- their secret only.

CREATE TABLE sessions (
	id           TEXT PRIMARY KEY,
	user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at   {{TS}} NOT NULL,
	last_seen_at {{TS}} NOT NULL,
	expires_at   {{TS}} NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
	id           {{ID}},
	user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	token_hash   TEXT NOT NULL UNIQUE,
	created_at   {{TS}} NOT NULL,
	last_used_at {{TS}}
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
