package complement

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

const prodHeader = "kemendagri_code,province,commodity,measure,year,value,unit,status,publisher,source_url,note\n"

const goodRow = "63,Kalimantan Selatan,rice,padi_production_gkg,2023,875546,ton GKG,final (full-year realisation as published),BPS Kalsel,https://example.go.id/a,\n"

func TestParseProductionCSV(t *testing.T) {
	got, err := ParseProductionCSV(strings.NewReader("\ufeff" + prodHeader + goodRow +
		"64,Kalimantan Timur,maize,jagung_production_jpk_ka28,2024,5350,ton (JPK KA28%),as published,BPS Kaltim,https://example.go.id/b,\"note, with comma\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Evidence{{
		ID: "prod-63-padi_production_gkg-2023-" + fnvHex("https://example.go.id/a"), Province: "63", Commodity: "beras",
		Kind: Production, Measure: "padi_production_gkg", Value: f64(875546), Unit: "ton GKG", Year: 2023,
		Status: StatusFinal, StatusNote: "final (full-year realisation as published)",
		Source: Source{Publisher: "BPS Kalsel", URL: "https://example.go.id/a"},
	}, {
		ID: "prod-64-jagung_production_jpk_ka28-2024-" + fnvHex("https://example.go.id/b"), Province: "64", Commodity: "jagung",
		Kind: Production, Measure: "jagung_production_jpk_ka28", Value: f64(5350), Unit: "ton (JPK KA28%)", Year: 2024,
		Status: StatusPublished, StatusNote: "as published",
		Source: Source{Publisher: "BPS Kaltim", URL: "https://example.go.id/b"}, Note: "note, with comma",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
}

func fnvHex(s string) string {
	e, _ := ParseProductionCSV(strings.NewReader(prodHeader +
		"11,X,rice,m,2020,1,ton,final,P," + s + ",\n"))
	return e[0].ID[len(e[0].ID)-8:]
}

func TestParseProductionCSVRefusesBadRows(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		fields []string
	}{
		{"empty file", "", []string{"baris 1"}},
		{"header only", prodHeader, []string{"baris 2"}},
		{"wrong header", strings.Replace(prodHeader, "measure", "ukuran", 1) + goodRow,
			[]string{"baris 1, kolom 4 (measure)"}},
		{"every cell bad", prodHeader + goodRow +
			"6x,,Rice,,20x3,-5,,draft,,ftp://x,\n",
			[]string{
				"baris 3, kolom 1 (kemendagri_code)", "baris 3, kolom 2 (province)", "baris 3, kolom 3 (commodity)",
				"baris 3, kolom 4 (measure)", "baris 3, kolom 5 (year)", "baris 3, kolom 6 (value)",
				"baris 3, kolom 7 (unit)", "baris 3, kolom 8 (status)", "baris 3, kolom 9 (publisher)",
				"baris 3, kolom 10 (source_url)",
			}},
		{"decimal comma and per-capita unit on two rows", prodHeader + goodRow +
			"64,Kalimantan Timur,rice,beras_production,2023,\"125,5\",ton beras,final,BPS,https://x.id/,\n" +
			"64,Kalimantan Timur,rice,beras_production,2022,1,kg per capita per month,final,BPS,https://x.id/,\n",
			[]string{"baris 3, kolom 6 (value)", "baris 4, kolom 7 (unit)"}},
		{"too few columns", prodHeader + "63,Kalimantan Selatan,rice\n" + goodRow, []string{"baris 2"}},
		{"duplicate row", prodHeader + goodRow + goodRow, []string{"baris 3"}},
		{"broken quote", prodHeader + goodRow + "63,\"Kal\"sel,rice,m,2023,1,ton,final,P,https://x.id/,\n",
			[]string{"baris 3, karakter 8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseProductionCSV(strings.NewReader(tt.input))
			if got != nil {
				t.Errorf("got %d rows, want nothing stored", len(got))
			}
			if code := dagang.ErrorCode(err); code != dagang.EINVALID {
				t.Fatalf("code = %q, want %q (err %v)", code, dagang.EINVALID, err)
			}
			if diff := cmp.Diff(tt.fields, dagang.ErrorFields(err)); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			var e *dagang.Error
			errors.As(err, &e)
			for _, f := range e.Fields {
				if f.Message == "" || f.MessageEN == "" {
					t.Errorf("field %s lacks a message in both languages: %+v", f.Field, f)
				}
			}
		})
	}
}

func TestParseConsumptionCSV(t *testing.T) {
	head := "kemendagri_code,scope,commodity,measure,year,value,unit,status,publisher,source_url,note\n"
	got, err := ParseConsumptionCSV(strings.NewReader(head +
		"00,Indonesia,rice,beras_consumption_per_capita,2024,6.50,kg per capita per month,final (Susenas March 2024),BPS Susenas,https://x.id/r,\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Kind{ConsumptionPerCapita}, []Kind{got[0].Kind}); diff != "" {
		t.Error(diff)
	}
	_, err = ParseConsumptionCSV(strings.NewReader(head +
		"00,Indonesia,rice,beras_consumption_per_capita,2024,6.50,ton,final,BPS,https://x.id/r,\n"))
	if diff := cmp.Diff([]string{"baris 2, kolom 7 (unit)"}, dagang.ErrorFields(err)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	// The production layout is refused as a consumption file.
	_, err = ParseConsumptionCSV(strings.NewReader(prodHeader + goodRow))
	if diff := cmp.Diff([]string{"baris 1, kolom 2 (scope)"}, dagang.ErrorFields(err)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		unit string
		want Quantity
	}{
		{"ton GKG", Quantity{Value: 640.2, Unit: "ton beras", Conversion: conversions[0].Source}},
		{"ton beras", Quantity{Value: 1000, Unit: "ton beras"}},
		{"ton GKP", Quantity{Value: 1000, Unit: "ton GKP"}}, // no documented factor: kept apart
		{"ton (dry shelled maize, 14% moisture)", Quantity{Value: 1000, Unit: "ton JPK KA14"}},
		{"ton (JPK KA14%)", Quantity{Value: 1000, Unit: "ton JPK KA14"}},
		{"ton (JPK KA28%)", Quantity{Value: 1000, Unit: "ton JPK KA28"}}, // kept apart
		{"head", Quantity{Value: 1000, Unit: "head"}},
	}
	for _, tt := range tests {
		got, ok := Normalize(Evidence{Value: f64(1000), Unit: tt.unit})
		if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 })); !ok || diff != "" {
			t.Errorf("Normalize(%q) (-want +got):\n%s", tt.unit, diff)
		}
	}
	if _, ok := Normalize(Evidence{Unit: "ton"}); ok {
		t.Error("a declaration without a value was normalised")
	}
}

