package complement

import (
	"fmt"
	"math"
	"sort"

	"github.com/dagang/dagang"
)

// Analyze ranks every province other than home as a trade partner.
//
// For each commodity of the catalogue it decides home's and the partner's
// position (see Positions): a Sell flow where home has a surplus and the
// partner a deficit, a Buy flow the other way round, input needs included.
// The score is
//
//	Score = D(d) × ((1−λ)·(S+B)/2 + λ·√(S·B))
//
// where S and B sum the stage weights of the Sell and Buy flows, λ is
// Options.TwoWay and D(d) = 1/(1 + d/Options.DistanceScaleKm) with d the
// haversine distance between centroids. Candidates come best first (score,
// then confidence, then code). Evidence of provinces or commodities not in
// the lists is ignored.
//
// It returns EINVALID when home is not among the provinces, a province
// code repeats or the options are out of range.
func Analyze(home string, provinces []Province, commodities []Commodity, evidence []Evidence, opt Options) ([]Candidate, error) {
	if err := validate(home, provinces, commodities, opt); err != nil {
		return nil, err
	}
	w := newWorld(provinces, commodities, evidence, opt)
	w.index()
	return w.analyze(home), nil
}

func validate(home string, provinces []Province, commodities []Commodity, opt Options) error {
	var v dagang.Validation
	seen := map[string]bool{}
	for i, p := range provinces {
		v.Check(!seen[p.Code], fmt.Sprintf("provinces[%d].code", i),
			"kode provinsi ganda: "+p.Code, "duplicate province code: "+p.Code)
		seen[p.Code] = true
	}
	v.Check(seen[home], "home", "provinsi asal tidak ada dalam daftar provinsi: "+home,
		"the home province is not in the province list: "+home)
	ids := map[string]bool{}
	for i, c := range commodities {
		v.Check(c.ID != "" && !ids[c.ID], fmt.Sprintf("commodities[%d].id", i),
			"ID komoditas kosong atau ganda: "+c.ID, "empty or duplicate commodity ID: "+c.ID)
		ids[c.ID] = true
	}
	pos := func(x float64) bool { return x > 0 && !math.IsInf(x, 0) }
	v.Check(pos(opt.RawWeight) && pos(opt.SemiWeight) && pos(opt.FinishedWeight), "options.stage_weight",
		"bobot tahap pengolahan harus lebih dari nol", "stage weights must be above zero")
	v.Check(opt.TwoWay >= 0 && opt.TwoWay <= 1, "options.two_way",
		"bobot dua arah harus antara 0 dan 1", "the two-way weight must be between 0 and 1")
	v.Check(pos(opt.DistanceScaleKm), "options.distance_scale_km",
		"skala jarak harus lebih dari nol", "the distance scale must be above zero")
	v.Check(opt.Tolerance >= 0 && opt.Tolerance < 1, "options.tolerance",
		"toleransi harus antara 0 dan 1", "the tolerance must be between 0 and 1")
	return v.Err()
}

func (w *world) analyze(home string) []Candidate {
	h := w.provIdx[home]
	nc := len(w.commodities)
	homePos := make([]Position, nc)
	for c := range nc {
		homePos[c] = w.position(h, c)
	}
	out := make([]Candidate, 0, len(w.provinces)-1)
	partner := make([]Position, nc) // reused: flows copy what they keep
	for p := range w.provinces {
		if p == h {
			continue
		}
		for c := range nc {
			partner[c] = w.position(p, c)
		}
		out = append(out, w.candidate(w.provinces[h], w.provinces[p], homePos, partner))
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		return a.Province.Code < b.Province.Code
	})
	return out
}

// candidate compares home's positions with one partner's.
func (w *world) candidate(home, partner Province, hp, pp []Position) Candidate {
	cand := Candidate{Province: partner, Sell: []Flow{}, Buy: []Flow{}}
	relevant, quality := 0, 0.0
	for c, com := range w.commodities {
		h, p := hp[c], pp[c]
		if h.State == Surplus && p.State == Deficit {
			f := w.flow(com, h, p)
			cand.Sell = append(cand.Sell, f)
			cand.SellScore += f.Weight
		}
		if p.State == Surplus && h.State == Deficit {
			f := w.flow(com, p, h)
			cand.Buy = append(cand.Buy, f)
			cand.BuyScore += f.Weight
		}
		if !traded(h.State) && !traded(p.State) {
			continue
		}
		relevant++
		if h.State == Unknown || p.State == Unknown {
			cand.Missing = append(cand.Missing, com.ID)
			continue
		}
		quality += min(h.Quality, p.Quality)
	}
	if relevant > 0 {
		cand.Confidence = quality / float64(relevant)
	}
	cand.DistanceKm = -1
	decay := 1.0
	if known(home) && known(partner) {
		cand.DistanceKm = haversineKm(home.Lat, home.Lon, partner.Lat, partner.Lon)
		decay = 1 / (1 + cand.DistanceKm/w.opt.DistanceScaleKm)
	}
	s, b, l := cand.SellScore, cand.BuyScore, w.opt.TwoWay
	cand.Score = decay * ((1-l)*(s+b)/2 + l*math.Sqrt(s*b))
	cand.Reason, cand.ReasonEN = reason(home, partner, cand.Sell, cand.Buy)
	return cand
}

func traded(s State) bool { return s == Surplus || s == Deficit }

func known(p Province) bool { return p.Lat != 0 || p.Lon != 0 }

// flow builds the flow of commodity com from the exporter's surplus to the
// importer's deficit.
func (w *world) flow(com Commodity, from, to Position) Flow {
	return Flow{
		Commodity: com.ID,
		Name:      com.Name,
		NameEN:    com.NameEN,
		Stage:     com.Stage,
		Via:       to.Via,
		Weight:    w.stageWeight(com.Stage),
		From:      from,
		To:        to,
		Evidence:  mergeIDs(from.Evidence, to.Evidence),
	}
}

func (w *world) stageWeight(s Stage) float64 {
	switch s {
	case StageFinished:
		return w.opt.FinishedWeight
	case StageSemi:
		return w.opt.SemiWeight
	}
	return w.opt.RawWeight
}

// haversineKm is the great-circle distance between two points on a sphere
// of the Earth's mean radius (6371.0088 km, IUGG).
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
