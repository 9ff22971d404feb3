-- Rate limits shared by every server instance on the database: one row per
-- accepted hit in a bucket (a client address or an e-mail, as an opaque
-- digest the web layer makes), so a limit holds across instances. The
-- rows are the deployment's, not an office's: the limits guard anonymous
-- forms before any office is known. Hits past their window are deleted
-- as buckets are taken and by a sweep (ratelimit.go).
CREATE TABLE rate_hits (
	id         {{ID}},
	bucket     TEXT NOT NULL,
	at         {{TS}} NOT NULL,
	expires_at {{TS}} NOT NULL
);
CREATE INDEX rate_hits_bucket_at ON rate_hits (bucket, at);
CREATE INDEX rate_hits_expires_at ON rate_hits (expires_at);
