package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/refdata"
	"github.com/dagang/dagang/internal/store"
)

func cmdImport(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.import"))
		return nil
	}
	switch args[0] {
	case "statistics":
		return importStatistics(ctx, e, args[1:])
	case "deals", "businesses", "buyers", "organisations":
		kind, err := importer.ParseKind(args[0])
		if err != nil {
			return err
		}
		return importRecords(ctx, e, kind, args[1:])
	}
	return e.usage("cli.unknown_sub", args[0])
}

// importStatistics reads a statistics CSV in the layout of
// commodity_production_by_province.csv (second column "province", an
// optional bps_code column at the end) or of consumption_per_capita.csv
// (second column "scope") and stores all of its rows, or none. A trade or
// price table (the layouts of refdata.DetectLayout) is stored whole and
// replaces the embedded one.
func importStatistics(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("import statistics", "dagang import statistics [--db dagang.db] BERKAS.csv", e)
	dsn := dbFlag(fs, e, "dagang.db")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return e.usage("cli.err.one_csv")
	}
	b, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%s: %w", e.say("cli.err.read", fs.Arg(0)), err)
	}
	if layout := refdata.DetectLayout(b); layout != "" {
		return importReferenceTable(ctx, e, *dsn, layout, fs.Arg(0), b)
	}
	ss, err := parseStatisticsFile(b)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, *dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := refuseImported(ctx, db, ss); err != nil {
		return err
	}
	if err := db.ImportStatistics(ctx, ss); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d baris statistik disimpan dari %s.\n", len(ss), fs.Arg(0))
	return nil
}

// importReferenceTable stores a trade or price table that replaces the
// embedded one of its layout, all rows or none.
func importReferenceTable(ctx context.Context, e env, dsn, layout, path string, b []byte) error {
	db, err := openExisting(ctx, dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	t := &dagang.ReferenceTable{Layout: layout, Name: filepath.Base(path), Content: string(b)}
	if err := db.ImportReferenceTable(ctx, t); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Tabel %s (%d baris) dari %s disimpan; tabel ini menggantikan salinan bawaan.\n", layout, t.Rows, path)
	return nil
}

// refuseImported refuses the whole file when a figure of it is already
// stored (same province, measure, year and source), so that importing a
// file twice never counts its figures twice.
func refuseImported(ctx context.Context, db *store.DB, ss []*dagang.Statistic) error {
	have, err := demo.StoredStatisticKeys(ctx, db)
	if err != nil {
		return err
	}
	var v dagang.Validation
	for _, s := range ss {
		if id, ok := have[demo.KeyOf(s)]; ok {
			v.Add(fmt.Sprintf("%s %s %d", s.ProvinceCode, s.Measure, s.Year),
				fmt.Sprintf("sudah diimpor (statistik #%d dengan sumber yang sama)", id),
				fmt.Sprintf("already imported (statistic #%d with the same source)", id))
		}
	}
	return v.Err()
}

// parseStatisticsFile picks the parser by the header's second column.
func parseStatisticsFile(b []byte) ([]*dagang.Statistic, error) {
	first, _, _ := bytes.Cut(b, []byte("\n"))
	parse := complement.ParseProductionCSV
	if cols := strings.Split(string(first), ","); len(cols) > 1 && strings.TrimSpace(cols[1]) == "scope" {
		parse = complement.ParseConsumptionCSV
	}
	ev, err := parse(bufio.NewReader(bytes.NewReader(b)))
	if err != nil {
		return nil, err
	}
	ss := make([]*dagang.Statistic, len(ev))
	for i, x := range ev {
		ss[i] = complement.ToStatistic(x)
	}
	return ss, nil
}

func cmdPartners(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.partners"))
		return nil
	}
	switch args[0] {
	case "rank":
		return partnersRank(ctx, e, args[1:])
	case "validate":
		return partnersValidate(ctx, e, args[1:])
	}
	return e.usage("cli.unknown_sub", args[0])
}

