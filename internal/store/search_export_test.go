package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/dagang/dagang"
)

// UndoSearchMigration drops the search indexes and forgets migrations 0009 and 0010,
// as in a database from before it.
func UndoSearchMigration(ctx context.Context, d *DB) error {
	return d.inTx(ctx, func(t tx) error {
		for _, s := range searchables {
			stmts := []string{"DROP TABLE " + s.table + "_search"}
			if d.dialect.name() == "postgres" {
				stmts = append(stmts, "DROP FUNCTION "+s.table+"_search(TEXT)")
			}
			for _, q := range stmts {
				if _, err := t.exec(ctx, q); err != nil {
					return err
				}
			}
		}
		_, err := t.exec(ctx, "DELETE FROM schema_migrations WHERE version IN (9, 10)")
		return err
	})
}

// SeedBusinesses stores n businesses of the office in the regency, each
// with one product of the commodity described by describe(i), named by
// name(i), in bulk, and indexes them: the data of the search benchmark.
func SeedBusinesses(ctx context.Context, d *DB, officeID int64, regency string, commodityID int64, n int, name, describe func(int) string) error {
	return d.inTx(ctx, func(t tx) error {
		first, err := maxID(ctx, t, "businesses")
		if err != nil {
			return err
		}
		const batch = 500
		now := d.now().UTC()
		for lo := 0; lo < n; lo += batch {
			var bs, ps [][]any
			for i := lo; i < min(lo+batch, n); i++ {
				bs = append(bs, []any{officeID, name(i), regency, "micro", false, now})
				ps = append(ps, []any{first + int64(i) + 1, commodityID, describe(i), 1.0, "ton"})
			}
			if err := insertRows(ctx, t, "INSERT INTO businesses (office_id, name, regency_code, size_class, sample, created_at)", bs); err != nil {
				return err
			}
			if err := insertRows(ctx, t, "INSERT INTO products (business_id, commodity_id, description, monthly_capacity, unit)", ps); err != nil {
				return err
			}
		}
		if last, err := maxID(ctx, t, "businesses"); err != nil || last != first+int64(n) {
			return fmt.Errorf("seeded ids do not follow %d: last %d (%v)", first, last, err)
		}
		return d.reindexAfter(ctx, t, "businesses", first)
	})
}

// FindBusinessesLike is FindBusinesses with the substring scan that search
// replaced, over the same text (name, NIB, product descriptions): the
// benchmark's peer.
func FindBusinessesLike(ctx context.Context, d *DB, f dagang.BusinessFilter) ([]*dagang.Business, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		pat := "%" + q + "%"
		w.add("(LOWER(name) LIKE ? OR LOWER(nib) LIKE ? OR id IN (SELECT business_id FROM products WHERE LOWER(description) LIKE ?))", pat, pat, pat)
	}
	t := d.read()
	bs, n, err := list(ctx, t, "SELECT "+businessCols+" FROM businesses", "SELECT COUNT(*) FROM businesses", w, businessSort, f.ListOptions, scanBusiness)
	if err == nil {
		err = attachProducts(ctx, t, bs)
	}
	return bs, n, err
}

// Analyze gathers the planner's statistics (ANALYZE), as PostgreSQL's
// autovacuum or SQLite's PRAGMA optimize would.
func Analyze(ctx context.Context, d *DB) error {
	_, err := d.db.ExecContext(ctx, "ANALYZE")
	return err
}
