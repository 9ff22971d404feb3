-- Shared records between partner offices: a deal recorded with a
-- counterpart in another province whose office is on the deployment
-- carries that office (partner_office_id) and its side of the deal: its
-- review (state, note, who, when), its own record of the same trade
-- (partner_deal_id, a deal of the partner office: no foreign key, which
-- would let one office's delete reach the other's row) and the parties'
-- names as the partner sees them. Row-level security lets the partner
-- office read and review these rows (scope.go, migration hook).
ALTER TABLE deals ADD COLUMN partner_office_id BIGINT REFERENCES offices(id);
ALTER TABLE deals ADD COLUMN partner_state TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN partner_note TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN partner_by TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN partner_at {{TS}};
ALTER TABLE deals ADD COLUMN partner_deal_id BIGINT;
ALTER TABLE deals ADD COLUMN shared_business TEXT NOT NULL DEFAULT '';
ALTER TABLE deals ADD COLUMN shared_counterpart TEXT NOT NULL DEFAULT '';
CREATE INDEX deals_partner ON deals(partner_office_id, deal_date);
