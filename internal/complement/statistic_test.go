package complement

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
)

// TestStatisticRoundTrip checks that a parsed figure stored as a
// dagang.Statistic reads back as the same evidence (under a store ID).
func TestStatisticRoundTrip(t *testing.T) {
	prod := parseFile(t, "commodity_production_by_province.csv", func(f *os.File) ([]Evidence, error) { return ParseProductionCSV(f) })
	norms := parseFile(t, "consumption_per_capita.csv", func(f *os.File) ([]Evidence, error) { return ParseConsumptionCSV(f) })
	for i, e := range append(prod, norms...) {
		s := ToStatistic(e)
		if err := s.Validate(); err != nil {
			t.Fatalf("%s: %v", e.ID, err)
		}
		s.ID = int64(i + 1)
		got := FromStatistic(s)
		want := e
		want.ID = got.ID
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", e.ID, diff)
		}
	}
}

// TestFromStatisticKind checks how a stored figure's kind is told: a unit
// per person is a norm, a measure naming consumption a consumption figure,
// anything else production; an unknown status is kept as published.
func TestFromStatisticKind(t *testing.T) {
	tests := []struct {
		measure, unit, status string
		kind                  Kind
		st                    Status
	}{
		{"padi_production_gkg", "ton GKG", "final", Production, StatusFinal},
		{"beras_consumption", "ton beras", "estimate (Bapanas)", Consumption, StatusEstimate},
		{"beras_consumption_per_capita", "kg per capita per month", "final (Susenas)", ConsumptionPerCapita, StatusFinal},
		{"telur_production", "ton", "angka tetap", Production, StatusPublished},
	}
	for _, tt := range tests {
		e := FromStatistic(&dagang.Statistic{ID: 7, ProvinceCode: "63", Commodity: "beras", Measure: tt.measure, Year: 2024, Value: 1, Unit: tt.unit, Status: tt.status, Publisher: "BPS"})
		if e.Kind != tt.kind || e.Status != tt.st || e.StatusNote != tt.status || e.ID != "stat-7" {
			t.Errorf("%s %q %q: kind %s status %s note %q id %s", tt.measure, tt.unit, tt.status, e.Kind, e.Status, e.StatusNote, e.ID)
		}
	}
}
