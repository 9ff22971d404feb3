package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang/internal/pgtest"
)

// pgTestDB creates a throwaway PostgreSQL database on the server of
// DAGANG_TEST_POSTGRES, dropped at the end of the test, and returns its
// URL; without the variable the test skips (and fails when CI=true).
func pgTestDB(t *testing.T) string {
	t.Helper()
	return pgtest.Database(t)
}

// tableRows returns every row of every table of the database, each row
// formatted as text, sorted, by table name.
func tableRows(t *testing.T, dsn string) map[string][]string {
	t.Helper()
	driver, source, list := "sqlite", "file:"+dsn+"?mode=ro", "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if isPostgresDSN(dsn) {
		driver, source, list = "pgx", dsn, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var names []string
	rows, err := db.Query(list)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, n := range names {
		rows, err := db.Query(`SELECT * FROM "` + n + `"`)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("%s: %v", n, err)
			}
			var b strings.Builder
			for i, v := range vals {
				if x, ok := v.([]byte); ok {
					v = string(x)
				}
				fmt.Fprintf(&b, "%s=%v|", cols[i], v)
			}
			lines = append(lines, b.String())
		}
		rows.Close()
		sort.Strings(lines)
		out[n] = lines
	}
	return out
}

func TestBackupRestoreSQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := newDemoDB(t)
	bak := filepath.Join(dir, "dagang.bak")
	if out, err := runCmd(t, ctx, nil, "backup", "--db", src, "--out", bak); err != nil || !strings.Contains(out, "integrity_check ok") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	// A second backup to the same file is refused: backups are never overwritten.
	if _, err := runCmd(t, ctx, nil, "backup", "--db", src, "--out", bak); err == nil || !strings.Contains(err.Error(), "sudah ada") {
		t.Errorf("backup over an existing file: %v", err)
	}
	dst := filepath.Join(dir, "restored", "dst.db")
	if out, err := runCmd(t, ctx, nil, "restore", "--from", bak, "--db", dst); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	want := tableRows(t, src)
	if len(want["deals"]) == 0 || len(want["audit_entries"]) == 0 {
		t.Fatalf("demo database has no deals or audit entries: %d, %d", len(want["deals"]), len(want["audit_entries"]))
	}
	if diff := cmp.Diff(want, tableRows(t, dst)); diff != "" {
		t.Errorf("restored database differs from the original (-want +got):\n%s", diff)
	}
	// The restored database holds data: restoring again needs --force.
	if _, err := runCmd(t, ctx, nil, "restore", "--from", bak, "--db", dst); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("restore over data without --force: %v", err)
	}
	if _, err := runCmd(t, ctx, nil, "restore", "--from", bak, "--db", dst, "--force"); err != nil {
		t.Errorf("restore --force: %v", err)
	}
	// A damaged or foreign file is refused and the target left alone.
	junk := filepath.Join(dir, "junk.bak")
	os.WriteFile(junk, []byte("bukan basis data"), 0o644)
	if _, err := runCmd(t, ctx, nil, "restore", "--from", junk, "--db", filepath.Join(dir, "new.db")); err == nil {
		t.Error("restore from a junk file succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
		t.Error("a failed restore created the target")
	}
	trunc := filepath.Join(dir, "trunc.bak")
	b, _ := os.ReadFile(bak)
	os.WriteFile(trunc, b[:len(b)/2], 0o644)
	if _, err := runCmd(t, ctx, nil, "restore", "--from", trunc, "--db", filepath.Join(dir, "new.db")); err == nil {
		t.Error("restore from a truncated backup succeeded")
	}
	if diff := cmp.Diff(want, tableRows(t, dst)); diff != "" {
		t.Errorf("database changed by refused restores (-want +got):\n%s", diff)
	}
}

func TestBackupRestorePostgres(t *testing.T) {
	src, dst := newDemoDBOn(t, "postgres"), pgTestDB(t)
	ctx := context.Background()
	bak := filepath.Join(t.TempDir(), "dagang.dump")
	if out, err := runCmd(t, ctx, nil, "backup", "--db", src, "--out", bak); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := runCmd(t, ctx, nil, "restore", "--from", bak, "--db", dst); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	want := tableRows(t, src)
	if len(want["deals"]) == 0 {
		t.Fatal("demo database has no deals")
	}
	if diff := cmp.Diff(want, tableRows(t, dst)); diff != "" {
		t.Errorf("restored database differs from the original (-want +got):\n%s", diff)
	}
	if _, err := runCmd(t, ctx, nil, "restore", "--from", bak, "--db", dst); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("restore over data without --force: %v", err)
	}
	if _, err := runCmd(t, ctx, nil, "restore", "--from", bak, "--db", dst, "--force"); err != nil {
		t.Errorf("restore --force: %v", err)
	}
	if diff := cmp.Diff(want, tableRows(t, dst)); diff != "" {
		t.Errorf("database after restore --force differs (-want +got):\n%s", diff)
	}
}
