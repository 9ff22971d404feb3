package delegation

import (
	"math/rand/v2"
	"slices"

	"github.com/dagang/dagang"
)

// Simulation is the number of distinct businesses reached, cumulatively,
// in each simulated year: under the policy and under the same policy
// without rotation.
type Simulation struct {
	Years      []int `json:"years"`
	WithPolicy []int `json:"with_policy"`
	NoRotation []int `json:"no_rotation"`
}

// Simulate replays years events, one a year from p.Year, with the current
// pool: every eligible business applies every year, the proposal is taken
// as it is, and the businesses chosen get that year added to their
// history. It runs once under p and once with RotationYears = 0. The seed
// shuffles the order of the applicants each year; Propose does not depend
// on that order, so neither does the result (the tests check it).
func Simulate(pool []Applicant, dest Destination, p Policy, years int, seed uint64) (Simulation, error) {
	if years < 1 || years > 100 {
		return Simulation{}, dagang.Errorf(dagang.EINVALID,
			"Jumlah tahun simulasi harus antara 1 dan 100", "The number of simulated years must be between 1 and 100")
	}
	free := p
	free.RotationYears = 0
	sim := Simulation{}
	start := p.Year
	run := func(p Policy) ([]int, error) {
		extra := map[int64][]int{}
		reached := map[int64]bool{}
		rng := rand.New(rand.NewPCG(seed, uint64(p.RotationYears)))
		var series []int
		for k := range years {
			p.Year = start + k
			var apps []Applicant
			for _, a := range pool {
				if a.Eligible {
					a.LastYears = append(slices.Clone(a.LastYears), extra[a.BusinessID]...)
					apps = append(apps, a)
				}
			}
			rng.Shuffle(len(apps), func(i, j int) { apps[i], apps[j] = apps[j], apps[i] })
			prop, err := Propose(apps, dest, p)
			if err != nil {
				return nil, err
			}
			for _, d := range prop.Chosen {
				extra[d.BusinessID] = append(extra[d.BusinessID], p.Year)
				reached[d.BusinessID] = true
			}
			series = append(series, len(reached))
		}
		return series, nil
	}
	var err error
	if sim.WithPolicy, err = run(p); err != nil {
		return Simulation{}, err
	}
	if sim.NoRotation, err = run(free); err != nil {
		return Simulation{}, err
	}
	for k := range years {
		sim.Years = append(sim.Years, start+k)
	}
	return sim, nil
}
