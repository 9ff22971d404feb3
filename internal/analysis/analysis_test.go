package analysis_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/demo/demotest"
	"github.com/dagang/dagang/internal/store"
)

func loadDemo(t testing.TB) (*store.DB, *demo.Story) { return demotest.Load(t) }

// TestRankDemo checks the article's judgement on the demo data: Kaltim
// first, with rice, chicken meat and eggs out and corn in as feed; Sulsel
// trading both ways; every flow citing evidence that says where it comes
// from.
func TestRankDemo(t *testing.T) {
	db, s := loadDemo(t)
	r, err := analysis.Rank(context.Background(), db, s.Office.ID, "63", complement.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Candidates) != 37 || r.Candidates[0].Province.Code != "64" {
		t.Fatalf("%d candidates, first %s; want 37, Kaltim first", len(r.Candidates), r.Candidates[0].Province.Code)
	}
	type view struct {
		Sell, Buy []string
		Reason    string
	}
	view1 := func(code string) view {
		c, ok := r.Candidate(code)
		if !ok {
			t.Fatalf("no candidate %s", code)
		}
		v := view{Reason: c.Reason}
		for _, f := range c.Sell {
			v.Sell = append(v.Sell, f.Commodity)
		}
		for _, f := range c.Buy {
			n := f.Commodity
			for _, u := range f.Via {
				n += "+" + u.Output + ":" + u.Use
			}
			v.Buy = append(v.Buy, n)
		}
		return v
	}
	feed := []string{"jagung+daging-ayam:pakan ternak ayam+telur:pakan ternak ayam"}
	want := map[string]view{
		"64": {Sell: []string{"beras", "daging-ayam", "telur"}, Buy: feed,
			Reason: "Kalsel dapat menjual beras, daging ayam dan telur ayam ras ke Kaltim; Kaltim dapat memasok jagung pipilan untuk pakan ternak ayam di Kalsel."},
		"73": {Sell: []string{"arang-halaban"}, Buy: feed,
			Reason: "Kalsel dapat menjual arang halaban ke Sulsel; Sulsel dapat memasok jagung pipilan untuk pakan ternak ayam di Kalsel."},
	}
	for code, w := range want {
		if diff := cmp.Diff(w, view1(code)); diff != "" {
			t.Errorf("candidate %s (-want +got):\n%s", code, diff)
		}
	}
	// Every flow cites evidence the ranking carries, each with its source.
	for _, c := range r.Candidates {
		for _, f := range append(append([]complement.Flow{}, c.Sell...), c.Buy...) {
			if len(f.Evidence) == 0 {
				t.Errorf("%s %s: flow without evidence", c.Province.Code, f.Commodity)
			}
			for _, id := range f.Evidence {
				e, ok := r.Evidence[id]
				if !ok {
					t.Errorf("%s %s: evidence %s not in the ranking", c.Province.Code, f.Commodity, id)
					continue
				}
				if err := e.Validate(); err != nil {
					t.Errorf("evidence %s: %v", id, err)
				}
			}
		}
	}
	// Kalsel's rice surplus rests on the real BPS figure, with unit, year and status.
	rice := r.Candidates[0].Sell[0]
	var stat *complement.Evidence
	for _, e := range r.Cited(rice.Evidence) {
		if e.Kind == complement.Production && e.Province == "63" {
			stat = &e
		}
	}
	if stat == nil || stat.Unit != "ton GKG" || stat.Status == "" || stat.Source.URL == "" || stat.Year < 2020 {
		t.Errorf("Kalsel rice production evidence = %+v", stat)
	}
	if r.WithMissing != 37 || len(r.HomeUnknown) == 0 {
		t.Errorf("coverage: %d candidates with missing data, home unknown %v; want all 37 and some", r.WithMissing, r.HomeUnknown)
	}
}

// TestRankStatisticsOnly runs the analysis on the real statistics alone
// (an office without declarations): rice to Kaltim is visible, the rest
// is reported as missing rather than guessed.
func TestRankStatisticsOnly(t *testing.T) {
	db, _ := loadDemo(t)
	ctx := context.Background()
	office := &dagang.Office{Name: "Dinas tanpa pernyataan", HomeProvince: "63"}
	if err := db.CreateOffice(ctx, office); err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Rank(ctx, db, office.ID, "63", complement.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if r.Declarations != 0 || r.Statistics != 98 || r.Estimates == 0 {
		t.Fatalf("input: %d declarations, %d statistics, %d estimates", r.Declarations, r.Statistics, r.Estimates)
	}
	k, _ := r.Candidate("64")
	var sell []string
	for _, f := range k.Sell {
		sell = append(sell, f.Commodity)
	}
	if diff := cmp.Diff([]string{"beras"}, sell); diff != "" {
		t.Errorf("Kaltim sell (-want +got):\n%s", diff)
	}
	for _, m := range []string{"daging-ayam", "telur", "jagung"} {
		if !slices.Contains(k.Missing, m) {
			t.Errorf("Kaltim missing %v lacks %s", k.Missing, m)
		}
	}
}
