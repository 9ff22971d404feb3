package web

// statisticsEnglish translates the texts of the statistics coverage page;
// init adds them to english (texts english already has keep theirs).
var statisticsEnglish = map[string]string{
	"Cakupan Data Statistik": "Statistics Coverage",
	"Catatan":                "Note",
	"DI Yogyakarta tidak ada dalam ringkasan survei. Sumber: BPS, Perdagangan Antar Wilayah 2022 (terbit 2024).": "DI Yogyakarta is missing from the survey summary. Source: BPS, Inter-Regional Trade 2022 (published 2024).",
	"Faktor konversi": "Conversion factors",
	"Kebutuhan jagung = penduduk × norma + 1,315 t jagung pakan per t daging ayam ras dan telur ayam ras (rasio turunan: 12,27 juta t jagung pakan 2022, Kementan Direktorat Pakan, dibagi produksi nasional BPS 2022); lihat docs/complementarity.md.": "Maize need = population × norm + 1.315 t of feed maize per t of broiler meat and layer eggs (derived ratio: 12.27 million t of feed maize in 2022, Kementan Directorate of Feed, divided by BPS national production 2022); see docs/complementarity.md.",
	"Kembali ke peringkat calon mitra": "Back to the partner ranking",
	"Kolom":                            "Columns",
	"Komoditas × provinsi":             "Commodities × provinces",
	"Mengisi":                          "Fills",
	"Pembelian":                        "Purchases",
	"Penjualan":                        "Sales",
	"Perdagangan antarwilayah (BPS PAW 2022)":   "Inter-regional trade (BPS PAW 2022)",
	"Provinsi dengan posisi dari statistik":     "Provinces with a position from statistics",
	"Ringkasan":                                 "Summary",
	"Tabel yang lebih baru dapat dimuat dengan": "Newer tables can be loaded with",
	"Tata letak":                                "Layout",
	"Umur dihitung dari tahun":                  "Ages are counted from",
	"Untuk setiap komoditas dan provinsi: posisi menurut statistik saja, angka produksi dan kebutuhan yang dipakai, tahunnya, umurnya, statusnya dan sumbernya. Sel kosong adalah kekosongan data: tidak diisi dengan tebakan.": "For every commodity and province: the position on statistics alone, the production and need figures used, their year, age, status and source. An empty cell is a gap in the data: it is not filled with a guess.",
	"Yang dapat diimpor dinas": "What the office can import",
	"kebutuhan":                "need",
	"kekosongan":               "gap",
	"norma":                    "norm",
	"produksi":                 "production",
	"semua baris atau tidak sama sekali; kesalahan menyebut baris dan kolomnya.": "all rows or none; errors name the row and column.",
	"th": "yr",
	"Uji metode: skor dibandingkan dengan perdagangan teramati": "Method check: the score against observed trade",
	"Korelasi peringkat Spearman antara skor komplementaritas (statistik saja, tanpa pernyataan staf) dan perdagangan teramati BPS PAW 2022 setiap provinsi asal dengan setiap mitra; nilai p dari uji permutasi satu sisi. Hasilnya dilaporkan apa adanya di docs/complementarity.md (dagang partners validate).": "Spearman rank correlation between the complementarity score (statistics only, no staff declarations) and the observed BPS PAW 2022 trade of each home province with each partner; p-value from a one-sided permutation test. The result is reported as it is in docs/complementarity.md (dagang partners validate).",
	"Rata-rata rho":   "Mean rho",
	"positif":         "positive",
	"dengan p < 0,05": "with p < 0.05",
	"Provinsi asal":   "Home province",
	"Mitra":           "Partners",
	"Tercatat":        "Listed",
}

func init() { addEnglish(statisticsEnglish) }
