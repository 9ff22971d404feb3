-- Issue 6: what the meeting scheduler must respect per participant of an
-- event: a cap on its meetings and the slots it cannot meet in.
CREATE TABLE participation_caps (
	participation_id BIGINT PRIMARY KEY REFERENCES participations(id) ON DELETE CASCADE,
	max_meetings     INTEGER NOT NULL CHECK (max_meetings >= 0)
);

CREATE TABLE participation_unavailable (
	participation_id BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	slot             INTEGER NOT NULL CHECK (slot >= 0),
	PRIMARY KEY (participation_id, slot)
);

CREATE INDEX meetings_event_a ON meetings(event_id, a_id);
CREATE INDEX meetings_event_b ON meetings(event_id, b_id);
