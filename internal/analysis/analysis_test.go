package analysis_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
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

// TestRankDemo checks the ranking on the demo data, where the BPS tables
// decide wherever they reach and the article's 2019 judgement otherwise:
// Kalsel's rice goes to Kaltim (BPS 2024 padi against the Susenas norm);
// Kaltim's own broiler meat and eggs (BPS 2022) exceed its estimated
// consumption, so the statistics do not confirm the article's chicken and
// egg sale; Sulsel's maize (BPS 2024) feeds Kalsel's chickens.
func TestRankDemo(t *testing.T) {
	db, s := loadDemo(t)
	r, err := analysis.Rank(context.Background(), db, s.Office.ID, "63", complement.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Candidates) != 37 {
		t.Fatalf("%d candidates, want 37", len(r.Candidates))
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
		"64": {Sell: []string{"beras"},
			Reason: "Kalsel dapat menjual beras ke Kaltim; belum terlihat produk Kaltim yang dibutuhkan Kalsel."},
		"73": {Sell: []string{"arang-halaban"}, Buy: feed,
			Reason: "Kalsel dapat menjual arang halaban ke Sulsel; Sulsel dapat memasok jagung pipilan untuk pakan ternak ayam di Kalsel."},
	}
	for code, w := range want {
		if diff := cmp.Diff(w, view1(code)); diff != "" {
			t.Errorf("candidate %s (-want +got):\n%s", code, diff)
		}
	}
	kaltim, _ := r.Candidate("64")
	if !slices.ContainsFunc(kaltim.Sell, func(f complement.Flow) bool {
		return f.Commodity == "beras" && f.From.Basis == complement.BasisStatistics && f.To.Basis == complement.BasisStatistics
	}) {
		t.Errorf("Kaltim rice flow is not decided by statistics on both sides: %+v", kaltim.Sell)
	}
	// Where the statistics decide both sides, the flow cites figures only:
	// no staff declaration (and so no sample, contoh) stands behind it.
	for _, c := range r.Candidates {
		for _, f := range append(append([]complement.Flow{}, c.Sell...), c.Buy...) {
			if f.From.Basis != complement.BasisStatistics || f.To.Basis != complement.BasisStatistics {
				continue
			}
			for _, e := range r.Cited(f.Evidence) {
				if e.Kind == complement.SurplusDeclared || e.Kind == complement.NeedDeclared {
					t.Errorf("%s %s: statistics flow cites declaration %s", c.Province.Code, f.Commodity, e.ID)
				}
			}
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
	rice := kaltim.Sell[0]
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
	embedded, err := demo.EmbeddedStatistics()
	if err != nil {
		t.Fatal(err)
	}
	if r.Declarations != 0 || r.Statistics != len(embedded) || r.Estimates == 0 {
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
	// BPS publishes "-" for Jakarta's eggs and broiler meat: missing, not
	// guessed.
	dki, _ := r.Candidate("31")
	for _, m := range []string{"daging-ayam", "telur"} {
		if !slices.Contains(dki.Missing, m) {
			t.Errorf("Jakarta missing %v lacks %s", dki.Missing, m)
		}
	}
}

// TestValidationIsDocumented recomputes the check of the score against the
// PAW 2022 trade and requires docs/complementarity.md to report the same
// figures, whatever they show.
func TestValidationIsDocumented(t *testing.T) {
	db, _ := loadDemo(t)
	in, err := analysis.Load(context.Background(), db, 0)
	if err != nil {
		t.Fatal(err)
	}
	v, err := in.Validate(in.Observed, complement.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Homes) != 33 || v.Computed == 0 {
		t.Fatalf("%d homes, %d computed; want 33 homes of the PAW summary", len(v.Homes), v.Computed)
	}
	doc, err := os.ReadFile("../../docs/complementarity.md")
	if err != nil {
		t.Fatal(err)
	}
	minus := func(x float64, f string) string { return strings.Replace(fmt.Sprintf(f, x), "-", "−", 1) }
	var kalsel analysis.HomeValidation
	for _, h := range v.Homes {
		if h.Home == "63" {
			kalsel = h
		}
	}
	want := []string{
		fmt.Sprintf("| Kalimantan Selatan (63) | %d | %d | %s | %.2f |", kalsel.Partners, kalsel.Listed, minus(kalsel.Rho, "%.3f"), kalsel.P),
		fmt.Sprintf("mean %s | %d of %d positive; %d of %d with p < 0.05", minus(v.MeanRho, "%.3f"), v.Positive, v.Computed, v.Significant, v.Computed),
	}
	for _, w := range want {
		if !strings.Contains(string(doc), w) {
			t.Errorf("docs/complementarity.md lacks %q", w)
		}
	}
}
