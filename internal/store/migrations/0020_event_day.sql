-- The event day: the asked participant's answer to a meeting request, what
-- happened to each scheduled meeting, and the check-in of participants at
-- the venue.

-- reply is the optional message of whoever accepted or declined.
ALTER TABLE meeting_requests ADD COLUMN reply TEXT NOT NULL DEFAULT '';

-- outcome: '' (not marked yet), held, no_show_a / no_show_b / no_show_both
-- (which side did not come) or moved (both agreed on another time);
-- outcome_at is when staff marked it, so that a later check-in can tell a
-- late arrival from an absence.
ALTER TABLE meetings ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN outcome_at {{TS}};

-- One check-in per participant of an event. idempotency_key lets a phone
-- that checked someone in offline send it again without a second record.
CREATE TABLE checkins (
	id               {{ID}},
	event_id         BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	checked_in_at    {{TS}} NOT NULL,
	user_id          BIGINT REFERENCES users(id) ON DELETE SET NULL,
	idempotency_key  TEXT,
	UNIQUE (participation_id)
);
CREATE INDEX checkins_event ON checkins(event_id);
CREATE INDEX checkins_user ON checkins(user_id);
CREATE UNIQUE INDEX checkins_idempotency ON checkins(event_id, idempotency_key);
