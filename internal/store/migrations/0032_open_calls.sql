-- Open calls: an event open for applications may state the last day of
-- applications, and any business of the home province may register itself
-- and apply from the public pages (/terbuka, /daftar). A registration
-- waits for staff, who approve it (a business, its account and its
-- application are made), merge it with a business already recorded, or
-- reject it with a reason the applicant sees. It belongs to the office of
-- the event it applies to (office_id: row-level security covers it).
ALTER TABLE events ADD COLUMN apply_by TEXT NOT NULL DEFAULT '';

CREATE TABLE registrations (
	id           {{ID}},
	version      BIGINT NOT NULL DEFAULT 1,
	office_id    BIGINT NOT NULL REFERENCES offices(id),
	event_id     BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	role         TEXT NOT NULL CHECK (role IN ('matching', 'exhibitor')),
	name         TEXT NOT NULL,
	nib          TEXT NOT NULL DEFAULT '',
	regency_code TEXT NOT NULL REFERENCES regencies(code),
	size_class   TEXT NOT NULL,
	products     TEXT NOT NULL DEFAULT '[]',
	contact_name TEXT NOT NULL,
	email        TEXT NOT NULL,
	whatsapp     TEXT NOT NULL,
	lang         TEXT NOT NULL DEFAULT 'id' CHECK (lang IN ('id', 'en')),
	verified_by  TEXT NOT NULL DEFAULT '' CHECK (verified_by IN ('', 'email', 'phone')),
	verified_at  {{TS}},
	status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'merged', 'rejected')),
	reason       TEXT NOT NULL DEFAULT '',
	business_id  BIGINT REFERENCES businesses(id) ON DELETE SET NULL,
	decided_at   {{TS}},
	eligibility  TEXT NOT NULL DEFAULT '',
	sample       BOOLEAN NOT NULL DEFAULT FALSE,
	created_at   {{TS}} NOT NULL
);
CREATE INDEX registrations_office ON registrations(office_id, status, id);
CREATE INDEX registrations_event ON registrations(event_id);
CREATE INDEX registrations_business ON registrations(business_id);
CREATE INDEX registrations_regency ON registrations(regency_code);
