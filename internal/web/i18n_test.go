package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang/internal/locale"
)

// TestTranslations checks that every interface text of the pages has an
// English translation in the catalogue (internal/locale): the literals
// templates and handlers pass to T, the labels of fields, filters, enums
// and sections, and the title of every page.
func TestTranslations(t *testing.T) {
	lit := regexp.MustCompile(`\.T "([^"]+)"`)
	goLit := regexp.MustCompile(`(?:translate\([a-zA-Z.]+, |\.T\()"((?:[^"\\]|\\.)+)"\)`)
	var missing []string
	need := func(where, id string) {
		if !locale.HasText(id) {
			missing = append(missing, where+": "+id)
		}
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range names {
		b, err := fs.ReadFile(templateFiles, path)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(path, "templates/"), ".html")
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			need(name+".html", m[1])
		}
		if !strings.HasPrefix(name, "_") && name != "layout" {
			if title := pageTitle(name); title == "" {
				missing = append(missing, "title: no message page."+name)
			} else {
				need("title", title)
			}
		}
	}
	sources, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range sources {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goLit.FindAllStringSubmatch(string(b), -1) {
			id, err := strconv.Unquote(`"` + m[1] + `"`)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			need(path, id)
		}
	}
	for _, labels := range []map[string]string{businessLabels, dealLabels, eventLabels, entityLabels} {
		for _, id := range labels {
			need("labels", id)
		}
	}
	for _, s := range navSections {
		need("navigation", s.label)
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
