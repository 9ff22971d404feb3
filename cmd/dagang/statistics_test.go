package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatisticsCoverage prints the commodities × provinces grid with its
// gaps and the layouts an office can import.
func TestStatisticsCoverage(t *testing.T) {
	ctx := context.Background()
	db := newDemoDB(t)
	out, err := runCmd(t, ctx, nil, "statistics", "coverage", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"63   Kalsel           S2024",        // rice decided by BPS 2024
		"beras: 38 dari 38 provinsi",         // padi 2024 covers all 38
		"31 telur: produksi belum ada",       // BPS "-" for Jakarta, not filled
		"sebelum pemekaran Papua 2022",       // old-territory rows shown as a gap
		"kemendagri_code,province,commodity", // importable layout
	} {
		if !strings.Contains(out, want) {
			t.Errorf("coverage lacks %q:\n%s", want, out)
		}
	}
	if _, err := runCmd(t, ctx, nil, "statistics", "gaps", "--db", db); err == nil {
		t.Error("unknown subcommand accepted")
	}
}

// TestImportNewerTables loads what an office would: a BPS province table
// with its bps_code column and a "-" cell, and a newer price table, which
// replaces the embedded one in the price gaps; a bad cell refuses the file
// naming row and column.
func TestImportNewerTables(t *testing.T) {
	ctx := context.Background()
	db := newDemoDB(t)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	prod := write("telur_2023.csv", "kemendagri_code,province,commodity,measure,year,value,unit,status,publisher,source_url,note,bps_code\n"+
		"64,Kalimantan Timur,eggs,telur_ayam_ras_petelur_production,2023,30111.5,ton,as published,BPS,https://kaltim.bps.go.id/telur-2023,,64\n"+
		"31,DKI Jakarta,eggs,telur_ayam_ras_petelur_production,2023,,ton,as published,BPS,https://kaltim.bps.go.id/telur-2023,'-' in source,31\n")
	out, err := runCmd(t, ctx, nil, "import", "statistics", "--db", db, prod)
	if err != nil || !strings.Contains(out, "1 baris statistik disimpan") {
		t.Fatalf("import production (%v): %s", err, out)
	}
	head := "kemendagri_code,bps_code,province,commodity,item,price_level,date,value,unit,statistic,publisher,source_url,note\n"
	row := func(code, value string) string {
		return code + "," + code + ",P,rice,Beras Premium,consumer,2025-06-30," + value + ",Rp/kg,geometric mean,Badan Pangan Nasional,https://panelharga.badanpangan.go.id/,\n"
	}
	if _, err := runCmd(t, ctx, nil, "import", "statistics", "--db", db, write("bad.csv", head+row("63", "14000")+row("64", "mahal"))); err == nil ||
		!strings.Contains(err.Error(), "baris 3, kolom 8 (value)") {
		t.Fatalf("bad price table: %v", err)
	}
	out, err = runCmd(t, ctx, nil, "import", "statistics", "--db", db, write("harga.csv", head+row("63", "14000")+row("64", "15500")))
	if err != nil || !strings.Contains(out, "prices (2 baris)") {
		t.Fatalf("import prices (%v): %s", err, out)
	}
	rank, err := runCmd(t, ctx, nil, "partners", "rank", "--db", db, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Candidates []struct {
			Province struct{ Code string } `json:"province"`
			Gaps     []struct {
				Date string `json:"date"`
				Gap  int64  `json:"gap_rupiah_per_kg"`
			} `json:"price_gaps"`
		} `json:"candidates"`
	}
	if err := json.Unmarshal([]byte(rank), &r); err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Candidates {
		if c.Province.Code == "64" {
			if len(c.Gaps) != 1 || c.Gaps[0].Date != "2025-06-30" || c.Gaps[0].Gap != 1500 {
				t.Errorf("Kaltim price gaps after the import = %+v", c.Gaps)
			}
			return
		}
	}
	t.Error("no Kaltim candidate")
}

// TestRankWithoutDatabase ranks on the embedded statistics when the
// database does not exist yet, and leaves no file behind.
func TestRankWithoutDatabase(t *testing.T) {
	ctx := context.Background()
	missing := filepath.Join(t.TempDir(), "dagang.db")
	out, err := runCmd(t, ctx, nil, "partners", "rank", "--db", missing, "--home", "63", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"rupiah": 31660000000000`) || !strings.Contains(out, `"positions"`) {
		t.Errorf("ranking without a database lacks the observed trade or the positions: %.300s", out)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a database was created at %s: %v", missing, err)
	}
	if _, err := runCmd(t, ctx, nil, "partners", "rank", "--db", missing); err == nil {
		t.Error("ranking without a database and without --home accepted")
	}
}
