package store

import (
	"context"
	"strings"
)

// The national summary table (PostgreSQL): what National would otherwise
// sum over every deal of the deployment, 3.8 million for 38 offices ×
// 100,000, kept in the statement of every change by triggers on deals and
// organisations, whichever code or SQL makes the change.
//
// A row of kind 'f' (flow) totals, for one office, year (0: all years),
// direction, counterpart province and commodity (0: none), the deals that
// neither the counterpart rejected nor the partner office disputed: their
// count, value, the value confirmed by both sides (confirmedBoth) and the
// sample deals among them. A row of kind 'e' does the same for one event
// (year 0). A deal another deal links is left out too (countedOnce): that
// depends on other rows, so the trigger of a statement that links or
// unlinks a deal moves that deal's rows as well (nationalRollupChange),
// finding links by the index deals_partner_deal.
//
// The trigger functions are SECURITY DEFINER: a partner office's review
// (its own transaction, scoped to it) changes what the recording office's
// rows hold, and the counterpart's province is the recording office's
// record. They run as the tables' owner, which row-level security does
// not scope (scope.go); what a scoped transaction reads of the table is
// still its own office's rows.

// nationalRollupRows selects the summary-table rows of the deals in src
// (a table, transition table or subquery), joined to the organisations in
// orgs for the counterpart's province, each counted sign times (+1 or
// -1): the deals countedOnce counts, where linked says of x whether a
// deal links it.
func nationalRollupRows(src, orgs, sign, linked, where string) string {
	if where != "" {
		where = " AND " + where
	}
	return `SELECT x.office_id, k.kind, CASE WHEN k.n = 1 THEN CAST(SUBSTR(x.deal_date, 1, 4) AS INTEGER) ELSE 0 END AS year,
		CASE WHEN k.kind = 'f' THEN x.direction ELSE '' END AS direction, CASE WHEN k.kind = 'f' THEN o.province_code ELSE '' END AS province_code,
		CASE WHEN k.kind = 'f' THEN COALESCE(x.commodity_id, 0) ELSE 0 END AS commodity_id, CASE WHEN k.kind = 'e' THEN x.event_id ELSE 0 END AS event_id,
		` + sign + ` AS deals, ` + sign + ` * x.value_idr AS value_idr, ` + sign + ` * CASE WHEN ` + confirmedBoth + ` THEN x.value_idr ELSE 0 END AS confirmed_idr,
		` + sign + ` * CASE WHEN x.sample THEN 1 ELSE 0 END AS sample_deals
		FROM ` + src + ` x JOIN ` + orgs + ` o ON o.id = x.counterpart_id CROSS JOIN (VALUES (1, 'f'), (2, 'f'), (3, 'e')) k(n, kind)
		WHERE x.confirmation <> 'rejected' AND x.partner_state <> 'disputed' AND NOT ` + linked + ` AND (k.kind = 'f' OR x.event_id IS NOT NULL)` + where
}

// noDeals is an empty set of deals: the old images of an insert, the new
// of a delete.
const noDeals = "(SELECT * FROM deals WHERE FALSE)"

// linkedNow says whether a deal links deal x.
const linkedNow = "EXISTS (SELECT 1 FROM deals l WHERE l.partner_deal_id = x.id)"

// nationalRollupChange is the change of the summary table by one
// statement on deals, given its old and new images (transition tables or
// empty subqueries): the new images in and the old out, each counted
// unless linked after or before the statement; and the deals that
// statement links or unlinks (targets), out before and in after (their
// rows cancel unless the link changed).
func nationalRollupChange(oldSet, newSet string) string {
	linkedBefore := "(EXISTS (SELECT 1 FROM deals l WHERE l.partner_deal_id = x.id AND l.id NOT IN (SELECT n.id FROM " + newSet + " n))" +
		" OR EXISTS (SELECT 1 FROM " + oldSet + " l WHERE l.partner_deal_id = x.id))"
	// Found from the few ids by the primary key, never by a scan of the
	// deals.
	targets := "(SELECT d.* FROM (SELECT n.partner_deal_id AS id FROM " + newSet + " n WHERE n.partner_deal_id IS NOT NULL" +
		" UNION SELECT p.partner_deal_id FROM " + oldSet + " p WHERE p.partner_deal_id IS NOT NULL) t JOIN deals d ON d.id = t.id" +
		" WHERE NOT EXISTS (SELECT 1 FROM " + newSet + " n WHERE n.id = d.id) AND NOT EXISTS (SELECT 1 FROM " + oldSet + " p WHERE p.id = d.id))"
	return nationalRollupUpsert(
		nationalRollupRows(newSet, "organisations", "1", linkedNow, ""),
		nationalRollupRows(oldSet, "organisations", "-1", linkedBefore, ""),
		nationalRollupRows(targets, "organisations", "1", linkedNow, ""),
		nationalRollupRows(targets, "organisations", "-1", linkedBefore, ""))
}

