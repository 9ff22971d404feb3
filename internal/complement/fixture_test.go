package complement

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/dagang/dagang"
)

// The fixture tells the story of the Bisnis.com article of 2 January 2019:
// Kalsel sells rice, chicken meat and eggs to Kaltim and buys its corn as
// chicken feed; Sulsel trades both ways; Jatim and DIY sell finished
// handicrafts to Kalsel and buy its semi-finished goods. Centroids and
// populations are the real ones (testdata/); rice figures are real BPS
// rows; declarations quoting the article cite it, the others are sample
// values and say so.

const article = "Bisnis.com, Banjarmasin, 2 Januari 2019"

func f64(x float64) *float64 { return &x }

func fixtureProvinces() []Province {
	src := "Dukcapil Kemendagri Semester II (Dec) 2024"
	return []Province{
		{Code: "63", Name: "Kalimantan Selatan", ShortName: "Kalsel", Lat: -3.00598, Lon: 115.44011, Population: 4305281, PopulationSource: src},
		{Code: "64", Name: "Kalimantan Timur", ShortName: "Kaltim", Lat: 0.45645, Lon: 116.44145, Population: 4123303, PopulationSource: src},
		{Code: "73", Name: "Sulawesi Selatan", ShortName: "Sulsel", Lat: -3.68881, Lon: 120.16046, Population: 9528276, PopulationSource: src},
		{Code: "35", Name: "Jawa Timur", ShortName: "Jatim", Lat: -7.72591, Lon: 112.70668, Population: 41919906, PopulationSource: src},
		{Code: "34", Name: "Daerah Istimewa Yogyakarta", ShortName: "DIY", Lat: -7.88223, Lon: 110.43715, Population: 3743365, PopulationSource: src},
		{Code: "62", Name: "Kalimantan Tengah", ShortName: "Kalteng", Lat: -1.50, Lon: 113.38},
	}
}

func fixtureCommodities() []Commodity {
	feed := func(ratio *float64) []InputLink {
		return []InputLink{{Input: "jagung", Use: "pakan ternak ayam", UseEN: "chicken feed", Ratio: ratio}}
	}
	return []Commodity{
		{ID: "beras", Name: "beras", NameEN: "rice", Stage: StageSemi},
		{ID: "daging-ayam", Name: "daging ayam", NameEN: "chicken meat", Stage: StageSemi, Inputs: feed(nil)},
		{ID: "telur", Name: "telur", NameEN: "eggs", Stage: StageRaw, Inputs: feed(nil)},
		{ID: "jagung", Name: "jagung", NameEN: "corn", Stage: StageRaw},
		{ID: "kemiri", Name: "kemiri", NameEN: "candlenut", Stage: StageSemi},
		{ID: "kayu-manis", Name: "kayu manis", NameEN: "cinnamon", Stage: StageSemi},
		{ID: "rumput-laut", Name: "rumput laut", NameEN: "seaweed", Stage: StageSemi},
		{ID: "arang-halaban", Name: "arang halaban", NameEN: "halaban charcoal", Stage: StageSemi},
		{ID: "kerajinan", Name: "pernak-pernik", NameEN: "handicrafts", Stage: StageFinished},
	}
}

// declare builds a declaration; sample ones are marked in the source.
func declare(id, prov, com string, kind Kind, person, date string) Evidence {
	return Evidence{ID: id, Province: prov, Commodity: com, Kind: kind, Year: 2019,
		Source: Source{Person: person, Date: date, Publisher: article}}
}

