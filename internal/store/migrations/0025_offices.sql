-- One deployment serves many offices: an office's name tells them apart in
-- the page header, the CLI and the audit trail, so it is unique (whatever
-- its case). A province's second office (a regency's or a city's) names
-- itself.
CREATE UNIQUE INDEX offices_name ON offices(LOWER(name));
