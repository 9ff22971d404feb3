package store

import (
	"context"
	"database/sql"
	"fmt"
)

// OpenFirstRelease opens dsn with the schema of the first release only
// (migration 0001), as that release left it, and returns the bare
// connection for writing its data with plain SQL (upgrade tests).
func OpenFirstRelease(ctx context.Context, dsn string) (*sql.DB, error) {
	d := &DB{dsn: dsn}
	var err error
	if isPostgres(dsn) {
		d.dialect = postgres{}
		d.db, err = sql.Open("pgx", dsn)
	} else {
		d.dialect = sqlite{}
		d.db, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=foreign_keys(1)")
	}
	if err != nil {
		return nil, err
	}
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	if ms[0].version != 1 {
		return nil, fmt.Errorf("first migration is %d", ms[0].version)
	}
	err = d.inTx(ctx, func(t tx) error {
		if _, err := t.exec(ctx, `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
			return err
		}
		for _, stmt := range splitStatements(d.dialect.ddl(ms[0].sql)) {
			if _, err := t.exec(ctx, stmt); err != nil {
				return err
			}
		}
		_, err := t.exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (1, ?)`, ms[0].name)
		return err
	})
	if err != nil {
		d.db.Close()
		return nil, err
	}
	return d.db, nil
}

// RawDB is the store's connection pool, for statements the store itself
// never sends.
func RawDB(d *DB) *sql.DB { return d.db }
