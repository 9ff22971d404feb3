-- Links that let a person set the password of their own account, once,
-- before they expire: the first password of the account a business gets
-- when staff approve its self-registration. Only the SHA-256 of the
-- link's secret is stored; a link is spent by its first use, and setting
-- the password spends every other link of the account.
CREATE TABLE password_links (
	id         {{ID}},
	user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	expires_at {{TS}} NOT NULL,
	used_at    {{TS}},
	created_at {{TS}} NOT NULL
);
CREATE INDEX password_links_user ON password_links(user_id);
