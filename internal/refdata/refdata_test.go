package refdata

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

func TestProvinces(t *testing.T) {
	ps, err := Provinces()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 38 {
		t.Fatalf("got %d provinces, want 38", len(ps))
	}
	want := map[string]string{"63": "Kalsel", "64": "Kaltim", "73": "Sulsel", "35": "Jatim", "34": "DIY"}
	for _, p := range ps {
		if s, ok := want[p.Code]; ok && p.ShortName != s {
			t.Errorf("province %s short name = %q, want %q", p.Code, p.ShortName, s)
		}
		if p.Population <= 0 || p.Lat < -11 || p.Lat > 6 || p.Lon < 94 || p.Lon > 142 {
			t.Errorf("province %s has implausible figures: %+v", p.Code, p)
		}
		if p.Code == "91" && p.BPSCode != "94" {
			t.Errorf("Papua BPS code = %s, want 94", p.BPSCode)
		}
	}
}

func TestRegencies(t *testing.T) {
	rs, err := Regencies()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 514 {
		t.Fatalf("got %d regencies, want 514", len(rs))
	}
	kalsel := 0
	for _, r := range rs {
		if !dagang.ValidRegencyCode(r.Code) {
			t.Errorf("bad regency code %q", r.Code)
		}
		if r.ProvinceCode == "63" {
			kalsel++
		}
	}
	if kalsel != 13 {
		t.Errorf("Kalsel has %d regencies, want 13", kalsel)
	}
}

func TestGeoJSONCarriesEveryProvinceCode(t *testing.T) {
	b, err := ProvincesGeoJSON()
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct{ Code, Name string } `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range fc.Features {
		seen[f.Properties.Code] = true
	}
	ps, _ := Provinces()
	for _, p := range ps {
		if !seen[p.Code] {
			t.Errorf("no boundary for province %s %s", p.Code, p.Name)
		}
	}
}

func TestCatalogueIsValidAndInHSTable(t *testing.T) {
	rows, err := readCSV("hs_codes.csv")
	if err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for _, r := range rows {
		described[r["hs_code"]] = r["description_hs2022"] != ""
	}
	slugs := map[string]bool{}
	for _, c := range Catalogue {
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", c.Slug, err)
		}
		if !described[strings.ReplaceAll(c.HSCode, ".", "")] {
			t.Errorf("%s: HS code %s is not in hs_codes.csv", c.Slug, c.HSCode)
		}
		slugs[c.Slug] = true
	}
	for _, l := range InputLinks {
		if !slugs[l.Input] || !slugs[l.Output] {
			t.Errorf("input link %s → %s names an unknown commodity", l.Input, l.Output)
		}
	}
	for _, s := range []string{"beras", "daging-ayam", "telur", "jagung", "kemiri", "kayu-manis", "rumput-laut", "arang-halaban", "pernak-pernik"} {
		if !slugs[s] {
			t.Errorf("the article's product %q is missing from the catalogue", s)
		}
	}
}
