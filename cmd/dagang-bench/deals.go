package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/store"
	"github.com/xuri/excelize/v2"
)

// benchDeals generates deals into a fresh database and measures the deal
// report, the Excel export and the import, each beside its peer, printing
// Markdown for docs/BENCHMARKS.md.
func benchDeals(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet("deals", "dagang-bench deals [--db postgres://…] [--rows 1000000] [--import-rows 100000] [--naive-rows 5000] [--peer-rows 100000] [--runs 5]", stderr)
	dsn := fs.String("db", "", "PostgreSQL server (a throwaway schema is made); kosong: berkas SQLite sementara")
	rows := fs.Int("rows", 1_000_000, "transaksi buatan")
	importRows := fs.Int("import-rows", 100_000, "baris berkas impor")
	naiveRows := fs.Int("naive-rows", 5_000, "baris untuk pembanding simpan per baris")
	peerRows := fs.Int("peer-rows", 100_000, "baris untuk pembanding Excel tanpa streaming")
	runs := fs.Int("runs", 5, "ulangan untuk median")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	target, cleanup, err := benchTarget(ctx, *dsn)
	if err != nil {
		return err
	}
	defer cleanup()
	db, err := store.Open(ctx, target, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	w := stdout
	cpu := cpuModel()
	fmt.Fprintf(w, "store %s, %d deals, %s, nproc %d, %s, %s, load average at the start: %s\n\n", db.Dialect(), *rows, runtime.Version(), runtime.NumCPU(), cpu, time.Now().UTC().Format("2006-01-02"), loadAvg())
	gen, err := generate(ctx, db, *rows)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "generated %d deals in %s\n\n| measurement | ours | peer |\n|---|---|---|\n", *rows, gen.took.Round(time.Millisecond))

	// 1. The summary report: the rollup table against grouping the deals.
	ours := medianOf(*runs, func() error {
		_, err := export.Report(ctx, db, gen.office, 0)
		return err
	})
	peer := medianOf(min(*runs, 3), func() error {
		_, err := db.DealRollupScan(ctx, gen.office, 0)
		return err
	})
	fmt.Fprintf(w, "| deal report, all years, %d deals (median of %d) | %s (summary table) | %s (GROUP BY over deals, %d runs) |\n", *rows, *runs, ours.Round(time.Microsecond), peer.Round(time.Millisecond), min(*runs, 3))

	// 2. Excel export, each in its own process so its peak memory is its own.
	dir, err := os.MkdirTemp("", "dagang-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	full, err := child(ctx, "xlsx", "--db", target, "--rows", "0", "--mode", "stream", "--out", filepath.Join(dir, "all.xlsx"))
	if err != nil {
		return err
	}
	stream, err := child(ctx, "xlsx", "--db", target, "--rows", fmt.Sprint(*peerRows), "--mode", "stream", "--out", filepath.Join(dir, "s.xlsx"))
	if err != nil {
		return err
	}
	naive, err := child(ctx, "xlsx", "--db", target, "--rows", fmt.Sprint(*peerRows), "--mode", "naive", "--out", filepath.Join(dir, "n.xlsx"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "| Excel export, all %d deals, streamed (the export of `dagang export deals`): peak RSS / wall / CPU | %d MB / %s / %s | – |\n",
		*rows, full.rssMB, full.took.Round(time.Millisecond), full.cpu.Round(time.Millisecond))
	fmt.Fprintf(w, "| Excel export, %d deals: peak RSS / wall / CPU | %d MB / %s / %s (StreamWriter) | %d MB / %s / %s (excelize SetSheetRow, in memory) |\n",
		*peerRows, stream.rssMB, stream.took.Round(time.Millisecond), stream.cpu.Round(time.Millisecond), naive.rssMB, naive.took.Round(time.Millisecond), naive.cpu.Round(time.Millisecond))

	// 3. Import: the whole file in one batched transaction, against one
	// transaction per row (CreateDeal), measured on fewer rows.
	csvPath := filepath.Join(dir, "import.csv")
	if err := writeImportCSV(csvPath, gen, *importRows); err != nil {
		return err
	}
	var cpus []time.Duration
	imp := medianOf(min(*runs, 3), func() error {
		f, err := os.Open(csvPath)
		if err != nil {
			return err
		}
		defer f.Close()
		c0 := cpuTime()
		_, err = importer.Run(ctx, db, importer.Deals, f, importer.Options{OfficeID: gen.office, Source: "bench.csv", Force: true}) // the same file each run
		cpus = append(cpus, cpuTime()-c0)
		return err
	})
	slices.Sort(cpus)
	start, c0 := time.Now(), cpuTime()
	for i := 0; i < *naiveRows; i++ {
		d := gen.deal(mrand.New(mrand.NewPCG(uint64(i), 7)))
		if err := db.CreateDeal(ctx, d, true); err != nil { // force, as the import above
			return err
		}
	}
	n := time.Duration(max(*naiveRows, 1))
	perRow, perRowCPU := time.Since(start)/n, (cpuTime()-c0)/n
	fmt.Fprintf(w, "| import %d deals from CSV, checked, one transaction (median of %d): wall / CPU of this process | %s / %s | %s / %s per row with CreateDeal = %s / %s for %d rows (measured on %d) |\n",
		*importRows, min(*runs, 3), imp.Round(time.Millisecond), cpus[len(cpus)/2].Round(time.Millisecond), perRow.Round(time.Microsecond), perRowCPU.Round(time.Microsecond),
		(perRow * time.Duration(*importRows)).Round(time.Second), (perRowCPU * time.Duration(*importRows)).Round(time.Second), *importRows, *naiveRows)
	fmt.Fprintf(w, "\nload average at the end: %s\n", loadAvg())
	return nil
}

// benchTarget returns a DSN for a fresh database and its cleanup.
func benchTarget(ctx context.Context, dsn string) (string, func(), error) {
	if dsn == "" {
		dir, err := os.MkdirTemp("", "dagang-bench-db")
		if err != nil {
			return "", nil, err
		}
		return filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }, nil
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	var b [4]byte
	rand.Read(b[:])
	schema := "dagang_bench_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, err
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema, func() {
		admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	}, nil
}

// generated is what generate made.
type generated struct {
	office     int64
	events     []*dagang.Event
	businesses []int64
	bizNames   []string
	orgs       []int64
	orgNames   []string
	commods    []int64
	took       time.Duration
}

// deal returns a random deal over the generated records.
func (g *generated) deal(r *mrand.Rand) *dagang.Deal {
	ev := g.events[r.IntN(len(g.events))]
	d := &dagang.Deal{OfficeID: g.office, EventID: ev.ID, Direction: dagang.Directions[r.IntN(2)], BusinessID: g.businesses[r.IntN(len(g.businesses))],
		CounterpartID: g.orgs[r.IntN(len(g.orgs))], CommodityID: g.commods[r.IntN(len(g.commods))], Volume: float64(1 + r.IntN(1000)), Unit: "ton",
		ValueIDR: int64(1+r.IntN(10_000)) * 1_000_000, Stage: dagang.DealStages[r.IntN(4)], DealDate: ev.StartsOn,
		Confirmation: []dagang.Confirmation{dagang.ConfirmationPending, dagang.ConfirmationConfirmed, dagang.ConfirmationRejected}[r.IntN(3)], Sample: true}
	if r.IntN(10) == 0 {
		d.Direction, d.BusinessID = dagang.DirectionInvest, 0
	}
	return d
}

// generate loads the reference data and an office, then n random deals
// over 200 events, 2,000 businesses and 60 counterparts, in batches.
func generate(ctx context.Context, db *store.DB, n int) (*generated, error) {
	start := time.Now()
	cs, err := demo.LoadReference(ctx, db)
	if err != nil {
		return nil, err
	}
	o := &dagang.Office{Name: "Dinas Perdagangan (data uji)", HomeProvince: "63"}
	if err := db.CreateOffice(ctx, o); err != nil {
		return nil, err
	}
	g := &generated{office: o.ID}
	for _, c := range cs {
		g.commods = append(g.commods, c.ID)
	}
	slices.Sort(g.commods)
	idx, err := db.NameIndex(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	var regencies, provinces []string
	for code := range idx.Regencies {
		if strings.HasPrefix(code, "63.") {
			regencies = append(regencies, code)
		}
	}
	for code := range idx.Provinces {
		if code != "63" {
			provinces = append(provinces, code)
		}
	}
	slices.Sort(regencies)
	slices.Sort(provinces)
	var bs []*dagang.Business
	for i := range 2000 {
		bs = append(bs, &dagang.Business{Name: fmt.Sprintf("Usaha Uji %04d", i), RegencyCode: regencies[i%len(regencies)], Size: dagang.SizeSmall, Sample: true})
	}
	if err := db.ImportBusinesses(ctx, o.ID, bs, "bench", nil); err != nil {
		return nil, err
	}
	for _, b := range bs {
		g.businesses, g.bizNames = append(g.businesses, b.ID), append(g.bizNames, b.Name)
	}
	var os []*dagang.Organisation
	for i := range 60 {
		os = append(os, &dagang.Organisation{Name: fmt.Sprintf("Mitra Uji %02d", i), ProvinceCode: provinces[i%10], Kind: dagang.OrgBuyer, Sample: true})
	}
	if err := db.ImportOrganisations(ctx, o.ID, os, "bench", nil); err != nil {
		return nil, err
	}
	idx, err = db.NameIndex(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	for id, name := range idx.Orgs {
		g.orgs, g.orgNames = append(g.orgs, id), append(g.orgNames, name)
	}
	for i := range 200 {
		day := dagang.MustDate("2010-01-15").AddMonths(i * 16 / 20)
		ev := &dagang.Event{OfficeID: o.ID, Kind: dagang.EventTradeMission, Name: fmt.Sprintf("Misi Dagang Uji %03d", i), HostProvince: provinces[i%10],
			StartsOn: day, EndsOn: day, QuotaMatching: dagang.DefaultQuotaMatching, QuotaExhibitor: dagang.DefaultQuotaExhibitor, Sample: true}
		if err := db.CreateEvent(ctx, ev); err != nil {
			return nil, err
		}
		g.events = append(g.events, ev)
	}
	r := mrand.New(mrand.NewPCG(2019, 1))
	const chunk = 50_000
	for done := 0; done < n; done += chunk {
		ds := make([]*dagang.Deal, 0, chunk)
		for range min(chunk, n-done) {
			ds = append(ds, g.deal(r))
		}
		if err := db.ImportDeals(ctx, o.ID, ds, "bench", nil); err != nil {
			return nil, err
		}
	}
	g.took = time.Since(start)
	return g, nil
}

// writeImportCSV writes n deal rows naming generated records by name.
func writeImportCSV(path string, g *generated, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "tanggal,arah,kegiatan,pelaku_usaha,mitra,komoditas,volume,satuan,nilai,tahap,konfirmasi")
	r := mrand.New(mrand.NewPCG(7, 7))
	for range n {
		ev := g.events[r.IntN(len(g.events))]
		fmt.Fprintf(w, "%s,penjualan,%s,%s,%s,%d,%d,ton,Rp%d juta,kontrak,menunggu\n", ev.StartsOn, ev.Name, g.bizNames[r.IntN(len(g.bizNames))],
			g.orgNames[r.IntN(len(g.orgNames))], g.commods[r.IntN(len(g.commods))], 1+r.IntN(500), 1+r.IntN(9000))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func medianOf(runs int, fn func() error) time.Duration {
	var ds []time.Duration
	for range max(runs, 1) {
		start := time.Now()
		if err := fn(); err != nil {
			return -1
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

type childResult struct {
	took, cpu time.Duration
	rssMB     int64
}

// child runs this binary with args and returns its time and peak RSS.
func child(ctx context.Context, args ...string) (childResult, error) {
	exe, err := os.Executable()
	if err != nil {
		return childResult{}, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return childResult{}, err
	}
	// The child's rusage maxrss would count this (large) process: Go
	// starts children with vfork, and Linux keeps the parent's high-water
	// mark at exec. The child's own VmHWM is read from /proc instead, until
	// it exits.
	var hwm int64
	done, stop := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
		for {
			b, err := os.ReadFile(status)
			if err != nil {
				return
			}
			for _, l := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
					var kb int64
					fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
					hwm = max(hwm, kb)
				}
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	err = cmd.Wait()
	close(stop)
	<-done
	if err != nil {
		return childResult{}, fmt.Errorf("%s: %w", strings.Join(args, " "), err)
	}
	return childResult{took: time.Since(start), cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), rssMB: hwm / 1024}, nil
}

// benchXLSX writes the first --rows deals (0: all of them) to Excel,
// streamed (the export of `dagang export deals`) or in memory (every cell
// set on the workbook, then saved): the peer.
func benchXLSX(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet("xlsx", "dagang-bench xlsx --db DSN --rows N --mode stream|naive --out FILE", stderr)
	dsn := fs.String("db", "", "basis data")
	rows := fs.Int("rows", 100_000, "baris")
	mode := fs.String("mode", "stream", "stream atau naive")
	out := fs.String("out", "", "berkas keluaran")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	offices, err := db.FindOffices(ctx)
	if err != nil {
		return err
	}
	if len(offices) == 0 {
		return fmt.Errorf("%s has no office", *dsn)
	}
	office := offices[0]
	errEnough := fmt.Errorf("enough rows")
	capped := func(ctx context.Context, fn func(*dagang.DealRecord) error) error {
		n := 0
		err := export.Deals(db, office.ID, 0)(ctx, func(r *dagang.DealRecord) error {
			if n == *rows && *rows > 0 {
				return errEnough
			}
			n++
			return fn(r)
		})
		if err == errEnough {
			return nil
		}
		return err
	}
	opt := export.Options{NoPersonal: true}
	file, err := os.Create(*out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(file, 256<<10)
	write := func(w io.Writer) error {
		if *mode == "stream" {
			rep, err := export.Report(ctx, db, office.ID, 0)
			if err != nil {
				return err
			}
			return export.XLSX(ctx, w, rep, capped, opt)
		}
		f := excelize.NewFile()
		defer f.Close()
		row := 1
		hs := export.Headers(opt)
		hv := make([]any, len(hs))
		for i, h := range hs {
			hv[i] = h
		}
		f.SetSheetRow("Sheet1", "A1", &hv)
		err := capped(ctx, func(r *dagang.DealRecord) error {
			row++
			cell, _ := excelize.CoordinatesToCellName(1, row)
			vals := []any{r.ID, r.DealDate.String(), r.EventName, r.Direction.Label(), r.BusinessName, r.CounterpartName, r.CounterpartProv,
				r.CommodityName, string(r.CommodityStage), r.Volume, r.Unit, r.ValueIDR, string(r.Stage), string(r.Confirmation), r.PaidIDR,
				r.DeliveryFrom.String(), r.DeliveryTo.String(), r.Note, r.Sample}
			return f.SetSheetRow("Sheet1", cell, &vals)
		})
		if err != nil {
			return err
		}
		_, err = f.WriteTo(w)
		return err
	}
	if err := write(bw); err != nil {
		return errors.Join(err, file.Close())
	}
	return errors.Join(bw.Flush(), file.Close())
}
