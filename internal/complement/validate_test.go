package complement

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRanks(t *testing.T) {
	got := Ranks([]float64{10, 0, 0, 5, 0})
	if diff := cmp.Diff([]float64{5, 2, 2, 4, 2}, got); diff != "" {
		t.Errorf("ranks (-want +got):\n%s", diff)
	}
}

func TestSpearman(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
		ok   bool
	}{
		{"same order", []float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 1, true},
		{"reversed", []float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1, true},
		// Ranks of y with ties: 1.5 1.5 3 4; Pearson with 1 2 3 4 is
		// 4.5/sqrt(5*4.5) = 0.948683.
		{"ties at mean rank", []float64{1, 2, 3, 4}, []float64{0, 0, 7, 9}, 0.9486833, true},
		{"constant trade", []float64{1, 2, 3}, []float64{0, 0, 0}, 0, false},
		{"too short", []float64{1, 2}, []float64{1, 2}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Spearman(tt.x, tt.y)
			if ok != tt.ok || math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("Spearman = %.7f, %v; want %.7f, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestPermutationP checks that a perfect order of ten values is rare among
// reorderings (exactly 1/10! in theory) and an unrelated one is not, and
// that a seed gives the same answer twice.
func TestPermutationP(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	if p := PermutationP(x, x, 1, 999, 1); p > 0.01 {
		t.Errorf("perfect order: p = %.4f, want ≤ 0.01", p)
	}
	y := []float64{3, 9, 1, 7, 5, 10, 2, 8, 4, 6}
	rho, _ := Spearman(x, y)
	p1, p2 := PermutationP(x, y, rho, 999, 7), PermutationP(x, y, rho, 999, 7)
	if p1 != p2 || p1 < 0.1 {
		t.Errorf("unrelated order (rho %.3f): p = %.4f then %.4f; want equal and ≥ 0.1", rho, p1, p2)
	}
}