func fixtureEvidence() []Evidence {
	head := "Bierhasani, Kepala Disdag Kalsel"
	sample := "staf kerja sama Disdag Kalsel (contoh)"
	ev := []Evidence{
		{ID: "prod-63-gkg-2023", Province: "63", Commodity: "beras", Kind: Production, Measure: "padi_production_gkg",
			Value: f64(875546), Unit: "ton GKG", Year: 2023, Status: StatusFinal,
			Source: Source{Publisher: "BPS Provinsi Kalimantan Selatan", URL: "https://diskominfomc.kalselprov.go.id/2024/03/01/realisasi-luas-panen-padi-di-kalsel-selama-2023-capai-214-284-hektare/"}},
		{ID: "prod-64-beras-2023", Province: "64", Commodity: "beras", Kind: Production, Measure: "beras_production",
			Value: f64(125227), Unit: "ton beras", Year: 2023, Status: StatusPreliminary,
			Source: Source{Publisher: "BPS Provinsi Kalimantan Timur", URL: "https://kaltim.suara.com/amp/read/2023/11/08/161253/produksi-beras-kaltim-tahun-2023-turun-14-ribu-ton-dibanding-2022"}},
		{ID: "kons-00-beras-2024", Province: "00", Commodity: "beras", Kind: ConsumptionPerCapita, Measure: "beras_consumption_per_capita",
			Value: f64(6.50), Unit: "kg per capita per month", Year: 2024, Status: StatusFinal,
			Source: Source{Publisher: "BPS Susenas", URL: "https://liputanmalam.com/bukan-jakarta-warga-ri-makan-beras-paling-banyak-ternyata-ada-di-sini-1271.html"}},
		declare("d-63-beras", "63", "beras", SurplusDeclared, head, "2019-01-02"),
		declare("d-63-ayam", "63", "daging-ayam", SurplusDeclared, head, "2019-01-02"),
		declare("d-63-telur", "63", "telur", SurplusDeclared, head, "2019-01-02"),
		declare("d-64-ayam", "64", "daging-ayam", NeedDeclared, head, "2019-01-02"),
		declare("d-64-telur", "64", "telur", NeedDeclared, head, "2019-01-02"),
		declare("d-64-jagung", "64", "jagung", SurplusDeclared, head, "2019-01-02"),
		declare("d-63-kemiri", "63", "kemiri", SurplusDeclared, head, "2019-01-02"),
		declare("d-63-kayu-manis", "63", "kayu-manis", SurplusDeclared, head, "2019-01-02"),
		declare("d-63-rumput-laut", "63", "rumput-laut", SurplusDeclared, head, "2019-01-02"),
		declare("d-63-arang", "63", "arang-halaban", SurplusDeclared, head, "2019-01-02"),
		declare("d-63-kerajinan", "63", "kerajinan", NeedDeclared, head, "2019-01-02"),
		declare("d-35-kerajinan", "35", "kerajinan", SurplusDeclared, head, "2019-01-02"),
		declare("d-34-kerajinan", "34", "kerajinan", SurplusDeclared, head, "2019-01-02"),
		declare("d-35-kemiri", "35", "kemiri", NeedDeclared, sample, "2019-03-01"),
		declare("d-34-kayu-manis", "34", "kayu-manis", NeedDeclared, sample, "2019-03-01"),
		declare("d-73-arang", "73", "arang-halaban", NeedDeclared, sample, "2019-03-01"),
		declare("d-73-jagung", "73", "jagung", SurplusDeclared, sample, "2019-03-01"),
	}
	return append(ev, EstimateConsumption(fixtureProvinces(), ev)...)
}

// summary is what a person reads off a candidate.
type summary struct {
	Code       string
	Sell, Buy  []string // commodity, with "+use" when via an input link
	Missing    []string
	Reason     string
	ReasonEN   string
	Confidence float64
}

func summarize(cands []Candidate) []summary {
	var out []summary
	for _, c := range cands {
		s := summary{Code: c.Province.Code, Missing: c.Missing, Reason: c.Reason, ReasonEN: c.ReasonEN, Confidence: c.Confidence}
		name := func(f Flow) string {
			n := f.Commodity
			for _, v := range f.Via {
				n += "+" + v.Output + ":" + v.Use
			}
			return n
		}
		for _, f := range c.Sell {
			s.Sell = append(s.Sell, name(f))
		}
		for _, f := range c.Buy {
			s.Buy = append(s.Buy, name(f))
		}
		out = append(out, s)
	}
	return out
}

