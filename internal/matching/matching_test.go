package matching

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/search"
	"github.com/google/go-cmp/cmp"
)

// The article's story in small: Kalsel sells rice, chicken and eggs to
// Kaltim and buys Kaltim's corn as feed.
var (
	catalogue = []Commodity{
		{ID: 1, Name: "beras", NameEN: "rice", HSCode: "100630", Stage: dagang.StageSemi},
		{ID: 2, Name: "gabah", NameEN: "paddy", HSCode: "100610", Stage: dagang.StageRaw},
		{ID: 3, Name: "jagung", NameEN: "maize", HSCode: "100590", Stage: dagang.StageRaw},
		{ID: 4, Name: "daging ayam", NameEN: "chicken meat", HSCode: "020711", Stage: dagang.StageSemi, Inputs: []int64{3}},
		{ID: 5, Name: "telur", NameEN: "eggs", HSCode: "040721", Stage: dagang.StageRaw, Inputs: []int64{3}},
		{ID: 6, Name: "karkas ayam beku", NameEN: "frozen chicken carcass", HSCode: "020712", Stage: dagang.StageSemi},
		{ID: 7, Name: "kemiri", NameEN: "candlenut", HSCode: "080299", Stage: dagang.StageSemi},
	}
	people = []Participant{
		{ID: 10, Name: "CV Beras", Side: Home, Province: "63", Offers: []Item{{CommodityID: 1, Volume: 400, Unit: "ton", Description: "beras premium"}}},
		{ID: 11, Name: "CV Ayam", Side: Home, Province: "63",
			Offers: []Item{{CommodityID: 4, Volume: 80, Unit: "ton", Description: "karkas ayam segar"}},
			Needs:  []Item{{CommodityID: 3, Volume: 200, Unit: "ton", Description: "jagung pakan ayam"}}},
		{ID: 12, Name: "UD Telur", Side: Home, Province: "63", Offers: []Item{{CommodityID: 5, Volume: 120, Unit: "ton"}}},
		{ID: 13, Name: "UD Kemiri", Side: Home, Province: "63", Offers: []Item{{CommodityID: 7, Volume: 10, Unit: "ton"}}},
		{ID: 20, Name: "PT Pangan", Side: Partner, Province: "64", ProvinceName: "Kaltim",
			Needs: []Item{{CommodityID: 1, Volume: 500, Unit: "ton", Description: "beras medium"}}},
		{ID: 21, Name: "CV Jagung", Side: Partner, Province: "64", ProvinceName: "Kaltim",
			Offers: []Item{{CommodityID: 3, Volume: 1000, Unit: "ton", Description: "jagung pipilan pakan"}}},
		{ID: 22, Name: "PT Katering", Side: Partner, Province: "64", ProvinceName: "Kaltim",
			Needs: []Item{{CommodityID: 6, Volume: 40, Unit: "ton"}}},
		{ID: 23, Name: "PT Gabah", Side: Partner, Province: "73", ProvinceName: "Sulsel", Needs: []Item{{CommodityID: 2}}},
	}
)

type brief struct {
	Counterpart int64
	Direction   Direction
	Score       float64
	Implied     bool
}

func briefs(m map[int64][]Suggestion) map[int64][]brief {
	out := map[int64][]brief{}
	for id, ss := range m {
		for _, s := range ss {
			out[id] = append(out[id], brief{s.Counterpart, s.Direction, s.Score, s.Implied})
		}
	}
	return out
}

