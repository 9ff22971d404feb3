-- Issue 7: deals from handshake to delivery.
--
-- A realisation records what was delivered and paid by its date, so the
-- latest one is the deal's realised part: deals.paid_idr keeps it, updated
-- with every realisation, so reports never scan the realisations.
--
-- deal_rollup is a summary table kept in the same transaction as every
-- change of a deal: for each office, year and confirmation state it holds
-- the count, announced value and realised value of deals grouped five ways
-- (kind): 'e' by event and direction, 'p' by counterpart and direction, 'c'
-- by commodity and direction, 's' by direction and deal stage, 'b' by home
-- business. Unused keys are 0 or ''. Reports read this table, never scan
-- the deals, so they answer in constant time however many deals there are.
--
-- deal_confirm_tokens are single-use links for the counterpart to confirm
-- or reject a deal without an account: only the SHA-256 of the token is
-- stored, with its expiry and the time it was used.

ALTER TABLE deals ADD COLUMN paid_idr BIGINT NOT NULL DEFAULT 0;

UPDATE deals SET paid_idr = COALESCE((SELECT r.paid_idr FROM realisations r WHERE r.deal_id = deals.id ORDER BY r.reported_on DESC, r.id DESC LIMIT 1), 0);

CREATE TABLE deal_rollup (
	office_id      BIGINT NOT NULL,
	kind           TEXT NOT NULL,
	year           INTEGER NOT NULL,
	event_id       BIGINT NOT NULL DEFAULT 0,
	counterpart_id BIGINT NOT NULL DEFAULT 0,
	commodity_id   BIGINT NOT NULL DEFAULT 0,
	business_id    BIGINT NOT NULL DEFAULT 0,
	direction      TEXT NOT NULL DEFAULT '',
	stage          TEXT NOT NULL DEFAULT '',
	confirmation   TEXT NOT NULL,
	deals          BIGINT NOT NULL DEFAULT 0,
	value_idr      BIGINT NOT NULL DEFAULT 0,
	realised_idr   BIGINT NOT NULL DEFAULT 0,
	sample_deals   BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (office_id, kind, year, event_id, counterpart_id, commodity_id, business_id, direction, stage, confirmation)
);

INSERT INTO deal_rollup (office_id, kind, year, event_id, direction, confirmation, deals, value_idr, realised_idr, sample_deals)
SELECT office_id, 'e', CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), COALESCE(event_id, 0), direction, confirmation, COUNT(*), SUM(value_idr),
	SUM(CASE WHEN paid_idr < value_idr THEN paid_idr ELSE value_idr END), SUM(CASE WHEN sample THEN 1 ELSE 0 END)
FROM deals GROUP BY office_id, CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), COALESCE(event_id, 0), direction, confirmation;

INSERT INTO deal_rollup (office_id, kind, year, counterpart_id, direction, confirmation, deals, value_idr, realised_idr, sample_deals)
SELECT office_id, 'p', CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), counterpart_id, direction, confirmation, COUNT(*), SUM(value_idr),
	SUM(CASE WHEN paid_idr < value_idr THEN paid_idr ELSE value_idr END), SUM(CASE WHEN sample THEN 1 ELSE 0 END)
FROM deals GROUP BY office_id, CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), counterpart_id, direction, confirmation;

INSERT INTO deal_rollup (office_id, kind, year, commodity_id, direction, confirmation, deals, value_idr, realised_idr, sample_deals)
SELECT office_id, 'c', CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), COALESCE(commodity_id, 0), direction, confirmation, COUNT(*), SUM(value_idr),
	SUM(CASE WHEN paid_idr < value_idr THEN paid_idr ELSE value_idr END), SUM(CASE WHEN sample THEN 1 ELSE 0 END)
FROM deals GROUP BY office_id, CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), COALESCE(commodity_id, 0), direction, confirmation;

INSERT INTO deal_rollup (office_id, kind, year, direction, stage, confirmation, deals, value_idr, realised_idr, sample_deals)
SELECT office_id, 's', CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), direction, stage, confirmation, COUNT(*), SUM(value_idr),
	SUM(CASE WHEN paid_idr < value_idr THEN paid_idr ELSE value_idr END), SUM(CASE WHEN sample THEN 1 ELSE 0 END)
FROM deals GROUP BY office_id, CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), direction, stage, confirmation;

INSERT INTO deal_rollup (office_id, kind, year, business_id, confirmation, deals, value_idr, realised_idr, sample_deals)
SELECT office_id, 'b', CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), COALESCE(business_id, 0), confirmation, COUNT(*), SUM(value_idr),
	SUM(CASE WHEN paid_idr < value_idr THEN paid_idr ELSE value_idr END), SUM(CASE WHEN sample THEN 1 ELSE 0 END)
FROM deals GROUP BY office_id, CAST(SUBSTR(deal_date, 1, 4) AS INTEGER), COALESCE(business_id, 0), confirmation;

CREATE TABLE deal_confirm_tokens (
	id         {{ID}},
	deal_id    BIGINT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
	token_hash TEXT NOT NULL UNIQUE,
	expires_at {{TS}} NOT NULL,
	used_at    {{TS}},
	created_at {{TS}} NOT NULL
);
CREATE INDEX deal_confirm_tokens_deal ON deal_confirm_tokens(deal_id);

-- Likely-duplicate detection looks deals up by their parties.
CREATE INDEX deals_parties ON deals(office_id, counterpart_id, business_id);
