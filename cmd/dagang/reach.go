package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/mission"
)

// reportReach prints how widely the office's events reached local
// businesses: per year and in total, the share of registered businesses,
// the regencies covered and the repeat rate.
func reportReach(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("report reach", "dagang report reach [--db dagang.db] [--json] [--office ID]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, oid, err := openOffice(ctx, e, *dsn, *officeID)
	if err != nil {
		return err
	}
	ctx = dagang.NewContextWithOffice(ctx, oid) // the command acts for this one office
	defer db.Close()
	r, err := mission.ComputeReach(ctx, db, oid)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONTo(e.stdout, r)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "Jangkauan pelaku usaha\n\n")
	fmt.Fprintln(w, "Tahun\tKegiatan\tPelaku usaha\tBaru\tKumulatif")
	for _, y := range r.Years {
		fmt.Fprintf(w, "%d\t%d\t%d\t%d\t%d\n", y.Year, y.Events, y.Businesses, y.New, y.Cumulative)
	}
	fmt.Fprintf(w, "\nTotal pelaku usaha berbeda\t%d dari %d terdaftar (%.0f%%)\n", r.Total, r.Registered, r.Share*100)
	fmt.Fprintf(w, "Kabupaten/kota terjangkau\t%d dari %d\n", r.Regencies, r.HomeRegencies)
	fmt.Fprintf(w, "Ikut lebih dari satu tahun\t%d (%.0f%%)\n", r.Repeaters, r.RepeatRate*100)
	return w.Flush()
}
