package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/dagang/dagang/internal/golden"
)

func TestDealsReportExportImportFollowups(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := newDemoDB(t)
	out, err := runCmd(t, ctx, nil, "report", "deals", "--db", db, "--rebuild")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang.") || !strings.Contains(out, "Penjualan") {
		t.Errorf("report deals:\n%s", out)
	}
	golden.Check(t, "deals.golden", []byte(out))
	out, err = runCmd(t, ctx, nil, "report", "flows", "--db", db, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var flows []struct {
		From, To     string
		AnnouncedIDR int64 `json:"announced_idr"`
	}
	if err := json.Unmarshal([]byte(out), &flows); err != nil || len(flows) == 0 {
		t.Fatalf("flows json: %v\n%s", err, out)
	}
	if out, err = runCmd(t, ctx, nil, "report", "stages", "--db", db, "--year", "2017"); err != nil || !strings.Contains(out, "setengah jadi") {
		t.Errorf("report stages: %v\n%s", err, out)
	}

	xlsx := filepath.Join(dir, "transaksi.xlsx")
	if _, err := runCmd(t, ctx, nil, "export", "deals", "--db", db, "--out", xlsx, "--no-personal"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Transaksi")
	f.Close()
	if len(rows) != 21 {
		t.Errorf("exported %d rows, want header + 20 deals", len(rows))
	}
	for _, format := range []string{"csv", "pdf"} {
		p := filepath.Join(dir, "t."+format)
		if _, err := runCmd(t, ctx, nil, "export", "deals", "--db", db, "--out", p); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s export empty: %v", format, err)
		}
	}
	if _, err := runCmd(t, ctx, nil, "export", "deals", "--db", db, "--out", filepath.Join(dir, "x.doc")); err == nil {
		t.Error("unknown format accepted")
	}

	tmpl := filepath.Join(dir, "templat.csv")
	if _, err := runCmd(t, ctx, nil, "import", "buyers", "--db", db, "--template", tmpl); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(tmpl)
	b = append(b, []byte("PT Pembeli Makassar,Sulawesi Selatan,buyer,,,\n")...)
	os.WriteFile(tmpl, b, 0o644)
	if out, err = runCmd(t, ctx, nil, "import", "buyers", "--db", db, "--quiet", tmpl); err != nil || !strings.Contains(out, "1 baris") {
		t.Errorf("import buyers: %v %s", err, out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("nama,provinsi\nPT X,Provinsi Antah\n"), 0o644)
	if _, err := runCmd(t, ctx, nil, "import", "buyers", "--db", db, bad); err == nil || !strings.Contains(err.Error(), "tidak ada data yang disimpan") {
		t.Errorf("bad import: %v", err)
	}

	out, err = runCmd(t, ctx, nil, "followups", "--db", db, "--today", "2017-01-01", "--due-before", "2017-01-31", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var fus []map[string]any
	if err := json.Unmarshal([]byte(out), &fus); err != nil || len(fus) != 8 {
		t.Errorf("followups: %v, %d\n%s", err, len(fus), out)
	}
}
