-- Issue 7: the deal summary table answers the all-years report from a few
-- rows. Every deal now also counts in rows of year 0 ("all years") of the
-- event, counterpart, commodity, stage and business kinds, so the report
-- of all years reads one row per event, counterpart and commodity instead
-- of one per year. The per-business rows ('b') no longer split by
-- confirmation: they only say which businesses have deals, per year and
-- in year 0.

INSERT INTO deal_rollup (office_id, kind, year, business_id, confirmation, deals, value_idr, realised_idr, sample_deals)
SELECT office_id, 'B', year, business_id, '', SUM(deals), SUM(value_idr), SUM(realised_idr), SUM(sample_deals)
FROM deal_rollup WHERE kind = 'b' GROUP BY office_id, year, business_id;

DELETE FROM deal_rollup WHERE kind = 'b';

UPDATE deal_rollup SET kind = 'b' WHERE kind = 'B';

INSERT INTO deal_rollup (office_id, kind, year, event_id, counterpart_id, commodity_id, business_id, direction, stage, confirmation, deals, value_idr, realised_idr, sample_deals)
SELECT office_id, kind, 0, event_id, counterpart_id, commodity_id, business_id, direction, stage, confirmation, SUM(deals), SUM(value_idr), SUM(realised_idr), SUM(sample_deals)
FROM deal_rollup WHERE year <> 0
GROUP BY office_id, kind, event_id, counterpart_id, commodity_id, business_id, direction, stage, confirmation;
