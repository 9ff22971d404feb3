package store

import (
	"context"
	"fmt"
	"sort"
)

// appendOnlyAudit (migration 0013) makes the database refuse any UPDATE or
// DELETE of an audit entry, whoever sends it: the store offers no such
// statement, and a hand-typed one fails too.
func appendOnlyAudit(ctx context.Context, d *DB, t tx) error {
	var stmts []string
	switch d.dialect.name() {
	case "postgres":
		stmts = []string{
			`CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit entries are append-only';
END
$$`,
			`CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`,
			`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`,
		}
	default:
		stmts = []string{
			`CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`,
			`CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`,
		}
	}
	for _, s := range stmts {
		if _, err := t.exec(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// Ready reports whether the database answers and its schema is at the
// latest migration this binary embeds (an older binary against a newer
// schema, or a half-migrated database, is not ready).
func (d *DB) Ready(ctx context.Context) error {
	if err := d.Ping(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	have, err := d.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("store: schema version: %w", err)
	}
	if want := LatestSchemaVersion(); have != want {
		return fmt.Errorf("store: schema at migration %d, this binary needs %d", have, want)
	}
	return nil
}

// RowCounts returns the number of rows of every table of the schema, by
// table name: a cheap fingerprint to check that a refused request changed
// nothing, or that a copy holds as much as its original.
func (d *DB) RowCounts(ctx context.Context) (map[string]int64, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if d.dialect.name() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := d.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make(map[string]int64, len(names))
	for _, n := range names {
		var c int64
		if err := d.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM "`+n+`"`).Scan(&c); err != nil {
			return nil, fmt.Errorf("store: count %s: %w", n, err)
		}
		out[n] = c
	}
	return out, nil
}