func TestEstimateConsumption(t *testing.T) {
	norms, err := os.ReadFile("testdata/consumption_per_capita.csv")
	if err != nil {
		t.Fatal(err)
	}
	ev, err := ParseConsumptionCSV(strings.NewReader(string(norms)))
	if err != nil {
		t.Fatal(err)
	}
	provs := []Province{
		{Code: "35", ShortName: "Jatim", Population: 1000},
		{Code: "63", ShortName: "Kalsel", Population: 1000},
		{Code: "65", ShortName: "Kaltara"}, // no population: no estimate
	}
	type row struct {
		ID, Unit string
		Value    float64
		Status   Status
	}
	var got []row
	for _, e := range EstimateConsumption(provs, ev) {
		got = append(got, row{e.ID, e.Unit, *e.Value, e.Status})
	}
	// Jatim has its own rice norm (6.34 kg/month, 2022); Kalsel takes the
	// national one. Eggs counted in pieces give no estimate.
	want := []row{
		{"est-35-beras-2022", "ton beras", 1000 * 6.34 * 12 / 1000, StatusEstimate},
		{"est-35-daging-ayam-2022", "ton", 1000 * 0.153 * 365 / 7 / 1000, StatusEstimate},
		{"est-35-telur-2023", "ton", 1000 * 6.69 / 1000, StatusEstimate},
		{"est-63-beras-2024", "ton beras", 1000 * 6.50 * 12 / 1000, StatusEstimate},
		{"est-63-daging-ayam-2022", "ton", 1000 * 0.153 * 365 / 7 / 1000, StatusEstimate},
		{"est-63-telur-2023", "ton", 1000 * 6.69 / 1000, StatusEstimate},
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 })); diff != "" {
		t.Errorf("estimates (-want +got):\n%s", diff)
	}
}

