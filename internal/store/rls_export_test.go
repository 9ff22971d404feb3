package store

import "context"

// RawCount counts a table's rows with a query that has no office filter,
// over the pool (inTx false) or in a transaction, as every store method
// does: what row-level security leaves of a forgotten WHERE.
func (d *DB) RawCount(ctx context.Context, table string, inTx bool) (int, error) {
	var n int
	if !inTx {
		err := d.read().queryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n)
		return n, err
	}
	err := d.inTx(ctx, func(t tx) error { return t.queryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n) })
	return n, err
}

// RawExec runs a statement in a transaction made for ctx and returns the
// rows it changed.
func (d *DB) RawExec(ctx context.Context, query string, args ...any) (int64, error) {
	var n int64
	err := d.inTx(ctx, func(t tx) error {
		res, err := t.exec(ctx, query, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
