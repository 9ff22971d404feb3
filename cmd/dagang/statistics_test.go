package main

import (
	"context"
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
