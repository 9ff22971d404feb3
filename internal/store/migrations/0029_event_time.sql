-- Events in time: the IANA zone of their clock times ('' is the host
-- province's) and the number of days their meeting grid repeats on.
ALTER TABLE events ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN meeting_days INTEGER NOT NULL DEFAULT 1;
-- When staff first published the agenda to the participants; after that
-- every change of a meeting is announced to the participants it affects.
ALTER TABLE events ADD COLUMN agenda_published_at {{TS}};

-- The calendar entry of each pair's meeting as participants' calendars
-- last saw it: its place, its SEQUENCE (raised whenever the meeting moves,
-- is cancelled or comes back, in the same transaction) and when it last
-- changed (DTSTAMP). A meeting taken off the schedule keeps its entry as
-- cancelled, so that calendar files can tell the calendars to remove it.
-- notified_sequence is the sequence the pair's participants were last told
-- of (-1: never), so that an announcement missed by a crash is sent by the
-- next one. a_id is the smaller participation id of the pair.
CREATE TABLE meeting_calendar (
	event_id   BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	a_id       BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	b_id       BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	slot       INTEGER NOT NULL,
	table_no   INTEGER NOT NULL,
	sequence   INTEGER NOT NULL DEFAULT 0,
	cancelled  BOOLEAN NOT NULL DEFAULT FALSE,
	changed_at {{TS}} NOT NULL,
	notified_sequence INTEGER NOT NULL DEFAULT -1,
	PRIMARY KEY (event_id, a_id, b_id)
);
CREATE INDEX meeting_calendar_a ON meeting_calendar(a_id);
CREATE INDEX meeting_calendar_b ON meeting_calendar(b_id);

-- The schedules already stored are what calendars may hold: sequence 0.
INSERT INTO meeting_calendar (event_id, a_id, b_id, slot, table_no, sequence, cancelled, changed_at)
SELECT event_id, CASE WHEN a_id < b_id THEN a_id ELSE b_id END, CASE WHEN a_id < b_id THEN b_id ELSE a_id END, slot, table_no, 0, FALSE, CURRENT_TIMESTAMP
FROM meetings WHERE TRUE
ON CONFLICT DO NOTHING;
