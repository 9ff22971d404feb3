package complement

import (
	"math"
	"math/rand/v2"
	"sort"
)

// Ranks returns the ranks of x (1 = smallest), ties given the mean of the
// ranks they span.
func Ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && x[idx[j+1]] == x[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = mean
		}
		i = j + 1
	}
	return r
}

// pearson is the correlation of two equal-length series; ok is false when
// either is constant.
func pearson(x, y []float64) (float64, bool) {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}

// Spearman returns Spearman's rank correlation of x and y: the Pearson
// correlation of their ranks, ties given mean ranks (so it stays correct
// when many values are tied, as unlisted trade partners are). ok is false
// with fewer than three pairs or a constant series.
func Spearman(x, y []float64) (rho float64, ok bool) {
	if len(x) != len(y) || len(x) < 3 {
		return 0, false
	}
	return pearson(Ranks(x), Ranks(y))
}

// PermutationP is the one-sided p-value of a positive Spearman correlation:
// the share of n random reorderings of y (seeded, so reruns agree) whose
// correlation with x is at least rho, counting the observed order
// ((k+1)/(n+1)).
func PermutationP(x, y []float64, rho float64, n int, seed uint64) float64 {
	rx, ry := Ranks(x), Ranks(y)
	perm := append([]float64(nil), ry...)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	k := 0
	for range n {
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		if r, ok := pearson(rx, perm); ok && r >= rho-1e-12 {
			k++
		}
	}
	return float64(k+1) / float64(n+1)
}
