package complement

import (
	"strings"
)

// Conversion is a documented factor from one unit to another of the same
// commodity. Only conversions in this table are ever applied; figures in
// any other unit stay apart, labelled by their own unit.
type Conversion struct {
	From, To string
	Factor   float64
	Source   string
}

// conversions is the table of documented conversions. Do not add a factor
// without a published source.
//
// Not converted, on purpose:
//   - GKP (harvest-dry paddy) to GKG: the only factor found (83.12%) is from
//     the BPS 2012 survey, superseded by the 2018 survey whose GKP factor
//     was not found in a citable copy.
//   - maize at 28% moisture (KA28) to 14% (KA14): BPS says the moisture
//     conversion is still under study (Habibullah, BPS, in ekbis.co,
//     30 Sep 2021); no factor is published.
//   - eggs counted in pieces to tonnes: no documented egg weight.
var conversions = []Conversion{{
	From:   "ton GKG",
	To:     "ton beras",
	Factor: 0.6402,
	Source: "BPS, Survei Konversi Gabah ke Beras (SKGB) 2018: angka konversi GKG ke beras 64,02% (nasional); " +
		"Kontan 24-10-2018, https://industri.kontan.co.id/news/bps-revisi-konversi-gkg-ke-beras-sekarang-jadi-6402",
}}

// Conversions returns a copy of the conversion table, for display.
func Conversions() []Conversion {
	return append([]Conversion(nil), conversions...)
}

// unitAliases maps spellings of the same unit (not conversions) to one
// canonical label.
var unitAliases = map[string]string{
	"ton":                                   "ton",
	"tonnes":                                "ton",
	"t":                                     "ton",
	"ton gkg":                               "ton GKG",
	"ton gkp":                               "ton GKP",
	"ton beras":                             "ton beras",
	"ton (jpk ka14%)":                       "ton JPK KA14",
	"ton (dry shelled maize, 14% moisture)": "ton JPK KA14",
	"ton jpk ka14":                          "ton JPK KA14",
	"ton (jpk ka28%)":                       "ton JPK KA28",
	"ton jpk ka28":                          "ton JPK KA28",
	"head":                                  "head",
	"ekor":                                  "head",
}

// CanonicalUnit returns the canonical label of a unit, or the unit trimmed
// as given when it is not a known spelling (it then only matches itself).
func CanonicalUnit(unit string) string {
	u := strings.Join(strings.Fields(unit), " ")
	if c, ok := unitAliases[strings.ToLower(u)]; ok {
		return c
	}
	return u
}

// massUnit is the statistics unit of a commodity's consumption when the
// norm is in kilograms: milled rice for beras, plain tonnes otherwise.
//
// Maize norms (kg of jagung pipilan) and feed needs are compared with
// production as dry shelled maize at 14% moisture (JPK KA14), the form in
// which BPS publishes it; see docs/complementarity.md.
var massUnit = map[string]string{
	"beras":  "ton beras",
	"jagung": "ton JPK KA14",
}

func commodityMassUnit(commodity string) string {
	if u, ok := massUnit[commodity]; ok {
		return u
	}
	return "ton"
}

// Quantity is a value in a canonical unit, with the conversion applied
// (empty when none was needed).
type Quantity struct {
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Conversion string  `json:"conversion,omitempty"`
}

// Normalize returns the evidence's value in its comparable unit: the
// canonical unit, converted only by a documented factor. ok is false when
// the evidence has no value.
func Normalize(e Evidence) (q Quantity, ok bool) {
	if e.Value == nil {
		return Quantity{}, false
	}
	u := CanonicalUnit(e.Unit)
	for _, c := range conversions {
		if c.From == u {
			return Quantity{Value: *e.Value * c.Factor, Unit: c.To, Conversion: c.Source}, true
		}
	}
	return Quantity{Value: *e.Value, Unit: u}, true
}

// perCapitaYear parses a per-capita unit such as "kg per capita per month"
// and returns the factor to tonnes per person per year. ok is false when
// the quantity is not a mass (e.g. "eggs per capita per month") or the
// period is unknown: such norms are kept apart and never estimated from.
func perCapitaYear(unit string) (factor float64, ok bool) {
	f := strings.Fields(strings.ToLower(unit))
	if len(f) != 5 || f[1] != "per" || f[2] != "capita" || f[3] != "per" {
		return 0, false
	}
	var mass float64
	switch f[0] {
	case "kg":
		mass = 0.001
	case "g", "gram":
		mass = 0.000001
	case "ton", "t":
		mass = 1
	default:
		return 0, false
	}
	// Calendar arithmetic: 12 months, 365/7 weeks, 365 days in a year.
	switch f[4] {
	case "year", "tahun":
		return mass, true
	case "month", "bulan":
		return mass * 12, true
	case "week", "minggu":
		return mass * 365 / 7, true
	case "day", "hari":
		return mass * 365, true
	}
	return 0, false
}

// isPerCapitaUnit says whether a unit has the "X per capita per Y" shape.
func isPerCapitaUnit(unit string) bool {
	f := strings.Fields(strings.ToLower(unit))
	return len(f) == 5 && f[1] == "per" && f[2] == "capita" && f[3] == "per"
}
