package main

import (
	"testing"

	"github.com/dagang/dagang/internal/demo/demotest"
)

// TestMain builds the demo database once for the package's tests and
// hashes passwords at the cheapest cost (internal/demo/demotest).
func TestMain(m *testing.M) { demotest.Main(m) }

// demoTemplate is what `dagang demo --no-serve` writes: the story and the
// demo accounts. TestDemoThenSummary runs the command itself; the tests
// that only start from its result take a copy.
var demoTemplate = demotest.Template{Users: true}

// newDemoDB returns the address of a fresh copy of the demo database on
// SQLite, removed when the test ends.
func newDemoDB(t *testing.T) string {
	t.Helper()
	return newDemoDBOn(t, "sqlite")
}

// newDemoDBOn is newDemoDB on backend, "sqlite" or "postgres" (skipped or
// failed as internal/pgtest says when PostgreSQL is missing).
func newDemoDBOn(t *testing.T, backend string) string {
	t.Helper()
	dsn, _ := demoTemplate.Copy(t, backend)
	return dsn
}
