package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang/internal/agenda"
)

func cmdAgenda(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.agenda"))
		return nil
	}
	switch args[0] {
	case "solve":
		return agendaSolve(ctx, e, args[1:])
	case "print":
		return agendaPrint(ctx, e, args[1:])
	case "repair":
		return agendaRepair(ctx, e, args[1:])
	}
	return e.usage("cli.unknown_sub", args[0])
}

func agendaSolve(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("agenda solve", "dagang agenda solve --event ID [--db dagang.db] [--time-limit 5s] [--seed N] [--iterations N] [--json]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	eventID := fs.Int64("event", 0, "id kegiatan")
	limit := fs.Duration("time-limit", 5*time.Second, "batas waktu pencarian")
	seed := fs.Uint64("seed", 1, "benih acak: hasil sama untuk benih dan batas iterasi yang sama")
	iters := fs.Int64("iterations", 0, "batas iterasi (0 = sampai batas waktu)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *eventID <= 0 {
		return e.usage("cli.err.event_required")
	}
	if *limit <= 0 || *limit > time.Hour {
		return e.usage("cli.err.time_limit")
	}
	db, err := openExisting(ctx, *dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := agenda.Solve(ctx, db, *eventID, agenda.Options{TimeLimit: *limit, Seed: *seed, Iterations: *iters})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(e.stdout, "Terjadwal %d dari %d pertemuan (%d terkunci); bobot %d, batas atas terbukti %d; jeda %d; %d ms\n",
		res.Scheduled, res.Requested, res.Locked, res.Weight, res.WeightBound, res.Breaks, res.ElapsedMS)
	if len(res.Unscheduled) > 0 {
		fmt.Fprintf(e.stdout, "Belum terjadwal: %s\n", strings.Join(res.Unscheduled, "; "))
	}
	return nil
}

func agendaPrint(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("agenda print", "dagang agenda print --event ID [--db dagang.db] [--out agenda.pdf] [--participant ID,…] [--tables] [--grid] [--lang id|en]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	eventID := fs.Int64("event", 0, "id kegiatan")
	out := fs.String("out", "", "berkas PDF (bawaan: agenda-<event>.pdf; - untuk stdout)")
	who := fs.String("participant", "", "id peserta (participation), dipisah koma; bawaan: semua peserta yang punya pertemuan")
	tables := fs.Bool("tables", false, "cetak kartu meja")
	grid := fs.Bool("grid", false, "cetak jadwal lengkap")
	lang := fs.String("lang", "id", "bahasa PDF: id atau en")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *lang != "id" && *lang != "en" {
		return e.usage("cli.err.lang")
	}
	if *eventID <= 0 {
		return e.usage("cli.err.event_required")
	}
	what := agenda.Print{Tables: *tables, Grid: *grid}
	for _, s := range strings.Split(*who, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return e.usage("cli.err.participant", s)
		}
		what.Participants = append(what.Participants, id)
	}
	if len(what.Participants) == 0 && !*tables && !*grid {
		what = agenda.Print{AllParticipants: true, Tables: true, Grid: true}
	}
	what.Lang = *lang
	db, err := openExisting(ctx, *dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := agenda.Load(ctx, db, *eventID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := agenda.WritePDF(&buf, a, what); err != nil {
		return err
	}
	if *out == "-" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	path := *out
	if path == "" {
		path = fmt.Sprintf("agenda-%d.pdf", *eventID)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Agenda %s: %d pertemuan, ditulis ke %s\n", a.Event.Name, len(a.Meetings), path)
	return nil
}

func agendaRepair(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("agenda repair", "dagang agenda repair --event ID [--db dagang.db] [--from SLOT] [--dry-run] [--json]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	eventID := fs.Int64("event", 0, "id kegiatan")
	from := fs.Int("from", 0, "sesi pertama yang boleh berubah, mulai 1 (bawaan: sesudah sesi terakhir yang sudah ditandai)")
	dry := fs.Bool("dry-run", false, "tampilkan perbaikan tanpa menyimpan")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *eventID <= 0 {
		return e.usage("cli.err.event_required")
	}
	if *from < 0 {
		return e.usage("cli.err.repair_from")
	}
	db, err := openExisting(ctx, *dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := agenda.RepairDay(ctx, db, *eventID, agenda.RepairOptions{Now: *from - 1, DryRun: *dry})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONTo(e.stdout, res)
	}
	fmt.Fprintf(e.stdout, "Perbaikan dari sesi %d: %d pertemuan berubah (%d dipindah, %d batal), %d ditambah; bobot %d; jeda %d; %d peserta terdampak, %d tidak berubah; %d ms\n",
		res.Now+1, res.Changes, len(res.Moved), len(res.Dropped), len(res.Added), res.Weight, res.Breaks, len(res.Affected), res.Unchanged, res.ElapsedMS)
	for _, l := range []struct {
		title string
		items []string
	}{{"Dipindah / moved", res.Moved}, {"Batal / dropped", res.Dropped}, {"Ditambah / added", res.Added}} {
		for _, it := range l.items {
			fmt.Fprintf(e.stdout, "  %s: %s\n", l.title, it)
		}
	}
	for _, a := range res.Affected {
		fmt.Fprintf(e.stdout, "  Terdampak / affected: %s\n", a.Name)
	}
	if *dry {
		fmt.Fprintln(e.stdout, "(--dry-run: tidak disimpan / not stored)")
	}
	return nil
}
