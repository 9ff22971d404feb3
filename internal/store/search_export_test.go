package store

import "context"

// UndoSearchMigration drops the search indexes and forgets migration 0009,
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
		_, err := t.exec(ctx, "DELETE FROM schema_migrations WHERE version = 9")
		return err
	})
}
