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

// InputLinks says which catalogue commodities are inputs of which, by slug:
// corn is the feed of the chickens that give meat and eggs.
var InputLinks = []struct{ Input, Output, Use string }{
	{"jagung", "daging-ayam", "pakan ternak ayam"},
	{"jagung", "telur", "pakan ternak ayam"},
	{"ayam-hidup", "daging-ayam", "bahan baku pemotongan"},
}
