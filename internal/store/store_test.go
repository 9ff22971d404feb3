package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/demo/demotest"
	"github.com/dagang/dagang/internal/store"
)

// The conformance suite: every test runs against SQLite and PostgreSQL,
// each in a fresh database (a temporary file, or a throwaway database).
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

// demoDB is the demo story at fixedNow, built once for the package's tests
// and copied for each (internal/demo/demotest).
var demoDB = demotest.Template{Now: func() time.Time { return fixedNow }}

// eachDemo runs fn as a subtest on every backend, each with its own copy
// of the demo story.
func eachDemo(t *testing.T, fn func(t *testing.T, db *store.DB, s *demo.Story)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db, s := demoDB.Open(t, b.name, store.Options{})
			fn(t, db, s)
		})
	}
}

// emptyDB is the migrated schema without records, copied for each test
// that brings its own: cheaper than migrating again, on PostgreSQL most.
var emptyDB = demotest.Template{Now: func() time.Time { return fixedNow }, Empty: true}

func openSQLite(t testing.TB) *store.DB {
	t.Helper()
	db, _ := emptyDB.Open(t, "sqlite", store.Options{})
	return db
}

func openPostgres(t testing.TB) *store.DB {
	t.Helper()
	return openPostgresAt(t, func() time.Time { return fixedNow })
}

// openPostgresAt opens a throwaway database whose clock is now.
func openPostgresAt(t testing.TB, now func() time.Time) *store.DB {
	t.Helper()
	db, _ := emptyDB.Open(t, "postgres", store.Options{Now: now})
	return db
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