func partnersRank(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("partners rank", "dagang partners rank [--db dagang.db] [--home 63] [--year Y] [--json]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	home := fs.String("home", "", "kode provinsi asal (bawaan: provinsi dinas)")
	year := fs.Int("year", 0, "abaikan bukti setelah tahun ini (0 = semua)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, done, err := openOrEmbedded(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer done()
	var oid int64 // no office: statistics only, no staff declarations
	office, err := pickOffice(ctx, db, *officeID)
	switch {
	case err == nil:
		oid = office.ID
		if *home == "" {
			*home = office.HomeProvince
		}
	case *home == "" || *officeID != 0 || dagang.ErrorCode(err) != dagang.ENOTFOUND:
		return err
	}
	opt := complement.DefaultOptions()
	opt.Year = *year
	r, err := analysis.Rank(ctx, db, oid, *home, opt)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, r)
	}
	return writeRanking(e.stdout, r)
}

// partnersValidate correlates, for every home province of the PAW 2022
// survey, the score computed from statistics with the trade it reported.
func partnersValidate(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("partners validate", "dagang partners validate [--db dagang.db] [--json]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	in, err := loadAnalysis(ctx, e, *dsn)
	if err != nil {
		return err
	}
	v, err := in.Validate(in.Observed, complement.DefaultOptions())
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e.stdout, v)
	}
	fmt.Fprintf(e.stdout, "Metode / method: %s.\n\n", v.Method)
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Kode\tProvinsi asal\tMitra\tTercatat\trho\tp")
	for _, h := range v.Homes {
		if !h.Computed {
			fmt.Fprintf(w, "%s\t%s\t%d\t%d\t–\t–\n", h.Home, h.Name, h.Partners, h.Listed)
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%+.3f\t%.4f\n", h.Home, h.Name, h.Partners, h.Listed, h.Rho, h.P)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\n%d provinsi dihitung; rata-rata rho %+.3f; %d positif; %d dengan p < 0,05.\n", v.Computed, v.MeanRho, v.Positive, v.Significant)
	for _, h := range v.Homes {
		for _, x := range h.Excluded {
			fmt.Fprintf(e.stdout, "Tidak dijumlahkan (%s): %s\n", h.Home, x)
		}
	}
	return nil
}

// writeRanking prints the ranking as text: every candidate with a flow,
// its flows and the evidence behind them, then the coverage gaps.
func writeRanking(out io.Writer, r *analysis.Ranking) error {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "Peringkat calon mitra %s (%d statistik, %d perkiraan konsumsi, %d pernyataan staf)\n\n", r.Home.Name, r.Statistics, r.Estimates, r.Declarations)
	fmt.Fprintln(w, "No\tProvinsi\tSkor\tKeyakinan\tJual\tBeli\tJarak")
	silent := 0
	for i, c := range r.Candidates {
		if len(c.Sell)+len(c.Buy) == 0 {
			silent++
			continue
		}
		fmt.Fprintf(w, "%d\t%s %s\t%.3f\t%.0f%%\t%s\t%s\t%s\n", i+1, c.Province.Code, c.Province.Name, c.Score, c.Confidence*100,
			flowNames(c.Sell), flowNames(c.Buy), distance(c.DistanceKm))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	for _, c := range r.Candidates {
		if len(c.Sell)+len(c.Buy) == 0 {
			continue
		}
		fmt.Fprintf(out, "\n%s (%s): %s\n", c.Province.Name, c.Province.Code, c.Reason)
		for _, f := range slices.Concat(c.Sell, c.Buy) {
			fmt.Fprintf(out, "  %s %s → %s\n", f.Name, f.From.Province, f.To.Province)
			for _, ev := range r.Cited(f.Evidence) {
				fmt.Fprintf(out, "    [%s] %s\n", ev.ID, evidenceLine(ev))
			}
		}
		if len(c.Missing) > 0 {
			fmt.Fprintf(out, "  Data belum ada untuk: %s\n", strings.Join(c.Missing, ", "))
		}
		for _, t := range c.ObservedTrade {
			fmt.Fprintf(out, "  Perdagangan teramati: %s %s (%s, dilaporkan %s, %s)%s\n", directionWord(t.Direction), t.Text, t.AsPublished, t.ReportedBy, t.YearText, flagText(t.Flag))
		}
	}
	fmt.Fprintf(out, "\n%d provinsi tanpa peluang yang terlihat dari data. %d dari %d calon memiliki data yang belum lengkap.\n", silent, r.WithMissing, len(r.Candidates))
	if len(r.HomeUnknown) > 0 {
		fmt.Fprintf(out, "Posisi %s sendiri belum diketahui untuk: %s.\n", r.Home.ShortName, strings.Join(r.HomeUnknown, ", "))
	}
	return nil
}

