package complement

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dagang/dagang/internal/locale"
)

// EstimateConsumption turns per-capita norms (Kind ConsumptionPerCapita,
// as from ParseConsumptionCSV) into yearly consumption estimates:
// population × norm, in tonnes of the commodity's statistics unit, with
// Status "estimate". A province's own norm is used when it has one (the
// latest year), the national norm (province "00") otherwise. Norms that
// are not a mass per person (eggs counted in pieces) and provinces without
// a population give no estimate: nothing is guessed. Each estimate cites
// the norm's source and the population's, and lists the norm in
// DerivedFrom.
func EstimateConsumption(provinces []Province, norms []Evidence) []Evidence {
	type key struct{ province, commodity string }
	best := map[key]Evidence{}
	var commodities []string
	for _, n := range norms {
		if n.Kind != ConsumptionPerCapita || n.Value == nil {
			continue
		}
		if _, ok := perCapitaYear(n.Unit); !ok || IsPlanningNorm(n) || IsOldTerritory(n) {
			continue
		}
		k := key{n.Province, n.Commodity}
		old, ok := best[k]
		if !ok {
			commodities = append(commodities, n.Commodity)
		}
		if !ok || n.Year > old.Year || n.Year == old.Year && n.ID < old.ID {
			best[k] = n
		}
	}
	sort.Strings(commodities)
	commodities = compactStrings(commodities)

	var out []Evidence
	for _, p := range provinces {
		if p.Population <= 0 || p.Code == "00" {
			continue
		}
		for _, c := range commodities {
			n, ok := best[key{p.Code, c}]
			if !ok {
				n, ok = best[key{"00", c}]
			}
			if !ok {
				continue
			}
			f, _ := perCapitaYear(n.Unit)
			value := float64(p.Population) * *n.Value * f
			popSrc := p.PopulationSource
			if popSrc == "" {
				popSrc = "sumber penduduk tidak dicatat"
			}
			out = append(out, Evidence{
				ID:        fmt.Sprintf("est-%s-%s-%d", p.Code, c, n.Year),
				Province:  p.Code,
				Commodity: c,
				Kind:      Consumption,
				Measure:   "estimasi_" + strings.TrimSuffix(n.Measure, "_per_capita"),
				Value:     &value,
				Unit:      commodityMassUnit(c),
				Year:      n.Year,
				Status:    StatusEstimate,
				Source: Source{
					Publisher: fmt.Sprintf("estimasi: penduduk × norma per kapita; norma: %s; penduduk: %s", n.Source.Publisher, popSrc),
					URL:       n.Source.URL,
				},
				Note:        fmt.Sprintf("%s jiwa × %s %s (norma %s)", locale.Int(locale.ID, p.Population), locale.Exact(locale.ID, *n.Value), n.Unit, scopeLabel(n.Province)),
				DerivedFrom: []string{n.ID},
			})
		}
	}
	return out
}

// IsPlanningNorm says whether a per-capita figure is an agency's planning
// norm ("as published (provincial planning figure)") rather than measured
// consumption. Planning norms are shown but never estimated from: they are
// not comparable with the Susenas household figures used for the other
// provinces (Kalsel's 27.28 kg of eggs a year against 6.69 kg nationally).
func IsPlanningNorm(e Evidence) bool {
	return strings.Contains(strings.ToLower(e.StatusNote), "planning")
}

// IsOldTerritory says whether a figure covers a province as it was before
// the 2022 split of Papua: the 34-province tables mark such rows with a
// note starting "pre-2022". They are shown, but never compared with the
// population of today's smaller province.
func IsOldTerritory(e Evidence) bool {
	n := strings.TrimSpace(e.Note)
	return len(n) >= 8 && strings.EqualFold(n[:8], "pre-2022")
}

// IsSuperseded says whether a figure belongs to a series its publisher has
// since revised (status "...; superseded series"). Such figures serve
// trends within their own series and never decide a position.
func IsSuperseded(e Evidence) bool {
	return strings.Contains(e.StatusNote, "superseded") || strings.Contains(e.StatusNote, "Superseded")
}

func scopeLabel(code string) string {
	if code == "00" {
		return "nasional"
	}
	return "provinsi " + code
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
