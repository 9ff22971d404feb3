package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationHooks run after the SQL of the migration with their version, in
// its transaction, for what SQL alone cannot do: DDL that differs by
// dialect, or filling new tables with values computed in Go.
var migrationHooks = map[int]func(context.Context, *DB, tx) error{
	9:  migrateSearch,
	10: migrateSearchPlan,
	13: appendOnlyAudit,
	15: uniqueBusinessNIB,
	33: partnerDeals,
	34: sharedAgreements,
	35: nationalRollup,
}

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration %s: name must start with a number and '_'", base)
		}
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// Migrate brings the schema up to date, each migration in its own
// transaction. It is safe to run at every start.
func (d *DB) Migrate(ctx context.Context) error {
	_, err := d.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)`)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		err := d.inTx(ctx, func(t tx) error {
			// Serialise concurrent migrators on PostgreSQL.
			if d.dialect.name() == "postgres" {
				if _, err := t.exec(ctx, `SELECT pg_advisory_xact_lock(7231)`); err != nil {
					return err
				}
			}
			var n int
			if err := t.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			for _, stmt := range splitStatements(d.dialect.ddl(m.sql)) {
				if _, err := t.exec(ctx, stmt); err != nil {
					return fmt.Errorf("%s: %w", m.name, err)
				}
			}
			if hook := migrationHooks[m.version]; hook != nil {
				if err := hook(ctx, d, t); err != nil {
					return fmt.Errorf("%s: %w", m.name, err)
				}
			}
			_, err := t.exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migrate: %w", err)
		}
	}
	if d.rls {
		err := d.inTx(ctx, func(t tx) error {
			if _, err := t.exec(ctx, `SELECT pg_advisory_xact_lock(7231)`); err != nil {
				return err
			}
			return ensureRowSecurity(ctx, t)
		})
		if err != nil {
			return fmt.Errorf("store: row-level security: %w", err)
		}
	}
	return nil
}

// SchemaVersion returns the highest applied migration.
func (d *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := d.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// splitStatements splits a migration on the semicolons that end lines,
// dropping comments. Migrations keep one statement per ';'-terminated block.
func splitStatements(s string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "--") || t == "" {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}
