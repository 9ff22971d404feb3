package complement

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
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
