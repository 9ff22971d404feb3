package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/dagang/dagang/internal/pgtest"
)

// Every foreign key has an index whose leading columns are the key's own
// columns, so deleting or updating a parent row, and joining from the
// parent, never scans the child table. PostgreSQL, unlike SQLite's
// automatic indexes for some joins, never adds one by itself.
func TestForeignKeysAreIndexed(t *testing.T) {
	ctx := context.Background()
	schemaDSN := pgtest.Schema(t)
	openPostgresDSN(t, schemaDSN, nil) // migrates the schema
	conn, err := sql.Open("pgx", schemaDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, `
SELECT c.conrelid::regclass::text AS tbl,
       (SELECT string_agg(a.attname, ', ' ORDER BY k.i)
          FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS cols,
       c.confrelid::regclass::text AS parent
  FROM pg_constraint c
 WHERE c.contype = 'f'
   AND c.connamespace = current_schema()::regnamespace
   AND NOT EXISTS (
       SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid
          AND i.indpred IS NULL
          AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
          AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
 ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var missing []string
	for rows.Next() {
		var tbl, cols, parent string
		if err := rows.Scan(&tbl, &cols, &parent); err != nil {
			t.Fatal(err)
		}
		missing = append(missing, tbl+"("+cols+") → "+parent)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no foreign key found in the schema: the query looks in the wrong place")
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d foreign keys have no index starting with their columns:\n  %s", len(missing), n, strings.Join(missing, "\n  "))
	}
}