// nationalRollupUpsert adds the rows of the selects to the table, in key
// order (concurrent transactions lock rows in the same order), leaving out
// keys whose changes cancel.
func nationalRollupUpsert(selects ...string) string {
	return `INSERT INTO national_rollup AS r (office_id, kind, year, direction, province_code, commodity_id, event_id, deals, value_idr, confirmed_idr, sample_deals)
		SELECT office_id, kind, year, direction, province_code, commodity_id, event_id, SUM(deals), SUM(value_idr), SUM(confirmed_idr), SUM(sample_deals)
		FROM (` + strings.Join(selects, " UNION ALL ") + `) u
		GROUP BY office_id, kind, year, direction, province_code, commodity_id, event_id
		HAVING SUM(deals) <> 0 OR SUM(value_idr) <> 0 OR SUM(confirmed_idr) <> 0 OR SUM(sample_deals) <> 0
		ORDER BY kind, year, office_id, direction, province_code, commodity_id, event_id
		ON CONFLICT (kind, year, office_id, direction, province_code, commodity_id, event_id) DO UPDATE SET
		deals = r.deals + excluded.deals, value_idr = r.value_idr + excluded.value_idr,
		confirmed_idr = r.confirmed_idr + excluded.confirmed_idr, sample_deals = r.sample_deals + excluded.sample_deals`
}

// nationalRollup is migration 0035's PostgreSQL part: the table, its
// triggers, and its rows for the deals already stored.
func nationalRollup(ctx context.Context, d *DB, t tx) error {
	if d.dialect.name() != "postgres" {
		return nil
	}
	stmts := []string{`CREATE TABLE national_rollup (
		office_id     BIGINT NOT NULL REFERENCES offices(id),
		kind          TEXT NOT NULL,
		year          INTEGER NOT NULL,
		direction     TEXT NOT NULL,
		province_code TEXT NOT NULL,
		commodity_id  BIGINT NOT NULL,
		event_id      BIGINT NOT NULL,
		deals         BIGINT NOT NULL,
		value_idr     BIGINT NOT NULL,
		confirmed_idr BIGINT NOT NULL,
		sample_deals  BIGINT NOT NULL,
		PRIMARY KEY (kind, year, office_id, direction, province_code, commodity_id, event_id))`,
		`CREATE INDEX national_rollup_office ON national_rollup(office_id)`,
		// Deals: the rows of the new images in, those of the old out.
		`CREATE FUNCTION national_rollup_deals() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET jit = off AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		` + nationalRollupChange(noDeals, "new_deals") + `;
	ELSIF TG_OP = 'UPDATE' THEN
		` + nationalRollupChange("old_deals", "new_deals") + `;
	ELSE
		` + nationalRollupChange("old_deals", noDeals) + `;
	END IF;
	RETURN NULL;
END
$$`,
		`CREATE TRIGGER national_rollup_insert AFTER INSERT ON deals REFERENCING NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION national_rollup_deals()`,
		`CREATE TRIGGER national_rollup_update AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals FOR EACH STATEMENT EXECUTE FUNCTION national_rollup_deals()`,
		`CREATE TRIGGER national_rollup_delete AFTER DELETE ON deals REFERENCING OLD TABLE AS old_deals FOR EACH STATEMENT EXECUTE FUNCTION national_rollup_deals()`,
		// Organisations: a counterpart that moves to another province
		// moves its deals' flows.
		`CREATE FUNCTION national_rollup_orgs() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET jit = off AS $$
BEGIN
	` + nationalRollupUpsert(
			nationalRollupRows("deals", "old_orgs", "-1", linkedNow, "o.province_code IS DISTINCT FROM (SELECT n.province_code FROM new_orgs n WHERE n.id = o.id)"),
			nationalRollupRows("deals", "new_orgs", "1", linkedNow, "o.province_code IS DISTINCT FROM (SELECT p.province_code FROM old_orgs p WHERE p.id = o.id)")) + `;
	RETURN NULL;
END
$$`,
		`CREATE TRIGGER national_rollup_orgs AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_orgs NEW TABLE AS new_orgs FOR EACH STATEMENT EXECUTE FUNCTION national_rollup_orgs()`,
		nationalRollupUpsert(nationalRollupRows("deals", "organisations", "1", linkedNow, "")),
		// Statistics now: its first readers need a plan for its real size.
		`ANALYZE national_rollup`,
	}
	for _, s := range stmts {
		if _, err := t.exec(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// rebuildNationalRollup recomputes an office's rows of the national
// summary table from its deals (PostgreSQL; RebuildDealRollup).
func rebuildNationalRollup(ctx context.Context, d *DB, t tx, officeID int64) error {
	if d.dialect.name() != "postgres" {
		return nil
	}
	if _, err := t.exec(ctx, "DELETE FROM national_rollup WHERE office_id = ?", officeID); err != nil {
		return err
	}
	_, err := t.exec(ctx, nationalRollupUpsert(nationalRollupRows("deals", "organisations", "1", linkedNow, "x.office_id = ?")), officeID)
	return err
}
