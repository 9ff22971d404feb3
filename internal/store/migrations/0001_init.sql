-- The whole domain model. Tokens in braces are replaced per dialect by
-- migrate.go: {{ID}} an auto-increment primary key, {{TS}} a timestamp,
-- {{REAL}} a double-precision number. Dates are ISO text (YYYY-MM-DD) in
-- both dialects, so they compare and group the same way everywhere.

CREATE TABLE provinces (
	code        TEXT PRIMARY KEY,
	bps_code    TEXT NOT NULL,
	name        TEXT NOT NULL,
	short_name  TEXT NOT NULL,
	lat         {{REAL}} NOT NULL,
	lon         {{REAL}} NOT NULL,
	population  BIGINT NOT NULL DEFAULT 0,
	area_km2    {{REAL}} NOT NULL DEFAULT 0
);

CREATE TABLE regencies (
	code          TEXT PRIMARY KEY,
	province_code TEXT NOT NULL REFERENCES provinces(code),
	name          TEXT NOT NULL
);
CREATE INDEX regencies_province ON regencies(province_code);

CREATE TABLE offices (
	id            {{ID}},
	name          TEXT NOT NULL,
	home_province TEXT NOT NULL REFERENCES provinces(code),
	created_at    {{TS}} NOT NULL
);

CREATE TABLE commodities (
	id      {{ID}},
	slug    TEXT NOT NULL UNIQUE,
	name    TEXT NOT NULL,
	name_en TEXT NOT NULL DEFAULT '',
	hs_code TEXT NOT NULL,
	hs_note TEXT NOT NULL DEFAULT '',
	stage   TEXT NOT NULL CHECK (stage IN ('raw', 'semi', 'finished')),
	unit    TEXT NOT NULL
);

CREATE TABLE commodity_inputs (
	input_id  BIGINT NOT NULL REFERENCES commodities(id),
	output_id BIGINT NOT NULL REFERENCES commodities(id),
	use_text  TEXT NOT NULL,
	PRIMARY KEY (input_id, output_id),
	CHECK (input_id <> output_id)
);

CREATE TABLE businesses (
	id            {{ID}},
	office_id     BIGINT NOT NULL REFERENCES offices(id),
	name          TEXT NOT NULL,
	regency_code  TEXT NOT NULL REFERENCES regencies(code),
	nib           TEXT NOT NULL DEFAULT '',
	size_class    TEXT NOT NULL,
	contact_name  TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	email         TEXT NOT NULL DEFAULT '',
	sample        BOOLEAN NOT NULL DEFAULT FALSE,
	created_at    {{TS}} NOT NULL
);
CREATE INDEX businesses_office ON businesses(office_id, name);

