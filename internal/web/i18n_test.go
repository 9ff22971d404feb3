package web

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// myTemplates are the page templates whose texts go through T.
var translatedTemplates = []string{"layout", "_partials", "_deals", "dashboard", "agreements", "agreement", "commodities",
	"businesses", "business", "business_form", "events", "event", "event_form", "deals", "deal_form", "audit", "error"}

// TestTranslations checks that every interface text of the pages has an
// English translation: the literals templates pass to T, and the labels
// of fields, filters, enums and sections.
func TestTranslations(t *testing.T) {
	lit := regexp.MustCompile(`\.T "([^"]+)"`)
	var missing []string
	need := func(where, id string) {
		if _, ok := english[id]; !ok {
			missing = append(missing, where+": "+id)
		}
	}
	for _, name := range translatedTemplates {
		b, err := fs.ReadFile(templateFiles, "templates/"+name+".html")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			need(name+".html", m[1])
		}
	}
	for _, labels := range []map[string]string{businessLabels, dealLabels, eventLabels, enumLabels, entityLabels} {
		for _, id := range labels {
			need("labels", id)
		}
	}
	for _, s := range navSections {
		need("navigation", s.label)
	}
	for _, name := range []string{"dashboard", "error", "agreements", "agreement", "commodities", "businesses", "business",
		"business_form", "events", "event", "event_form", "deals", "deal_form", "audit", "login"} {
		need("title", pageTitles[name])
	}
	for _, id := range goTexts {
		need("code", id)
	}
	slices.Sort(missing)
	missing = slices.Compact(missing)
	if len(missing) > 0 {
		t.Errorf("%d texts have no English translation:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// goTexts are texts the handlers translate.
var goTexts = []string{"— pilih —", "Semua skala", "Semua kabupaten/kota", "Semua komoditas", "Semua arah", "Semua tahap",
	"Semua kegiatan", "Semua provinsi", "Tanpa kegiatan", "Semua jenis", "Semua status", "Semua data", "urutkan menurut", "Profil Usaha",
	"Bahasa", "Potensial", "Penjajakan", "Ditandatangani", "Aktif", "Berakhir", "Temu Bisnis", "Misi Dagang", "Pameran",
	"bahan mentah", "setengah jadi", "barang jadi", "Penjualan", "Pembelian", "Investasi",
	"Data ini sudah diubah orang lain sejak Anda membukanya. Pilih nilai yang disimpan untuk setiap kolom di bawah, lalu simpan lagi."}
