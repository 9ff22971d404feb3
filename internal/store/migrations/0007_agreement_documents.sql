-- Issue 4: documents attached to a cooperation agreement (the signed
-- agreement, minutes, letters). The content is kept in the database, so a
-- backup of the database holds them; size and type are checked before
-- they are stored (see store/document.go).

CREATE TABLE agreement_documents (
	id           {{ID}},
	agreement_id BIGINT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size_bytes   BIGINT NOT NULL,
	sha256       TEXT NOT NULL,
	content      {{BLOB}} NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	uploaded_by  TEXT NOT NULL,
	uploaded_at  {{TS}} NOT NULL
);
CREATE INDEX agreement_documents_agreement ON agreement_documents(agreement_id);
