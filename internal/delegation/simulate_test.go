package delegation

import (
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// TestSimulate replays five years with the article's pool. With the
// one-year rotation the office alternates between two delegations and
// reaches 17 businesses (the one ineligible business never goes); without
// it, the same strong businesses go every year and only the "never went
// before" tie-break brings one new exhibitor in.
func TestSimulate(t *testing.T) {
	sim, err := Simulate(kalselPool(), kaltim, DefaultPolicy(2019), 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := Simulation{
		Years:      []int{2019, 2020, 2021, 2022, 2023},
		WithPolicy: []int{9, 17, 17, 17, 17},
		NoRotation: []int{9, 10, 10, 10, 10},
	}
	if diff := cmp.Diff(want, sim); diff != "" {
		t.Errorf("simulation (-want +got):\n%s", diff)
	}
	for seed := uint64(2); seed < 6; seed++ {
		other, err := Simulate(kalselPool(), kaltim, DefaultPolicy(2019), 5, seed)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(sim, other); diff != "" {
			t.Errorf("seed %d changes the result (-seed 1 +seed %d):\n%s", seed, seed, diff)
		}
	}
	if _, err := Simulate(kalselPool(), kaltim, DefaultPolicy(2019), 0, 1); dagang.ErrorCode(err) != dagang.EINVALID {
		t.Errorf("0 years: err = %v, want EINVALID", err)
	}
}
