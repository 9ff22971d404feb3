// Package demotest gives tests a fresh SQLite database holding the demo
// story, so that every package's tests start from the same records.
package demotest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
)

// Load opens a new SQLite database in t's temporary directory, loads the
// demo story into it and closes it when the test ends.
func Load(t testing.TB) (*store.DB, *demo.Story) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := demo.Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	return db, s
}
