package web

// english translates the Indonesian texts of the pages. Every text a
// template passes to T must be here (TestTranslations checks).
var english = map[string]string{
	// Layout and navigation.
	"Langsung ke isi":                    "Skip to content",
	"Kerja Sama Perdagangan Antardaerah": "Inter-regional Trade Cooperation",
	"Menu utama":                         "Main menu",
	"Data wilayah":                       "Regional data",
	"peta provinsi":                      "province map",
	"kode HS":                            "HS codes",
	"Lihat NOTICE.":                      "See NOTICE.",
	"Dasbor":                             "Dashboard",
	"Kesalahan":                          "Error",
	"Mitra & Kerja Sama":                 "Partners & Agreements",
	"Kerja Sama":                         "Agreement",
	"Komoditas":                          "Commodities",
	"Pelaku Usaha":                       "Businesses",
	"Profil Usaha":                       "Business profile",
	"Kegiatan":                           "Events",
	"Transaksi":                          "Deals",
	"Catat Transaksi":                    "Record a deal",
	"Audit":                              "Audit",
	"Organisasi Mitra":                   "Partner organisations",
	"Masuk":                              "Log in",
	"— pilih —":                          "— choose —",
	"Keluar":                             "Log out",
}