func TestSuggest(t *testing.T) {
	in := Input{Participants: people, Commodities: catalogue, Complementarity: map[string]float64{"64": 0.8}}
	// Scores by hand, out of 100 (weights 40 commodity, 10 stage, 15
	// volume, 15 text, 20 complementarity, the last left out for Sulsel):
	//  beras→PT Pangan: 40 + 10 + 15·400/500 + 15·cos(beras premium, beras medium)=½ + 20·0.8 = 85.5
	//  beras→PT Gabah (same heading, adjacent stage, no volume, no text): (24 + 5 + 7.5)/80 = 45.6
	//  jagung→CV Ayam (stated need, capacity covers it, cos = 2/3): 40 + 10 + 15 + 10 + 16 = 91
	//  jagung→UD Telur (implied need: 0.7·40, no volume): 28 + 10 + 7.5 + 16 = 61.5
	//  ayam→PT Katering (same heading 0207, capacity covers): 24 + 10 + 15 + 16 = 65
	want := map[int64][]brief{
		10: {{20, Sells, 85.5, false}, {23, Sells, 45.6, false}},
		11: {{21, Buys, 91, false}, {22, Sells, 65, false}},
		12: {{21, Buys, 61.5, true}},
		20: {{10, Buys, 85.5, false}},
		21: {{11, Sells, 91, false}, {12, Sells, 61.5, true}},
		22: {{11, Buys, 65, false}},
		23: {{10, Buys, 45.6, false}},
	}
	got := Suggest(in, Options{})
	if d := cmp.Diff(want, briefs(got)); d != "" {
		t.Errorf("suggestions (-want +got):\n%s", d)
	}

	// Limits and minimum scores cut the lists.
	cut := briefs(Suggest(in, Options{Limit: 1, MinScore: 50}))
	wantCut := map[int64][]brief{
		10: {{20, Sells, 85.5, false}},
		11: {{21, Buys, 91, false}},
		12: {{21, Buys, 61.5, true}},
		20: {{10, Buys, 85.5, false}},
		21: {{11, Sells, 91, false}},
		22: {{11, Buys, 65, false}},
	}
	if d := cmp.Diff(wantCut, cut); d != "" {
		t.Errorf("limit 1, min score 50 (-want +got):\n%s", d)
	}
}

func TestSuggestReasons(t *testing.T) {
	in := Input{Participants: people, Commodities: catalogue, Complementarity: map[string]float64{"64": 0.8}}
	got := Suggest(in, Options{})
	tests := []struct {
		participant int64
		want        []Reason
	}{
		{10, []Reason{
			{"Dapat menjual beras kepada PT Pangan", "Can sell rice to PT Pangan"},
			{"Komoditas sama: beras (HS 100630)", "Same commodity: rice (HS 100630)"},
			{"Tahap pengolahan sama: setengah jadi", "Same processing stage: semi"},
			{"Kapasitas 400 ton/bulan memenuhi 80% kebutuhan 500 ton/bulan", "Capacity of 400 ton/month covers 80% of the need of 500 ton/month"},
			{"Deskripsi mirip (50%; kata sama: beras)", "Similar descriptions (50%; shared words: beras)"},
			{"Kesalingmelengkapan dengan Kaltim: 0,80 (1 = mitra terbaik)", "Complementarity with Kaltim: 0.80 (1 = best partner)"},
		}},
		{12, []Reason{
			{"Dapat membeli jagung dari CV Jagung", "Can buy maize from CV Jagung"},
			{"Komoditas sama: jagung (HS 100590)", "Same commodity: maize (HS 100590)"},
			{"jagung adalah bahan baku produk UD Telur", "maize is an input of UD Telur's products"},
			{"Tahap pengolahan sama: bahan mentah", "Same processing stage: raw"},
			{"Kesalingmelengkapan dengan Kaltim: 0,80 (1 = mitra terbaik)", "Complementarity with Kaltim: 0.80 (1 = best partner)"},
		}},
		{22, []Reason{
			{"Dapat membeli daging ayam dari CV Ayam", "Can buy chicken meat from CV Ayam"},
			{"Pos HS sama (0207): daging ayam dan karkas ayam beku", "Same HS heading (0207): chicken meat and frozen chicken carcass"},
			{"Tahap pengolahan sama: setengah jadi", "Same processing stage: semi"},
			{"Kapasitas 80 ton/bulan mencukupi kebutuhan 40 ton/bulan", "Capacity of 80 ton/month covers the need of 40 ton/month"},
			{"Kesalingmelengkapan dengan Kaltim: 0,80 (1 = mitra terbaik)", "Complementarity with Kaltim: 0.80 (1 = best partner)"},
		}},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, got[tt.participant][0].Reasons); d != "" {
			t.Errorf("reasons of %d (-want +got):\n%s", tt.participant, d)
		}
	}
}