// TestParseProvinceTables reads the layout of the BPS province tables: a
// trailing bps_code column, "-" cells left empty with a note (a gap, not a
// figure), and an empty cell without a note refused.
func TestParseProvinceTables(t *testing.T) {
	head := "kemendagri_code,province,commodity,measure,year,value,unit,status,publisher,source_url,note,bps_code\n"
	got, err := ParseProductionCSV(strings.NewReader(head +
		"63,Kalimantan Selatan,beef,daging_sapi_production,2022,7351.35,ton,as published,BPS,https://x.id/s,,63\n" +
		"31,DKI Jakarta,eggs,telur_ayam_ras_petelur_production,2022,,ton,as published,BPS,https://x.id/t,'-' in source (no data),31\n" +
		"62,Kalimantan Tengah,marine_aquaculture,budidaya_laut_production_all_species,2020,5,ton,as exported Apr 2022,BPS,https://x.id/m,,62\n"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range got {
		ids = append(ids, e.Province+"/"+e.Commodity+"/"+string(e.Status))
	}
	if diff := cmp.Diff([]string{"63/daging-sapi/published", "62/marine-aquaculture/published"}, ids); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
	_, err = ParseProductionCSV(strings.NewReader(head +
		"31,DKI Jakarta,eggs,telur_ayam_ras_petelur_production,2022,,ton,as published,BPS,https://x.id/t,,31\n"))
	if diff := cmp.Diff([]string{"baris 2, kolom 6 (value)"}, dagang.ErrorFields(err)); diff != "" {
		t.Errorf("empty value without a note (-want +got):\n%s", diff)
	}
}

// TestOldTerritoryAndSupersededNeverDecide checks that a figure of the
// pre-2022 Papua province and a figure of a superseded series do not
// decide a position, and that the position says why.
func TestOldTerritoryAndSupersededNeverDecide(t *testing.T) {
	provinces := []Province{{Code: "91", Name: "Papua", Population: 1_000_000}, {Code: "63", Name: "Kalimantan Selatan", Population: 1_000_000}}
	commodities := []Commodity{{ID: "telur", Name: "telur", Stage: StageRaw}}
	cons := func(p string) Evidence {
		return Evidence{ID: "c" + p, Province: p, Commodity: "telur", Kind: Consumption, Value: f64(10), Unit: "ton", Year: 2023, Status: StatusEstimate}
	}
	ev := []Evidence{
		{ID: "p91", Province: "91", Commodity: "telur", Kind: Production, Value: f64(15843), Unit: "ton", Year: 2022, Status: StatusPublished,
			Note: "pre-2022 Papua province (before the split)"},
		{ID: "p63", Province: "63", Commodity: "telur", Kind: Production, Value: f64(97729), Unit: "ton", Year: 2021, Status: StatusPublished,
			StatusNote: "as exported Apr 2022; superseded series"},
		cons("91"), cons("63"),
	}
	var got []string
	for _, p := range Positions(provinces, commodities, ev, DefaultOptions()) {
		got = append(got, p.Province+":"+string(p.State)+":"+p.Note)
	}
	want := []string{"91:unknown:data hanya mencakup wilayah sebelum pemekaran Papua 2022", "63:unknown:"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
}
