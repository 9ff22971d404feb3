package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

// The conformance suite: every test runs against SQLite and, when
// DAGANG_TEST_POSTGRES names a server, against PostgreSQL, each in a fresh
// database (a temporary file, or a throwaway schema). With CI=true a
// missing PostgreSQL fails the run instead of skipping.

type backend struct {
	name string
	open func(t testing.TB) *store.DB
}

func backends(t testing.TB) []backend {
	t.Helper()
	bs := []backend{{"sqlite", openSQLite}}
	dsn := os.Getenv("DAGANG_TEST_POSTGRES")
	switch {
	case dsn != "":
		bs = append(bs, backend{"postgres", func(t testing.TB) *store.DB { return openPostgres(t, dsn) }})
	case os.Getenv("CI") == "true":
		t.Fatal("CI=true but DAGANG_TEST_POSTGRES is not set: the PostgreSQL conformance run is mandatory in CI")
	default:
		t.Log("PostgreSQL conformance run skipped: set DAGANG_TEST_POSTGRES=postgres://… to enable it")
	}
	return bs
}

// each runs fn as a subtest on every backend.
func each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { fn(t, b.open(t)) })
	}
}

var fixedNow = time.Date(2019, 1, 2, 9, 0, 0, 0, time.UTC)

func openSQLite(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dagang.db"), store.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPostgres(t testing.TB, dsn string) *store.DB {
	t.Helper()
	return openPostgresAt(t, dsn, func() time.Time { return fixedNow })
}

// openPostgresAt opens a throwaway schema whose clock is now.
func openPostgresAt(t testing.TB, dsn string, now func() time.Time) *store.DB {
	t.Helper()
	return openPostgresDSN(t, postgresSchema(t, dsn), now)
}

// postgresSchema creates a throwaway schema, dropped when the test ends,
// and returns a DSN whose search_path is that schema.
func postgresSchema(t testing.TB, dsn string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if err := admin.PingContext(ctx); err != nil {
		t.Fatalf("DAGANG_TEST_POSTGRES is set but PostgreSQL does not answer: %v", err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "dagang_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", dsn)
		if err == nil {
			admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			admin.Close()
		}
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}

// openPostgresDSN opens the store at dsn, closed when the test ends.
func openPostgresDSN(t testing.TB, dsn string, now func() time.Time) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// wantError checks that err is a *dagang.Error with the code and, when
// field is not empty, a field error on that field.
func wantError(t *testing.T, err error, code, field string) {
	t.Helper()
	var e *dagang.Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %v (%T), want *dagang.Error %s", err, err, code)
	}
	if e.Code != code {
		t.Fatalf("got code %s (%v), want %s", e.Code, err, code)
	}
	if field == "" {
		return
	}
	for _, f := range e.Fields {
		if f.Field == field {
			if f.Message == "" || f.MessageEN == "" {
				t.Errorf("field %s has an empty message: %+v", field, f)
			}
			return
		}
	}
	t.Fatalf("no field error on %q in %v", field, err)
}
