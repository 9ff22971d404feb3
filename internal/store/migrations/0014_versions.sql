-- Every record that can be changed carries a version, raised by every
-- update in the same statement. The API's ETag is the version and If-Match
-- the version an update expects, so two people editing one record never
-- overwrite each other silently: the second is told and shown both values.

ALTER TABLE businesses ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE organisations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE listings ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE declarations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE agreements ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE targets ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE participations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE meeting_requests ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE meetings ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE deals ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
