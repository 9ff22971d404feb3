package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

func cmdReport(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.report"))
		return nil
	}
	switch args[0] {
	case "summary":
		return reportSummary(ctx, e, args[1:])
	case "reach":
		return reportReach(ctx, e, args[1:])
	case "deals", "flows", "stages":
		return reportDeals(ctx, e, args[0], args[1:])
	}
	return e.usage("cli.unknown_sub", args[0])
}

func reportSummary(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("report summary", "dagang report summary [--db dagang.db] [--year Y] [--json] [--office ID]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	year := fs.Int("year", 0, "tahun (0 = semua tahun)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year < 0 || *year > 2200 {
		return e.usage("cli.err.year", 2000, 2200)
	}
	db, err := openExisting(ctx, *dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	office, err := pickOffice(ctx, db, *officeID)
	if err != nil {
		return err
	}
	ctx = dagang.NewContextWithOffice(ctx, office.ID) // the command acts for this one office
	s, err := db.Summary(ctx, office.ID, *year)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	period := "semua tahun"
	if *year != 0 {
		period = fmt.Sprint("tahun ", *year)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "Ringkasan %s (%s)\n\n", office.Name, period)
	fmt.Fprintf(w, "Total transaksi %s dari %d kegiatan temu bisnis dan misi dagang.\n\n", money.Short(s.TransactionsIDR), s.Events)
	fmt.Fprintf(w, "Kegiatan dengan transaksi\t%d\n", s.Events)
	fmt.Fprintf(w, "Total transaksi\t%s\t(%s)\n", money.Format(s.TransactionsIDR), s.TransactionsText)
	fmt.Fprintf(w, "  %s\t%s\n", dagang.DirectionSell.Label(), money.Format(s.ByDirection.Sell))
	fmt.Fprintf(w, "  %s\t%s\n", dagang.DirectionBuy.Label(), money.Format(s.ByDirection.Buy))
	fmt.Fprintf(w, "  %s\t%s\n", dagang.DirectionInvest.Label(), money.Format(s.ByDirection.Invest))
	fmt.Fprintf(w, "Pelaku usaha dijangkau\t%d\n\nProvinsi mitra\n", s.BusinessesReached)
	for _, p := range s.Partners {
		fmt.Fprintf(w, "  %s %s\t%s\t%s\n", p.ProvinceCode, p.Name, p.Stage.Label(), money.Format(p.DealsIDR))
	}
	if len(s.EventTotals) > 0 {
		fmt.Fprintln(w, "\nKegiatan")
		for _, et := range s.EventTotals {
			mark := ""
			if et.Sample {
				mark = " (contoh)"
			}
			fmt.Fprintf(w, "  %d\t%s%s\t%s\n", et.Year, et.Name, mark, money.Format(et.TotalIDR))
		}
	}
	for _, t := range s.Targets {
		fmt.Fprintf(w, "\nTarget %d %s\t%d\tcapaian %d\n", t.Year, t.Kind, t.Value, t.Actual)
	}
	if s.SampleData {
		fmt.Fprintln(w, "\nCatatan: sebagian nilai adalah data contoh (ditandai 'contoh').")
	}
	return w.Flush()
}
