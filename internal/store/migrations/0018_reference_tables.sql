-- Reference tables an office imports to replace the embedded ones (issue
-- 22): the BPS inter-regional trade survey and consumer prices, kept as the
-- CSV the office loaded, after the same checks as the embedded copy. The
-- latest import of each layout is the one used.
CREATE TABLE reference_tables (
	id          {{ID}},
	layout      TEXT NOT NULL,
	name        TEXT NOT NULL,
	content     TEXT NOT NULL,
	row_count   INTEGER NOT NULL,
	imported_at {{TS}} NOT NULL
);
CREATE INDEX reference_tables_layout ON reference_tables(layout, id);