func TestSuggestNoComplementarity(t *testing.T) {
	// Without complementarity the score is out of the other 80 points.
	got := Suggest(Input{Participants: people[:1:1], Commodities: catalogue}, Options{})
	if len(got) != 0 {
		t.Errorf("one participant alone got suggestions: %v", got)
	}
	in := Input{Participants: []Participant{people[0], people[4]}, Commodities: catalogue}
	want := map[int64][]brief{10: {{20, Sells, 86.9, false}}, 20: {{10, Buys, 86.9, false}}} // (40+10+12+7.5)/80
	if d := cmp.Diff(want, briefs(Suggest(in, Options{}))); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

// stems is a tiny stand-in for the Indonesian stemmer of internal/search.
type stems map[string]string

func (s stems) Stem(w string) string { return s[w] }

// Similarity is the cosine similarity of the stemmed words of two texts,
// from 0 (nothing in common) to 1 (the same words): the text measure of
// the matcher, on two texts alone.
func Similarity(a, b string, st Stemmer) float64 {
	l := newLexicon()
	return cosine(l.vector(tokens(a, st)), l.vector(tokens(b, st)))
}

func TestSimilarity(t *testing.T) {
	st := stems{"makanan": "makan", "dimakan": "makan", "pakannya": "pakan"}
	tests := []struct {
		name string
		a, b string
		st   Stemmer
		want float64
	}{
		{"same words", "Jagung pipilan", "jagung, PIPILAN", nil, 1},
		{"nothing shared", "beras", "telur", nil, 0},
		{"empty", "", "beras", nil, 0},
		{"stop words only", "dan untuk yang", "dan untuk yang", nil, 0},
		{"without stemmer", "makanan ternak", "dimakan ternak", nil, 0.5},
		{"with stemmer", "makanan ternak", "dimakan ternak", st, 1},
		{"half", "jagung pakan", "jagung kering", nil, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Similarity(tt.a, tt.b, tt.st)
			if d := cmp.Diff(tt.want, got, cmp.Comparer(func(x, y float64) bool { return x-y < 1e-9 && y-x < 1e-9 })); d != "" {
				t.Errorf("Similarity(%q, %q) (-want +got):\n%s", tt.a, tt.b, d)
			}
		})
	}
}

