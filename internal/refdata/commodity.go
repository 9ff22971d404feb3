package refdata

import "github.com/dagang/dagang"

// Catalogue is the commodity catalogue shipped with the binary: every
// product the seed article names, with the HS 2022 subheading it is usually
// traded under (from data/hs_codes.csv, where the choice and its caveats
// are noted), its processing stage and its unit.
//
// Stages follow the article: Kalsel "mostly sells semi-finished goods"
// (candlenut, cinnamon, seaweed, halaban charcoal) and buys finished goods
// (handicrafts, trinkets) from East Java and Yogyakarta.
var Catalogue = []dagang.Commodity{
	{Slug: "beras", Name: "Beras", NameEN: "Rice (milled)", HSCode: "100630", Stage: dagang.StageSemi, Unit: "ton",
		HSNote: "100630 = beras giling, bentuk yang lazim diperdagangkan; 100610 = gabah"},
	{Slug: "jagung", Name: "Jagung pipilan", NameEN: "Maize (corn)", HSCode: "100590", Stage: dagang.StageRaw, Unit: "ton",
		HSNote: "jagung pakan = 100590"},
	{Slug: "daging-ayam", Name: "Daging ayam", NameEN: "Chicken meat", HSCode: "020711", Stage: dagang.StageSemi, Unit: "ton",
		HSNote: "karkas broiler segar/dingin = 020711; potongan = 020713/020714"},
	{Slug: "telur", Name: "Telur ayam ras", NameEN: "Hen eggs", HSCode: "040721", Stage: dagang.StageRaw, Unit: "ton",
		HSNote: "telur konsumsi ayam ras = 040721"},
	{Slug: "daging-sapi", Name: "Daging sapi", NameEN: "Beef", HSCode: "020130", Stage: dagang.StageSemi, Unit: "ton",
		HSNote: "daging sapi tanpa tulang segar/dingin = 020130; beku = 020230"},
	{Slug: "ayam-hidup", Name: "Ayam hidup", NameEN: "Live chickens", HSCode: "010594", Stage: dagang.StageRaw, Unit: "ekor"},
	{Slug: "kemiri", Name: "Kemiri", NameEN: "Candlenut", HSCode: "080299", Stage: dagang.StageSemi, Unit: "ton",
		HSNote: "KLASIFIKASI BELUM DIKONFIRMASI sumber resmi: 080299 (kacang n.e.c.) atau 120799 (biji minyak); periksa BTKI/INSW"},
	{Slug: "kayu-manis", Name: "Kayu manis", NameEN: "Cinnamon (cassia)", HSCode: "090619", Stage: dagang.StageSemi, Unit: "ton",
		HSNote: "kasia Indonesia (Cinnamomum burmannii) utuh = 090619; bubuk = 090620"},
	{Slug: "rumput-laut", Name: "Rumput laut kering", NameEN: "Dried seaweed", HSCode: "121229", Stage: dagang.StageSemi, Unit: "ton",
		HSNote: "bahan baku industri (karagenan) = 121229; pangan = 121221"},
	{Slug: "arang-halaban", Name: "Arang halaban", NameEN: "Halaban wood charcoal (Vitex pinnata)", HSCode: "440290", Stage: dagang.StageSemi, Unit: "ton"},
	{Slug: "kerajinan-anyaman", Name: "Kerajinan anyaman", NameEN: "Woven handicrafts", HSCode: "460219", Stage: dagang.StageFinished, Unit: "buah",
		HSNote: "tidak ada satu kode HS untuk kerajinan; tergantung bahan (bambu 460211, rotan 460212)"},
	{Slug: "kerajinan-kayu", Name: "Kerajinan kayu", NameEN: "Wooden handicrafts", HSCode: "442019", Stage: dagang.StageFinished, Unit: "buah"},
	{Slug: "pernak-pernik", Name: "Pernak-pernik (perhiasan imitasi)", NameEN: "Trinkets (imitation jewellery)", HSCode: "711790", Stage: dagang.StageFinished, Unit: "buah"},
}

// InputLink says that Input is used to make Output, by slug. Ratio, when
// not zero, is tonnes of input per tonne of output, with RatioSource
// saying where it comes from.
type InputLink struct {
	Input, Output, Use string
	Ratio              float64
	RatioSource        string
}

// Feed maize per tonne of broiler meat and layer eggs. Kementan's
// Direktorat Pakan reports 12.27 million t of maize used as feed in 2022
// (7.83 Mt by feed mills, 4.45 Mt by independent farmers); BPS reports
// 3,765,573.09 t of broiler meat and 5,566,339.44 t of layer eggs for
// Indonesia in 2022 (the national rows of the embedded tables). The ratio
// is their quotient, about 1.315 t of maize per t of meat or eggs. It
// charges all feed maize to these two products, so it overstates the need
// where other livestock eat maize; it is an upper bound, shown as such.
const (
	feedMaize2022   = 12_270_000.0
	broilerMeat2022 = 3_765_573.09
	layerEggs2022   = 5_566_339.44
	feedRatioSource = "rasio turunan: 12,27 juta t jagung untuk pakan 2022 (Kementan, Direktorat Pakan, \"Pemanfaatan Jagung Lokal oleh Industri Pakan Tahun 2022\", https://pustaka.setjen.pertanian.go.id/info-perpustakaan/resensi-buku-pemanfaatan-jagung-lokal-oleh-industri-pakan-tahun-2022) ÷ (3.765.573 t daging ayam ras + 5.566.339 t telur ayam ras, BPS 2022, data/statistics); batas atas: semua jagung pakan dibebankan pada ayam ras"
	feedRatio       = feedMaize2022 / (broilerMeat2022 + layerEggs2022)
)

// InputLinks says which catalogue commodities are inputs of which, by slug:
// corn is the feed of the chickens that give meat and eggs.
var InputLinks = []InputLink{
	{Input: "jagung", Output: "daging-ayam", Use: "pakan ternak ayam", Ratio: feedRatio, RatioSource: feedRatioSource},
	{Input: "jagung", Output: "telur", Use: "pakan ternak ayam", Ratio: feedRatio, RatioSource: feedRatioSource},
	{Input: "ayam-hidup", Output: "daging-ayam", Use: "bahan baku pemotongan"},
}