func flowNames(fs []complement.Flow) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	if len(names) == 0 {
		return "–"
	}
	return strings.Join(names, ", ")
}

func distance(km float64) string {
	if km < 0 {
		return "?"
	}
	return fmt.Sprintf("%.0f km", km)
}

// evidenceLine describes one piece of evidence in a line: the figure with
// its unit, year, status and source, or the declaration with who and when.
func evidenceLine(ev complement.Evidence) string {
	switch ev.Kind {
	case complement.SurplusDeclared, complement.NeedDeclared:
		kind := "surplus"
		if ev.Kind == complement.NeedDeclared {
			kind = "kebutuhan"
		}
		return fmt.Sprintf("pernyataan %s %s/%s: %q — %s, %s", kind, ev.Province, ev.Commodity, ev.Note, ev.Source.Person, ev.Source.Date)
	}
	v := "?"
	if ev.Value != nil {
		v = fmt.Sprintf("%.2f", *ev.Value)
	}
	status := string(ev.Status)
	if ev.StatusNote != "" && ev.StatusNote != status {
		status += " (" + ev.StatusNote + ")"
	}
	return fmt.Sprintf("%s %s/%s %d: %s %s, status %s, sumber %s %s", ev.Kind, ev.Province, ev.Commodity, ev.Year, v, ev.Unit, status, ev.Source.Publisher, ev.Source.URL)
}

func directionWord(d string) string {
	if d == complement.HomeSells {
		return "penjualan ke provinsi ini"
	}
	return "pembelian dari provinsi ini"
}

func flagText(flag string) string {
	if flag == "" {
		return ""
	}
	return " [DITANDAI: " + flag + "]"
}

// loadAnalysis reads the analysis input of a database (statistics of every
// office, no office's declarations) and closes it.
func loadAnalysis(ctx context.Context, e env, dsn string) (*analysis.Input, error) {
	db, done, err := openOrEmbedded(ctx, e, dsn)
	if err != nil {
		return nil, err
	}
	defer done()
	return analysis.Load(ctx, db, 0)
}

// openOrEmbedded opens an existing database. When the SQLite file does not
// exist, the analysis commands still answer from the statistics embedded in
// the binary: they load them into a temporary database, say so on stderr,
// and remove it when done. No file is created at dsn.
func openOrEmbedded(ctx context.Context, e env, dsn string) (*store.DB, func(), error) {
	if _, err := os.Stat(dsn); isPostgresDSN(dsn) || !errors.Is(err, os.ErrNotExist) {
		db, err := openExisting(ctx, dsn, newLogger(e))
		if err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	dir, err := os.MkdirTemp("", "dagang-embedded-")
	if err != nil {
		return nil, nil, err
	}
	db, err := store.Open(ctx, filepath.Join(dir, "embedded.db"), store.Options{Logger: newLogger(e)})
	if err == nil {
		_, err = demo.LoadReference(ctx, db)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		os.RemoveAll(dir)
		return nil, nil, err
	}
	fmt.Fprintf(e.stderr, "Basis data %s belum ada: jawaban dari statistik bawaan saja, tanpa pernyataan staf (database %s does not exist: embedded statistics only).\n", dsn, dsn)
	return db, func() { db.Close(); os.RemoveAll(dir) }, nil
}

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