func TestPairs(t *testing.T) {
	tests := []struct {
		name string
		reqs []Request
		want []Pair
	}{
		{"none", nil, []Pair{}},
		{"one-sided", []Request{{ID: 1, From: 5, To: 2, Priority: 4}}, []Pair{{A: 2, B: 5, Weight: 4, Requests: []int64{1}}}},
		{"mutual weighs the sum", []Request{{ID: 1, From: 2, To: 5, Priority: 3}, {ID: 2, From: 5, To: 2, Priority: 5}},
			[]Pair{{A: 2, B: 5, Weight: 8, Mutual: true, Requests: []int64{2, 1}}}},
		{"same direction twice counts once", []Request{{ID: 1, From: 2, To: 5, Priority: 2}, {ID: 2, From: 2, To: 5, Priority: 4}},
			[]Pair{{A: 2, B: 5, Weight: 4, Requests: []int64{2, 1}}}},
		{"self request ignored, order by pair", []Request{{ID: 1, From: 9, To: 9, Priority: 5}, {ID: 2, From: 7, To: 3, Priority: 1}, {ID: 3, From: 1, To: 4, Priority: 2}},
			[]Pair{{A: 1, B: 4, Weight: 2, Requests: []int64{3}}, {A: 3, B: 7, Weight: 1, Requests: []int64{2}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, Pairs(tt.reqs)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// market generates n participants, half on each side, with one or two
// items each over the catalogue.
func market(n int, seed uint64) Input {
	rng := rand.New(rand.NewPCG(seed, 1))
	words := []string{"beras", "premium", "medium", "jagung", "pakan", "pipilan", "ayam", "segar", "beku", "telur", "ras", "kemiri", "kupas", "kering"}
	desc := func() string {
		return fmt.Sprintf("%s %s %s", words[rng.IntN(len(words))], words[rng.IntN(len(words))], words[rng.IntN(len(words))])
	}
	item := func() Item {
		return Item{CommodityID: catalogue[rng.IntN(len(catalogue))].ID, Volume: float64(rng.IntN(500)), Unit: "ton", Description: desc()}
	}
	in := Input{Commodities: catalogue, Complementarity: map[string]float64{"64": 0.8, "73": 0.4}}
	for i := range n {
		p := Participant{ID: int64(i + 1), Name: fmt.Sprint("P", i), Side: Home, Province: "63"}
		if i%2 == 1 {
			p.Side, p.Province = Partner, []string{"64", "73"}[rng.IntN(2)]
		}
		p.Offers = append(p.Offers, item())
		p.Needs = append(p.Needs, item())
		in.Participants = append(in.Participants, p)
	}
	return in
}

func TestSuggestEveryListIsSortedAndExplained(t *testing.T) {
	got := Suggest(market(60, 7), Options{Limit: 5})
	if len(got) == 0 {
		t.Fatal("no suggestions on a random market")
	}
	for id, ss := range got {
		if len(ss) > 5 {
			t.Errorf("participant %d: %d suggestions, limit 5", id, len(ss))
		}
		for i, s := range ss {
			if s.Participant != id || s.Counterpart == id || len(s.Reasons) < 2 || s.Score <= 0 || s.Score > 100 {
				t.Errorf("participant %d: bad suggestion %+v", id, s)
			}
			if i > 0 && ss[i-1].Score < s.Score {
				t.Errorf("participant %d: list not sorted at %d", id, i)
			}
		}
	}
}

// The benchmarks run with the Snowball Indonesian stemmer the product
// uses, and without a stemmer as the peer (the stemming's cost).
func benchSuggest(b *testing.B, n int, st Stemmer) {
	in := market(n, 1)
	in.Stemmer = st
	for b.Loop() {
		Suggest(in, Options{})
	}
}

func BenchmarkSuggest200(b *testing.B)        { benchSuggest(b, 200, StemFunc(search.Stem)) }
func BenchmarkSuggest200NoStem(b *testing.B)  { benchSuggest(b, 200, nil) }
func BenchmarkSuggest2000(b *testing.B)       { benchSuggest(b, 2000, StemFunc(search.Stem)) }
func BenchmarkSuggest2000NoStem(b *testing.B) { benchSuggest(b, 2000, nil) }

func TestSuggestWithIndonesianStemmer(t *testing.T) {
	// "pakan" and "pakannya", "ternak" and "peternakan" share their stems
	// only through the stemmer.
	seller := Participant{ID: 1, Side: Partner, Province: "64", Offers: []Item{{CommodityID: 3, Description: "pakannya peternakan"}}}
	buyer := Participant{ID: 2, Side: Home, Province: "63", Needs: []Item{{CommodityID: 3, Description: "pakan ternak"}}}
	in := Input{Participants: []Participant{seller, buyer}, Commodities: catalogue}
	plain := Suggest(in, Options{})[1][0].Parts.Text
	in.Stemmer = StemFunc(stems{"pakannya": "pakan", "peternakan": "ternak", "pakan": "pakan", "ternak": "ternak"}.Stem)
	stemmed := Suggest(in, Options{})[1][0].Parts.Text
	if plain != 0 || stemmed < 0.999 {
		t.Errorf("text part: %v without stemmer, %v with; want 0 and 1", plain, stemmed)
	}
}

// FuzzSimilarity feeds arbitrary descriptions through the tokenizer and
// the Indonesian stemmer: no panic, a similarity in [0, 1], symmetric.
func FuzzSimilarity(f *testing.F) {
	for _, s := range []string{"jagung pipilan untuk pakan ternak", "Beras medium (contoh)", "peternakan ayam ras", "ñandú ÆØÅ 日本語", "mempermainkan", ""} {
		f.Add(s, "pakan ternak")
	}
	st := StemFunc(search.Stem)
	f.Fuzz(func(t *testing.T, a, b string) {
		x, y := Similarity(a, b, st), Similarity(b, a, st)
		if x < 0 || x > 1+1e-9 || x-y > 1e-9 || y-x > 1e-9 {
			t.Errorf("Similarity(%q, %q) = %v, reversed %v", a, b, x, y)
		}
	})
}
