package analysis_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/complement"
)

// BenchmarkRankFromStore measures what 'dagang partners rank' and the
// ranking page do on the demo database: read the store and analyse.
func BenchmarkRankFromStore(b *testing.B) {
	db, s := loadDemo(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := analysis.Rank(ctx, db, s.Office.ID, "63", complement.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRankInMemory is the peer: the same analysis on input already read.
func BenchmarkRankInMemory(b *testing.B) {
	db, s := loadDemo(b)
	in, err := analysis.Load(context.Background(), db, s.Office.ID)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := in.Rank("63", complement.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
