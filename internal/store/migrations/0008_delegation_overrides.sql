-- Issue 5: staff overrides of a proposed delegation, with their reasons.
-- The proposal is recomputed from the applications; the overrides are
-- applied on top of it in the order they were made.

CREATE TABLE delegation_overrides (
	id          {{ID}},
	event_id    BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	business_id BIGINT NOT NULL REFERENCES businesses(id),
	action      TEXT NOT NULL CHECK (action IN ('add', 'remove')),
	reason      TEXT NOT NULL,
	made_by     TEXT NOT NULL,
	made_at     {{TS}} NOT NULL
);
CREATE INDEX delegation_overrides_event ON delegation_overrides(event_id, id);