CREATE TABLE products (
	id               {{ID}},
	business_id      BIGINT NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
	commodity_id     BIGINT NOT NULL REFERENCES commodities(id),
	description      TEXT NOT NULL DEFAULT '',
	monthly_capacity {{REAL}} NOT NULL DEFAULT 0,
	unit             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX products_business ON products(business_id);
CREATE INDEX products_commodity ON products(commodity_id);

CREATE TABLE organisations (
	id            {{ID}},
	office_id     BIGINT NOT NULL REFERENCES offices(id),
	name          TEXT NOT NULL,
	province_code TEXT NOT NULL REFERENCES provinces(code),
	kind          TEXT NOT NULL,
	contact_name  TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	email         TEXT NOT NULL DEFAULT '',
	sample        BOOLEAN NOT NULL DEFAULT FALSE,
	created_at    {{TS}} NOT NULL
);
CREATE INDEX organisations_office ON organisations(office_id, province_code);

CREATE TABLE listings (
	id              {{ID}},
	office_id       BIGINT NOT NULL REFERENCES offices(id),
	kind            TEXT NOT NULL CHECK (kind IN ('offer', 'need')),
	business_id     BIGINT REFERENCES businesses(id) ON DELETE CASCADE,
	organisation_id BIGINT REFERENCES organisations(id) ON DELETE CASCADE,
	commodity_id    BIGINT NOT NULL REFERENCES commodities(id),
	volume          {{REAL}} NOT NULL DEFAULT 0,
	unit            TEXT NOT NULL DEFAULT '',
	description     TEXT NOT NULL DEFAULT '',
	sample          BOOLEAN NOT NULL DEFAULT FALSE,
	CHECK ((business_id IS NULL) <> (organisation_id IS NULL))
);
CREATE INDEX listings_office ON listings(office_id, kind, commodity_id);

CREATE TABLE agreements (
	id                {{ID}},
	office_id         BIGINT NOT NULL REFERENCES offices(id),
	partner_province  TEXT NOT NULL REFERENCES provinces(code),
	title             TEXT NOT NULL,
	stage             TEXT NOT NULL CHECK (stage IN ('potential', 'exploring', 'signed', 'active', 'expired')),
	reason            TEXT NOT NULL DEFAULT '',
	signed_on         TEXT NOT NULL DEFAULT '',
	starts_on         TEXT NOT NULL DEFAULT '',
	ends_on           TEXT NOT NULL DEFAULT '',
	document_ref      TEXT NOT NULL DEFAULT '',
	responsible_staff TEXT NOT NULL DEFAULT '',
	sample            BOOLEAN NOT NULL DEFAULT FALSE,
	created_at        {{TS}} NOT NULL,
	updated_at        {{TS}} NOT NULL
);
CREATE INDEX agreements_office ON agreements(office_id, partner_province);

CREATE TABLE agreement_changes (
	id           {{ID}},
	agreement_id BIGINT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
	from_stage   TEXT NOT NULL DEFAULT '',
	to_stage     TEXT NOT NULL,
	changed_on   TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	changed_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agreement_changes_agreement ON agreement_changes(agreement_id);

CREATE TABLE targets (
	id        {{ID}},
	office_id BIGINT NOT NULL REFERENCES offices(id),
	year      INTEGER NOT NULL,
	kind      TEXT NOT NULL,
	value     BIGINT NOT NULL CHECK (value > 0),
	note      TEXT NOT NULL DEFAULT '',
	UNIQUE (office_id, year, kind)
);

CREATE TABLE events (
	id              {{ID}},
	office_id       BIGINT NOT NULL REFERENCES offices(id),
	kind            TEXT NOT NULL,
	name            TEXT NOT NULL,
	host_province   TEXT NOT NULL REFERENCES provinces(code),
	starts_on       TEXT NOT NULL,
	ends_on         TEXT NOT NULL DEFAULT '',
	venue           TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	quota_matching  INTEGER NOT NULL,
	quota_exhibitor INTEGER NOT NULL,
	slots           INTEGER NOT NULL DEFAULT 0,
	tables_count    INTEGER NOT NULL DEFAULT 0,
	slot_minutes    INTEGER NOT NULL DEFAULT 0,
	day_start       TEXT NOT NULL DEFAULT '',
	lunch_after     INTEGER NOT NULL DEFAULT 0,
	sample          BOOLEAN NOT NULL DEFAULT FALSE,
	created_at      {{TS}} NOT NULL
);
CREATE INDEX events_office ON events(office_id, starts_on);

CREATE TABLE participations (
	id              {{ID}},
	event_id        BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	role            TEXT NOT NULL CHECK (role IN ('matching', 'exhibitor', 'buyer')),
	business_id     BIGINT REFERENCES businesses(id),
	organisation_id BIGINT REFERENCES organisations(id),
	status          TEXT NOT NULL,
	note            TEXT NOT NULL DEFAULT '',
	CHECK ((business_id IS NULL) <> (organisation_id IS NULL))
);
CREATE UNIQUE INDEX participations_business ON participations(event_id, business_id) WHERE business_id IS NOT NULL;
CREATE UNIQUE INDEX participations_organisation ON participations(event_id, organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX participations_business_id ON participations(business_id);

CREATE TABLE meeting_requests (
	id         {{ID}},
	event_id   BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	from_id    BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	to_id      BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	priority   INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
	status     TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	UNIQUE (event_id, from_id, to_id)
);

CREATE TABLE meetings (
	id         {{ID}},
	event_id   BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	request_id BIGINT REFERENCES meeting_requests(id) ON DELETE SET NULL,
	a_id       BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	b_id       BIGINT NOT NULL REFERENCES participations(id) ON DELETE CASCADE,
	slot       INTEGER NOT NULL,
	table_no   INTEGER NOT NULL,
	locked     BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (event_id, slot, table_no)
);

CREATE TABLE deals (
	id             {{ID}},
	office_id      BIGINT NOT NULL REFERENCES offices(id),
	event_id       BIGINT REFERENCES events(id),
	direction      TEXT NOT NULL CHECK (direction IN ('sell', 'buy', 'invest')),
	business_id    BIGINT REFERENCES businesses(id),
	counterpart_id BIGINT NOT NULL REFERENCES organisations(id),
	commodity_id   BIGINT REFERENCES commodities(id),
	volume         {{REAL}} NOT NULL DEFAULT 0,
	unit           TEXT NOT NULL DEFAULT '',
	value_idr      BIGINT NOT NULL CHECK (value_idr >= 0),
	stage          TEXT NOT NULL,
	deal_date      TEXT NOT NULL,
	delivery_from  TEXT NOT NULL DEFAULT '',
	delivery_to    TEXT NOT NULL DEFAULT '',
	confirmation   TEXT NOT NULL DEFAULT 'pending',
	note           TEXT NOT NULL DEFAULT '',
	sample         BOOLEAN NOT NULL DEFAULT FALSE,
	created_at     {{TS}} NOT NULL,
	updated_at     {{TS}} NOT NULL
);
CREATE INDEX deals_office_date ON deals(office_id, deal_date);
CREATE INDEX deals_event ON deals(event_id);
CREATE INDEX deals_counterpart ON deals(counterpart_id);

CREATE TABLE realisations (
	id               {{ID}},
	deal_id          BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
	reported_on      TEXT NOT NULL,
	delivered_volume {{REAL}} NOT NULL DEFAULT 0,
	paid_idr         BIGINT NOT NULL DEFAULT 0 CHECK (paid_idr >= 0),
	note             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX realisations_deal ON realisations(deal_id);

CREATE TABLE statistics (
	id            {{ID}},
	province_code TEXT NOT NULL,
	commodity     TEXT NOT NULL,
	measure       TEXT NOT NULL,
	year          INTEGER NOT NULL,
	value         {{REAL}} NOT NULL,
	unit          TEXT NOT NULL,
	status        TEXT NOT NULL,
	publisher     TEXT NOT NULL DEFAULT '',
	source_url    TEXT NOT NULL DEFAULT '',
	note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX statistics_province ON statistics(province_code, commodity, year);

CREATE TABLE declarations (
	id            {{ID}},
	office_id     BIGINT NOT NULL REFERENCES offices(id),
	province_code TEXT NOT NULL REFERENCES provinces(code),
	commodity_id  BIGINT NOT NULL REFERENCES commodities(id),
	kind          TEXT NOT NULL CHECK (kind IN ('surplus', 'need')),
	statement     TEXT NOT NULL DEFAULT '',
	declared_by   TEXT NOT NULL,
	declared_on   TEXT NOT NULL,
	source        TEXT NOT NULL DEFAULT '',
	created_at    {{TS}} NOT NULL
);

CREATE TABLE users (
	id              {{ID}},
	office_id       BIGINT NOT NULL REFERENCES offices(id),
	email           TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	role            TEXT NOT NULL,
	business_id     BIGINT REFERENCES businesses(id),
	organisation_id BIGINT REFERENCES organisations(id),
	lang            TEXT NOT NULL DEFAULT 'id',
	password_hash   TEXT NOT NULL,
	created_at      {{TS}} NOT NULL
);

CREATE TABLE audit_entries (
	id        {{ID}},
	office_id BIGINT NOT NULL,
	at        {{TS}} NOT NULL,
	user_id   BIGINT,
	actor     TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id BIGINT NOT NULL,
	action    TEXT NOT NULL,
	old_value TEXT NOT NULL DEFAULT '',
	new_value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entries_entity ON audit_entries(entity, entity_id);
