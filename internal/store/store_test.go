package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/pgtest"
	"github.com/dagang/dagang/internal/store"
)

// The conformance suite: every test runs against SQLite and PostgreSQL,
// each in a fresh database (a temporary file, or a throwaway schema).
// PostgreSQL follows the policy of internal/pgtest: skipped with a message
// locally when DAGANG_TEST_POSTGRES names no usable server, mandatory with
// CI=true.

type backend struct {
	name string
	open func(t testing.TB) *store.DB
}

func backends(testing.TB) []backend {
	return []backend{{"sqlite", openSQLite}, {"postgres", openPostgres}}
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

func openPostgres(t testing.TB) *store.DB {
	t.Helper()
	return openPostgresAt(t, func() time.Time { return fixedNow })
}

// openPostgresAt opens a throwaway schema whose clock is now.
func openPostgresAt(t testing.TB, now func() time.Time) *store.DB {
	t.Helper()
	return openPostgresDSN(t, pgtest.Schema(t), now)
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
