-- Notifications that are never lost: every message is a row of the
-- outbox, written in the same transaction as the change that causes it,
-- with one job (kind outbox.send) that delivers it by e-mail. Staff see
-- every row, sent or waiting, with its WhatsApp click-to-chat link.
-- params holds what the text is rendered from (in the recipient's
-- language, when shown or sent); the attachment (an agenda's .ics) is
-- stored as it was when the message was queued.
CREATE TABLE outbox (
	id              {{ID}},
	office_id       BIGINT NOT NULL DEFAULT 0,
	kind            TEXT NOT NULL,
	lang            TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en')),
	to_name         TEXT NOT NULL DEFAULT '',
	to_email        TEXT NOT NULL DEFAULT '',
	to_whatsapp     TEXT NOT NULL DEFAULT '',
	params          TEXT NOT NULL DEFAULT '{}',
	attachment_name TEXT NOT NULL DEFAULT '',
	attachment_type TEXT NOT NULL DEFAULT '',
	attachment      {{BLOB}},
	state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'no_email')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	last_error      TEXT NOT NULL DEFAULT '',
	idempotency_key TEXT,
	created_at      {{TS}} NOT NULL,
	sent_at         {{TS}}
);
CREATE UNIQUE INDEX outbox_idempotency ON outbox(office_id, idempotency_key);
CREATE INDEX outbox_office ON outbox(office_id, id);

-- WhatsApp is how Indonesian businesses talk: the number of a business's
-- and an organisation's contact, and of a user, normalised to 62….
ALTER TABLE businesses ADD COLUMN whatsapp TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN whatsapp TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN whatsapp TEXT NOT NULL DEFAULT '';
