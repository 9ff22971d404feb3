package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

func TestImportStatistics(t *testing.T) {
	ctx := context.Background()
	db := newDemoDB(t)
	count := func() int {
		t.Helper()
		st, err := store.Open(ctx, db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		_, n, err := st.FindStatistics(ctx, dagang.StatisticFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	dir := t.TempDir()
	head := "kemendagri_code,province,commodity,measure,year,value,unit,status,publisher,source_url,note\n"
	good := head + "64,Kalimantan Timur,maize,jagung_production_ka14,2024,51000.5,ton (JPK KA14%),final,BPS Kaltim,https://kaltim.bps.go.id/x,\n"
	bad := head + "64,Kalimantan Timur,maize,jagung_production_ka14,2024,51000.5,ton,final,BPS Kaltim,https://kaltim.bps.go.id/x,\n" +
		"64,Kalimantan Timur,maize,jagung_production_ka14,2023,lima,ton,final,BPS Kaltim,https://kaltim.bps.go.id/y,\n"
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	_, err := runCmd(t, ctx, nil, "import", "statistics", "--db", db, write("bad.csv", bad))
	if err == nil || !strings.Contains(err.Error(), "baris 3, kolom 6 (value)") {
		t.Fatalf("malformed file: err = %v, want the row and column of the bad value", err)
	}
	if got := count(); got != before {
		t.Errorf("%d statistics after a refused import, %d before", got, before)
	}
	out, err := runCmd(t, ctx, nil, "import", "statistics", "--db", db, write("good.csv", good))
	if err != nil || !strings.Contains(out, "1 baris statistik disimpan") || count() != before+1 {
		t.Fatalf("good file: %q, %v", out, err)
	}
	// The same file again is refused whole: nothing is counted twice.
	if _, err := runCmd(t, ctx, nil, "import", "statistics", "--db", db, write("good.csv", good)); err == nil || !strings.Contains(err.Error(), "sudah diimpor") || count() != before+1 {
		t.Errorf("second import of the same file: %v; %d statistics, want %d", err, count(), before+1)
	}
	// A consumption norm file is recognised by its header.
	cons := "kemendagri_code,scope,commodity,measure,year,value,unit,status,publisher,source_url,note\n" +
		"64,Kalimantan Timur,maize,jagung_consumption_per_capita,2024,0.1,kg per capita per month,final,BPS,https://bps.go.id/z,\n"
	if out, err := runCmd(t, ctx, nil, "import", "statistics", "--db", db, write("cons.csv", cons)); err != nil || !strings.Contains(out, "1 baris") {
		t.Fatalf("consumption file: %q, %v", out, err)
	}
	if _, err := runCmd(t, ctx, nil, "import", "statistics", "--db", db); err == nil {
		t.Error("import without a file succeeded")
	}
}

func TestPartnersRank(t *testing.T) {
	ctx := context.Background()
	db := newDemoDB(t)
	out, err := runCmd(t, ctx, nil, "partners", "rank", "--db", db, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Candidates []struct {
			Province struct{ Code string } `json:"province"`
			Sell     []struct{ Commodity string }
			Buy      []struct{ Commodity string }
			Reason   string
			Observed []struct {
				Direction  string `json:"direction"`
				ReportedBy string `json:"reported_by"`
				Rupiah     int64  `json:"rupiah"`
				Text       string `json:"text"`
				Year       int    `json:"year"`
				Source     struct{ URL string }
			} `json:"observed_trade"`
		} `json:"candidates"`
		Positions []struct {
			Province, Commodity string
			Evidence            []string
		} `json:"positions"`
		Evidence map[string]struct {
			Kind   string
			Source struct{ Publisher, URL string }
		} `json:"evidence"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	flows := map[string][2][]string{}
	for _, c := range r.Candidates {
		var s, b []string
		for _, f := range c.Sell {
			s = append(s, f.Commodity)
		}
		for _, f := range c.Buy {
			b = append(b, f.Commodity)
		}
		flows[c.Province.Code] = [2][]string{s, b}
	}
	want := map[string][2][]string{
		"64": {{"beras"}, nil},
		"73": {{"arang-halaban"}, {"jagung"}},
	}
	for code, w := range want {
		if diff := cmp.Diff(w, flows[code]); diff != "" {
			t.Errorf("flows of %s (-want +got):\n%s", code, diff)
		}
	}
	// Production and need from statistics, each with its source, for rice,
	// maize and eggs in at least 30 provinces.
	provinces := map[string]map[string]bool{}
	for _, p := range r.Positions {
		kinds := map[string]bool{}
		for _, id := range p.Evidence {
			e, ok := r.Evidence[id]
			if !ok || (e.Kind == "production" || e.Kind == "consumption") && (e.Source.Publisher == "" || e.Source.URL == "") {
				t.Errorf("position %s/%s cites %s without its source", p.Province, p.Commodity, id)
			}
			kinds[e.Kind] = true
		}
		if kinds["production"] && kinds["consumption"] {
			if provinces[p.Commodity] == nil {
				provinces[p.Commodity] = map[string]bool{}
			}
			provinces[p.Commodity][p.Province] = true
		}
	}
	for _, c := range []string{"beras", "jagung", "telur"} {
		if n := len(provinces[c]); n < 30 {
			t.Errorf("%s: production and need from statistics in %d provinces, want at least 30", c, n)
		}
	}
	// What Kalsel actually sold to Jakarta in 2022 (BPS PAW), beside the score.
	var dki []string
	for _, c := range r.Candidates {
		if c.Province.Code == "31" {
			for _, o := range c.Observed {
				dki = append(dki, fmt.Sprintf("%s %s %d %s %d %t", o.Direction, o.ReportedBy, o.Rupiah, o.Text, o.Year, o.Source.URL != ""))
			}
		}
	}
	if !slices.Contains(dki, "home_sells 63 31660000000000 Rp31.660.000.000.000 2022 true") {
		t.Errorf("observed trade with DKI = %q; want Kalsel's 2022 sales of Rp31.660.000.000.000", dki)
	}
	text, err := runCmd(t, ctx, nil, "partners", "rank", "--db", db)
	if err != nil || !strings.Contains(text, "Sulsel dapat memasok jagung pipilan untuk pakan ternak ayam di Kalsel") || !strings.Contains(text, "Bierhasani") {
		t.Errorf("text ranking lacks the reason or the evidence (%v):\n%s", err, text)
	}
	if _, err := runCmd(t, ctx, nil, "partners", "rank", "--db", db, "--home", "99"); err == nil {
		t.Error("unknown home province accepted")
	}
	out, err = runCmd(t, ctx, nil, "partners", "validate", "--db", db)
	if err != nil || !strings.Contains(out, "63    Kalimantan Selatan") || !strings.Contains(out, "Spearman") {
		t.Errorf("validate (%v):\n%s", err, out)
	}
}

func TestDelegationCommands(t *testing.T) {
	ctx := context.Background()
	db := newDemoDB(t)
	out, err := runCmd(t, ctx, nil, "delegation", "propose", "--db", db, "--event", "4", "--json")
	if err != nil {
		t.Fatal(err)
	}
	type decision struct {
		Name, Reason string
		Matched      []string
	}
	var plan struct {
		Proposal struct {
			Chosen     []decision `json:"chosen"`
			PassedOver []decision `json:"passed_over"`
		}
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatal(err)
	}
	var chosen []string
	for _, d := range plan.Proposal.Chosen {
		chosen = append(chosen, d.Name)
		if len(d.Matched) == 0 || d.Reason == "" {
			t.Errorf("%s chosen without a matched need or a reason: %+v", d.Name, d)
		}
	}
	slices.Sort(chosen)
	want := []string{"CV Ayam Banua Balangan", "CV Ayam Potong Martapura", "CV Beras Kandangan Lestari", "UD Beras Amuntai", "UD Beras Siam Tapin", "UD Broiler Pelaihari"}
	if diff := cmp.Diff(want, chosen); diff != "" {
		t.Errorf("chosen (-want +got):\n%s", diff)
	}
	for _, d := range plan.Proposal.PassedOver {
		if d.Name == "UD Beras Unus Batola" && !strings.Contains(d.Reason, "2018") {
			t.Errorf("the 2018 participant is passed over without the rotation reason: %q", d.Reason)
		}
	}
	// Other rules: without rotation the 2018 rice seller competes again.
	out, err = runCmd(t, ctx, nil, "delegation", "propose", "--db", db, "--event", "4", "--rotation-years", "0")
	if err != nil || strings.Contains(out, "sudah ikut pada 2018") || !strings.Contains(out, "rotasi 0 tahun") {
		t.Errorf("propose --rotation-years 0 (%v):\n%s", err, out)
	}
	if _, err := runCmd(t, ctx, nil, "delegation", "propose", "--db", db, "--event", "4", "--rotation-mode", "acak"); err == nil {
		t.Error("an unknown rotation mode was accepted")
	}
	if _, err := runCmd(t, ctx, nil, "delegation", "propose", "--db", db); err == nil {
		t.Error("propose without --event succeeded")
	}
	if _, err := runCmd(t, ctx, nil, "delegation", "propose", "--db", db, "--event", "999"); err == nil {
		t.Error("propose for an unknown event succeeded")
	}
	out, err = runCmd(t, ctx, nil, "delegation", "simulate", "--db", db, "--years", "5", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var sim struct {
		Years      []int `json:"years"`
		WithPolicy []int `json:"with_policy"`
		NoRotation []int `json:"no_rotation"`
	}
	if err := json.Unmarshal([]byte(out), &sim); err != nil {
		t.Fatal(err)
	}
	if len(sim.Years) != 5 || sim.WithPolicy[4] <= sim.NoRotation[4] {
		t.Errorf("simulation %+v: rotation should reach more businesses after five years", sim)
	}
	if _, err := runCmd(t, ctx, nil, "delegation", "simulate", "--db", db, "--years", "0"); err == nil {
		t.Error("simulate --years 0 succeeded")
	}
	out, err = runCmd(t, ctx, nil, "report", "reach", "--db", db)
	if err != nil || !strings.Contains(out, "27 dari 37 terdaftar (73%)") || !strings.Contains(out, "13 dari 13") {
		t.Errorf("reach report (%v):\n%s", err, out)
	}
}