func TestAnalyzeArticle(t *testing.T) {
	cands, err := Analyze("63", fixtureProvinces(), fixtureCommodities(), fixtureEvidence(), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	feed := []string{"jagung+daging-ayam:pakan ternak ayam+telur:pakan ternak ayam"}
	unknownAll := []string{"beras", "daging-ayam", "telur", "jagung", "kemiri", "kayu-manis", "rumput-laut", "arang-halaban", "kerajinan"}
	want := []summary{{
		Code: "64",
		Sell: []string{"beras", "daging-ayam", "telur"},
		Buy:  feed,
		// Kaltim's position is unknown for Kalsel's semi-finished goods and handicrafts.
		Missing:    []string{"kemiri", "kayu-manis", "rumput-laut", "arang-halaban", "kerajinan"},
		Reason:     "Kalsel dapat menjual beras, daging ayam dan telur ke Kaltim; Kaltim dapat memasok jagung untuk pakan ternak ayam di Kalsel.",
		ReasonEN:   "Kalsel can sell rice, chicken meat and eggs to Kaltim; Kaltim can supply corn as chicken feed in Kalsel.",
		Confidence: (0.7 + 0.5 + 0.5 + 0.5) / 9,
	}, {
		// Jatim and DIY rank above Sulsel: their handicrafts are finished
		// goods (weight 2), Sulsel's corn is raw (weight 1).
		Code:       "35",
		Sell:       []string{"kemiri"},
		Buy:        []string{"kerajinan"},
		Missing:    []string{"beras", "daging-ayam", "telur", "jagung", "kayu-manis", "rumput-laut", "arang-halaban"},
		Reason:     "Kalsel dapat menjual kemiri ke Jatim; Jatim dapat memasok pernak-pernik ke Kalsel.",
		ReasonEN:   "Kalsel can sell candlenut to Jatim; Jatim can supply handicrafts to Kalsel.",
		Confidence: 1.0 / 9,
	}, {
		Code:       "34",
		Sell:       []string{"kayu-manis"},
		Buy:        []string{"kerajinan"},
		Missing:    []string{"beras", "daging-ayam", "telur", "jagung", "kemiri", "rumput-laut", "arang-halaban"},
		Reason:     "Kalsel dapat menjual kayu manis ke DIY; DIY dapat memasok pernak-pernik ke Kalsel.",
		ReasonEN:   "Kalsel can sell cinnamon to DIY; DIY can supply handicrafts to Kalsel.",
		Confidence: 1.0 / 9,
	}, {
		Code:       "73",
		Sell:       []string{"arang-halaban"},
		Buy:        feed,
		Missing:    []string{"beras", "daging-ayam", "telur", "kemiri", "kayu-manis", "rumput-laut", "kerajinan"},
		Reason:     "Kalsel dapat menjual arang halaban ke Sulsel; Sulsel dapat memasok jagung untuk pakan ternak ayam di Kalsel.",
		ReasonEN:   "Kalsel can sell halaban charcoal to Sulsel; Sulsel can supply corn as chicken feed in Kalsel.",
		Confidence: 1.0 / 9,
	}, {
		Code:       "62",
		Missing:    unknownAll,
		Reason:     "Belum terlihat peluang dagang antara Kalsel dan Kalteng dari data yang ada.",
		ReasonEN:   "No trade opportunity between Kalsel and Kalteng is visible in the data yet.",
		Confidence: 0,
	}}
	if diff := cmp.Diff(want, summarize(cands), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
}

func TestAnalyzeArticleNumbers(t *testing.T) {
	cands, err := Analyze("63", fixtureProvinces(), fixtureCommodities(), fixtureEvidence(), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	kaltim := cands[0]
	rice := kaltim.Sell[0]
	// Kalsel: 875,546 t GKG × 64.02% = 560,524.55 t beras against
	// 4,305,281 people × 6.50 kg × 12 = 335,811.92 t.
	// Kaltim: 125,227 t beras against 4,123,303 × 0.078 = 321,617.63 t.
	type numbers struct {
		FromProd, FromCons, ToProd, ToCons float64
		FromBasis, ToBasis                 Basis
		Evidence                           []string
		SellScore, BuyScore                float64
	}
	want := numbers{
		FromProd: 875546 * 0.6402, FromCons: 4305281 * 6.5 * 12 / 1000,
		ToProd: 125227, ToCons: 4123303 * 6.5 * 12 / 1000,
		FromBasis: BasisStatistics, ToBasis: BasisStatistics,
		Evidence:  []string{"est-63-beras-2024", "est-64-beras-2024", "prod-63-gkg-2023", "prod-64-beras-2023"},
		SellScore: 1.5 + 1.5 + 1, BuyScore: 1,
	}
	got := numbers{
		FromProd: rice.From.Production, FromCons: rice.From.Consumption,
		ToProd: rice.To.Production, ToCons: rice.To.Consumption,
		FromBasis: rice.From.Basis, ToBasis: rice.To.Basis,
		Evidence:  rice.Evidence,
		SellScore: kaltim.SellScore, BuyScore: kaltim.BuyScore,
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("rice flow to Kaltim (-want +got):\n%s", diff)
	}
	// The score follows the documented formula.
	d := haversineKm(-3.00598, 115.44011, 0.45645, 116.44145)
	s, b := 4.0, 1.0
	score := (0.5*(s+b)/2 + 0.5*2) / (1 + d/1000)
	if diff := cmp.Diff(score, kaltim.Score, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("Kaltim score (-want +got):\n%s", diff)
	}
	if kaltim.DistanceKm < 380 || kaltim.DistanceKm > 420 {
		t.Errorf("Kalsel–Kaltim centroid distance = %.1f km, want about 400", kaltim.DistanceKm)
	}
}

func TestAnalyzeOptions(t *testing.T) {
	tests := []struct {
		name   string
		home   string
		opt    func(*Options)
		fields []string
	}{
		{"unknown home", "99", func(*Options) {}, []string{"home"}},
		{"zero options", "63", func(o *Options) { *o = Options{} }, []string{"options.stage_weight", "options.distance_scale_km"}},
		{"two-way out of range", "63", func(o *Options) { o.TwoWay = 1.5 }, []string{"options.two_way"}},
		{"negative tolerance", "63", func(o *Options) { o.Tolerance = -0.1 }, []string{"options.tolerance"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := DefaultOptions()
			tt.opt(&opt)
			got, err := Analyze(tt.home, fixtureProvinces(), fixtureCommodities(), nil, opt)
			if got != nil {
				t.Errorf("got %d candidates, want none", len(got))
			}
			if diff := cmp.Diff(tt.fields, dagang.ErrorFields(err)); diff != "" {
				t.Errorf("error fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReasonGroups(t *testing.T) {
	kalsel, sulsel := Province{ShortName: "Kalsel"}, Province{ShortName: "Sulsel"}
	feed := []InputUse{{Output: "daging-ayam", Use: "pakan ternak ayam", UseEN: "chicken feed"}}
	tests := []struct {
		name       string
		sell, buy  []Flow
		id, enStem string
	}{
		{"sell only", []Flow{{Name: "beras", NameEN: "rice"}}, nil,
			"Kalsel dapat menjual beras ke Sulsel; belum terlihat produk Sulsel yang dibutuhkan Kalsel.", "Kalsel can sell rice to Sulsel;"},
		{"buy only, direct and via", nil, []Flow{{Name: "jagung", Via: feed}, {Name: "rumput laut"}, {Name: "dedak", Via: feed}},
			"Sulsel dapat memasok rumput laut ke Kalsel serta jagung dan dedak untuk pakan ternak ayam di Kalsel; belum terlihat produk Kalsel yang dibutuhkan Sulsel.",
			"Sulsel can supply rumput laut to Kalsel as well as jagung and dedak as chicken feed in Kalsel;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, en := reason(kalsel, sulsel, tt.sell, tt.buy)
			if id != tt.id {
				t.Errorf("reason = %q, want %q", id, tt.id)
			}
			if !strings.HasPrefix(en, tt.enStem) {
				t.Errorf("reason_en = %q, want it to start with %q", en, tt.enStem)
			}
		})
	}
}
