package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/complement"
)

func cmdStatistics(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.statistics"))
		return nil
	}
	if args[0] != "coverage" {
		return e.usage("cli.unknown_sub", args[0])
	}
	fs := newFlagSet("statistics coverage", "dagang statistics coverage [--db dagang.db] [--json]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	in, err := loadAnalysis(ctx, e, *dsn)
	if err != nil {
		return err
	}
	cv := in.Coverage(dagang.Today().Year)
	if *asJSON {
		return printJSON(e.stdout, cv)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 1, ' ', 0)
	fmt.Fprintf(w, "Kode\tProvinsi\t%s\n", strings.Join(cv.Commodities, "\t"))
	for i, p := range cv.Provinces {
		cells := make([]string, len(cv.Cells[i]))
		for j, c := range cv.Cells[i] {
			cells[j] = coverageCell(c)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", p.Code, p.ShortName, strings.Join(cells, "\t"))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nSel: posisi (S surplus, D defisit, = seimbang, ? belum diketahui) dan tahun produksi; ! = ada kekosongan.")
	for _, c := range cv.Commodities {
		fmt.Fprintf(e.stdout, "%s: %d dari %d provinsi dengan posisi dari statistik.\n", c, cv.Decided[c], len(cv.Provinces))
	}
	fmt.Fprintln(e.stdout, "\nKekosongan:")
	for _, row := range cv.Cells {
		for _, c := range row {
			if c.Gap != "" {
				fmt.Fprintf(e.stdout, "  %s %s: %s\n", c.Province, c.Commodity, c.Gap)
			}
		}
	}
	fmt.Fprintln(e.stdout, "\nYang dapat diimpor dinas (dagang import statistics BERKAS.csv; semua baris atau tidak sama sekali):")
	for _, l := range cv.Layouts {
		fmt.Fprintf(e.stdout, "  %s: %s\n    mengisi: %s\n", l.Name, l.Header, l.Fills)
	}
	return nil
}

// coverageCell writes a cell in a few characters: state, production year
// and a mark when something is missing.
func coverageCell(c analysis.CoverageCell) string {
	s := map[complement.State]string{complement.Surplus: "S", complement.Deficit: "D", complement.Balanced: "=", complement.Unknown: "?"}[c.State]
	if c.Production != nil {
		s += fmt.Sprint(c.Production.Year)
	}
	if c.Gap != "" {
		s += "!"
	}
	return s
}
