package mission_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang/internal/mission"
)

// BenchmarkProposeFromStore measures 'dagang delegation propose' and the
// delegation page on the demo database: the analysis, the applicants with
// their history, and the exact proposal with overrides.
func BenchmarkProposeFromStore(b *testing.B) {
	db, s := loadDemo(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := mission.Propose(ctx, db, s.Office.ID, s.Mission2019.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReachFromStore measures 'dagang report reach' on the demo.
func BenchmarkReachFromStore(b *testing.B) {
	db, s := loadDemo(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := mission.ComputeReach(ctx, db, s.Office.ID); err != nil {
			b.Fatal(err)
		}
	}
}
