package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/money"
	"github.com/dagang/dagang/internal/report"
)

// reportDeals serves `dagang report deals|flows|stages`.
func reportDeals(ctx context.Context, e env, which string, args []string) error {
	fs := newFlagSet("report "+which, "dagang report "+which+" [--db dagang.db] [--year Y] [--json] [--office ID] [--rebuild]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	year := fs.Int("year", 0, "tahun (0 = semua tahun)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	rebuild := fs.Bool("rebuild", false, "hitung ulang tabel ringkasan dari semua transaksi dahulu")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year < 0 || *year > 2200 {
		return e.usage("cli.err.year", 1945, 2200)
	}
	db, oid, err := openOffice(ctx, e, *dsn, *officeID)
	if err != nil {
		return err
	}
	ctx = dagang.NewContextWithOffice(ctx, oid) // the command acts for this one office
	defer db.Close()
	if *rebuild {
		if err := db.RebuildDealRollup(ctx, oid); err != nil {
			return err
		}
	}
	rep, err := export.Report(ctx, db, oid, *year)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		switch which {
		case "flows":
			return enc.Encode(rep.Flows)
		case "stages":
			return enc.Encode(struct {
				ByProcessing []report.Row          `json:"by_processing"`
				Balance      []report.StageBalance `json:"balance"`
				ByStage      []report.Row          `json:"by_stage"`
			}{rep.ByProcessing, rep.Balance, rep.ByStage})
		}
		return enc.Encode(rep)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	defer w.Flush()
	head := "\tTrx\tDiumumkan\tDikonfirmasi\tMenunggu\tDitolak\tTerealisasi\t%\t\n"
	table := func(title string, rows []report.Row) {
		fmt.Fprintf(w, "%s%s", title, head)
		for _, r := range rows {
			fmt.Fprintf(w, "%s\t%s\t\n", r.Label, amountsText(r.Amounts))
		}
		fmt.Fprintln(w, "\t")
	}
	fmt.Fprintf(e.stdout, "%s.\n\n", rep.Headline)
	switch which {
	case "flows":
		fmt.Fprintf(w, "Dari\tKe\tArah%s", head)
		for _, f := range rep.Flows {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t\n", f.FromName, f.ToName, f.Direction.Label(), amountsText(f.Amounts))
		}
	case "stages":
		table("Tahap olahan", rep.ByProcessing)
		fmt.Fprintf(w, "Neraca tahap olahan\tKeluar (dijual)\tMasuk (dibeli)\tSelisih\t\n")
		for _, b := range rep.Balance {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t\n", b.Label, money.Format(b.OutIDR), money.Format(b.InIDR), money.Format(b.NetIDR))
		}
		fmt.Fprintln(w, "\t")
		table("Tahap transaksi", rep.ByStage)
	default:
		fmt.Fprintf(w, "Total%s", head)
		fmt.Fprintf(w, "Semua transaksi\t%s\t\n\t\n", amountsText(rep.Total))
		table("Arah", rep.ByDirection)
		table("Tahap transaksi", rep.ByStage)
		table("Kegiatan", rep.ByEvent)
		table("Provinsi mitra", rep.ByPartner)
		table("Komoditas", rep.ByCommodity)
		table("Tahun", rep.ByYear)
		fmt.Fprintf(w, "Pelaku usaha daerah bertransaksi\t%d\t\n", rep.BusinessesReached)
	}
	if rep.Total.Sample {
		fmt.Fprintln(w, "\nCatatan: sebagian nilai adalah data contoh.\t")
	}
	return nil
}

func amountsText(a report.Amounts) string {
	return strings.Join([]string{fmt.Sprint(a.Deals), money.Short(a.AnnouncedIDR), money.Short(a.ConfirmedIDR), money.Short(a.PendingIDR),
		money.Short(a.RejectedIDR), money.Short(a.RealisedIDR), fmt.Sprintf("%.1f", a.Rate*100)}, "\t")
}

// parseMonths reads "1,3,6,12".
func parseMonths(e env, s string) ([]int, error) {
	var out []int
	for _, p := range strings.Split(s, ",") {
		m, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || m <= 0 || m > 600 {
			return nil, e.usage("cli.err.months", p)
		}
		out = append(out, m)
	}
	return out, nil
}

func cmdFollowups(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("followups", "dagang followups [--db dagang.db] [--due-before TTTT-BB-HH] [--today TTTT-BB-HH] [--months 1,3,6,12] [--json]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	dueBefore := fs.String("due-before", "", "tampilkan yang jatuh tempo sampai tanggal ini (bawaan: hari ini)")
	today := fs.String("today", "", "tanggal hari ini (bawaan: tanggal sistem)")
	months := fs.String("months", "1,3,6,12", "bulan tindak lanjut setelah tanggal transaksi")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// The office's day, unless --today names another.
	f := dagang.FollowUpFilter{Today: dagang.Today()}
	var err error
	if f.Months, err = parseMonths(e, *months); err != nil {
		return err
	}
	for _, d := range []struct {
		s   string
		v   *dagang.Date
		flg string
	}{{*dueBefore, &f.DueBefore, "--due-before"}, {*today, &f.Today, "--today"}} {
		if d.s == "" {
			continue
		}
		if *d.v, err = dagang.ParseDate(d.s); err != nil {
			return usageError{d.flg + ": " + dagang.ErrorMessage(err, e.lang)}
		}
	}
	db, oid, err := openOffice(ctx, e, *dsn, *officeID)
	if err != nil {
		return err
	}
	ctx = dagang.NewContextWithOffice(ctx, oid) // the command acts for this one office
	defer db.Close()
	f.OfficeID = oid
	fus, err := db.FindFollowUps(ctx, f)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(fus)
	}
	if len(fus) == 0 {
		fmt.Fprintln(e.stdout, "Tidak ada tindak lanjut yang jatuh tempo.")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Jatuh tempo\tStatus\tBulan ke-\tTransaksi\tPelaku usaha\tMitra\tNilai\tTerbayar")
	for _, x := range fus {
		fmt.Fprintf(w, "%s\t%s\t%d\t#%d\t%s\t%s\t%s\t%s\n", x.Due, x.Status.Label(), x.Months, x.DealID, x.BusinessName, x.CounterpartName, money.Short(x.ValueIDR), money.Short(x.PaidIDR))
	}
	return w.Flush()
}

func cmdExport(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.export"))
		return nil
	}
	if args[0] != "deals" {
		return e.usage("cli.unknown_sub", args[0])
	}
	fs := newFlagSet("export deals", "dagang export deals [--db dagang.db] --format xlsx|csv|pdf --out BERKAS [--no-personal] [--year Y]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	format := fs.String("format", "", "xlsx, csv atau pdf (bawaan: dari akhiran --out)")
	out := fs.String("out", "", "berkas keluaran; - untuk stdout")
	noPersonal := fs.Bool("no-personal", false, "tanpa data pribadi (nama, telepon, email kontak)")
	year := fs.Int("year", 0, "tahun (0 = semua tahun)")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" {
		return e.usage("cli.err.out_required")
	}
	if *format == "" {
		*format = strings.TrimPrefix(filepath.Ext(*out), ".")
	}
	if *format != "xlsx" && *format != "csv" && *format != "pdf" {
		return e.usage("cli.err.format")
	}
	db, oid, err := openOffice(ctx, e, *dsn, *officeID)
	if err != nil {
		return err
	}
	ctx = dagang.NewContextWithOffice(ctx, oid) // the command acts for this one office
	defer db.Close()
	return writeOut(*out, e.stdout, func(w io.Writer) error {
		return exportDeals(ctx, db, oid, *year, *format, export.Options{NoPersonal: *noPersonal}, w)
	})
}

// exportDeals writes one export of an office's deals.
func exportDeals(ctx context.Context, st export.Store, officeID int64, year int, format string, opt export.Options, w io.Writer) error {
	src := export.Deals(st, officeID, year)
	if format == "csv" {
		return export.CSV(ctx, w, src, opt)
	}
	rep, err := export.Report(ctx, st, officeID, year)
	if err != nil {
		return err
	}
	if format == "pdf" {
		return export.PDF(w, rep)
	}
	return export.XLSX(ctx, w, rep, src, opt)
}

// writeOut writes to path (or stdout for "-") through a buffer, removing a
// half-written file on failure.
func writeOut(path string, stdout io.Writer, fn func(io.Writer) error) error {
	if path == "-" {
		return fn(stdout)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// importRecords serves `dagang import deals|businesses|buyers FILE`.
func importRecords(ctx context.Context, e env, kind importer.Kind, args []string) error {
	fs := newFlagSet("import "+string(kind), "dagang import "+string(kind)+" [--db dagang.db] BERKAS.xlsx|BERKAS.csv  |  --template BERKAS.xlsx|.csv", e)
	dsn := dbFlag(fs, e, "dagang.db")
	template := fs.String("template", "", "tulis templat kosong ke berkas ini lalu selesai")
	quiet := fs.Bool("quiet", false, "tanpa bilah kemajuan")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	update := fs.Bool("update", false, "perbarui pelaku usaha atau mitra yang sudah tercatat (NIB atau nama yang sama) alih-alih menolaknya")
	force := fs.Bool("force", false, "transaksi: simpan juga kemungkinan duplikat dari transaksi yang sudah tercatat")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *template != "" {
		format := "xlsx"
		if strings.HasSuffix(*template, ".csv") {
			format = "csv"
		}
		return writeOut(*template, e.stdout, func(w io.Writer) error { return importer.Template(w, kind, format) })
	}
	if fs.NArg() != 1 {
		return e.usage("cli.err.one_file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("%s: %w", e.say("cli.err.read", fs.Arg(0)), err)
	}
	defer f.Close()
	db, oid, err := openOffice(ctx, e, *dsn, *officeID)
	if err != nil {
		return err
	}
	ctx = dagang.NewContextWithOffice(ctx, oid) // the command acts for this one office
	defer db.Close()
	bar := &progressBar{w: e.stderr, quiet: *quiet}
	res, err := importer.Run(ctx, db, kind, f, importer.Options{OfficeID: oid, Source: filepath.Base(fs.Arg(0)), Progress: bar.show, Update: *update, Force: *force})
	bar.done()
	if err != nil {
		return problemsError(e, err)
	}
	fmt.Fprintln(e.stdout, locale.Plural(e.lang, "cli.import.done", res.Rows, res.Rows, e.say("import.kind."+string(kind)), fs.Arg(0)))
	return nil
}

// problemsError prints every problem of a failed import, one a line.
func problemsError(e env, err error) error {
	var de *dagang.Error
	if x, ok := err.(*dagang.Error); ok {
		de = x
	}
	if de == nil || len(de.Fields) == 0 {
		return err
	}
	for _, f := range de.Fields {
		fmt.Fprintf(e.stderr, "  %s: %s\n", f.Field, f.Message)
	}
	return fmt.Errorf("%s", de.Message)
}

// progressBar draws the import's progress on one terminal line.
type progressBar struct {
	w     io.Writer
	quiet bool
	drawn bool
}

func (b *progressBar) show(p importer.Progress) {
	if b.quiet {
		return
	}
	b.drawn = true
	if p.Total <= 0 {
		fmt.Fprintf(b.w, "\rmembaca dan memeriksa: %d baris", p.Done)
		return
	}
	const width = 30
	filled := width * p.Done / p.Total
	label := "memeriksa"
	if p.Phase == "simpan" {
		label = "menyimpan"
	}
	fmt.Fprintf(b.w, "\r%-10s [%s%s] %3d%% %d/%d", label, strings.Repeat("#", filled), strings.Repeat(".", width-filled), 100*p.Done/p.Total, p.Done, p.Total)
}

func (b *progressBar) done() {
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}
