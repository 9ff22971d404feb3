-- Shared agreements between partner offices (agreement_shared.go): an
-- agreement with a province whose office is on the deployment carries that
-- office (partner_office_id); each office's signature of it is a row of
-- agreement_signatures, written by that office only; each step of its
-- history names the office that made it (by_office_id). The hook shares
-- the agreements already recorded, except pairs two offices recorded of
-- each other, and on PostgreSQL adds the trigger that lets the partner
-- office change only the stage (scope.go, store/agreement_shared.go).
ALTER TABLE agreements ADD COLUMN partner_office_id BIGINT REFERENCES offices(id);
CREATE INDEX agreements_partner_office ON agreements(partner_office_id);
ALTER TABLE agreement_changes ADD COLUMN by_office_id BIGINT REFERENCES offices(id);
CREATE INDEX agreement_changes_by_office ON agreement_changes(by_office_id);
UPDATE agreement_changes SET by_office_id = (SELECT a.office_id FROM agreements a WHERE a.id = agreement_changes.agreement_id);
CREATE TABLE agreement_signatures (
	agreement_id BIGINT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
	office_id    BIGINT NOT NULL REFERENCES offices(id),
	signatory    TEXT NOT NULL,
	signed_on    TEXT NOT NULL,
	recorded_by  TEXT NOT NULL,
	recorded_at  {{TS}} NOT NULL,
	PRIMARY KEY (agreement_id, office_id)
);
CREATE INDEX agreement_signatures_office ON agreement_signatures(office_id);
