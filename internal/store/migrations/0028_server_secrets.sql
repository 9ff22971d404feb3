-- Secrets the server instances share (the key that signs the public
-- forms' tokens): made at first use, the same for every instance on the
-- database.
CREATE TABLE server_secrets (
	name       TEXT PRIMARY KEY,
	secret     {{BLOB}} NOT NULL,
	created_at {{TS}} NOT NULL
);
