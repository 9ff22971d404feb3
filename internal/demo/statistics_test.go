package demo_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
)

// TestLoadReferenceStatistics checks that an empty database (as for
// 'dagang serve') gets the real statistics once, with their sources.
func TestLoadReferenceStatistics(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "ref.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want, err := demo.EmbeddedStatistics()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if _, err := demo.LoadReference(ctx, db); err != nil {
			t.Fatal(err)
		}
		ss, n, err := db.FindStatistics(ctx, dagang.StatisticFilter{ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		if n != len(want) || n < 1000 {
			t.Fatalf("load %d: %d statistics stored, want the %d embedded (over 1000)", i+1, n, len(want))
		}
		for _, s := range ss {
			if s.Publisher == "" || s.SourceURL == "" || s.Unit == "" || s.Status == "" {
				t.Errorf("statistic %d lacks its source, unit or status: %+v", s.ID, s)
			}
		}
	}
}
