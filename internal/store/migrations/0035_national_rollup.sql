-- The national view (issue 20 §4) at the size of a whole country, 38
-- offices × 100,000 deals: the trades an office recorded and a partner
-- office linked its own record to are found by partner_deal_id; on
-- PostgreSQL the national summary table (national_rollup, hook
-- nationalRollup) holds the deals the view counts, by office, year,
-- direction, the counterpart's province and commodity, and by event, kept
-- by triggers in the statement of every change.
CREATE INDEX deals_partner_deal ON deals(partner_deal_id) WHERE partner_deal_id IS NOT NULL;
