package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/schedule"
)

// cmdSchedule runs the meeting scheduler: solve, check and gen.
func cmdSchedule(ctx context.Context, e env, args []string) error {
	usage := "dagang schedule <solve|check|gen> [opsi]"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.schedule"))
		return nil
	}
	switch args[0] {
	case "solve":
		return scheduleSolve(ctx, e, args[1:])
	case "check":
		return scheduleCheck(e, args[1:])
	case "gen":
		return scheduleGen(e, args[1:])
	}
	return usageError{e.say("cli.unknown_sub", args[0]) + "; " + usage}
}

// parseArgs parses flags that may come before, between or after the
// positional arguments, and returns the positional ones.
func parseArgs(fs *flagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func scheduleSolve(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("schedule solve", "dagang schedule solve INSTANCE.json [--out SCHEDULE.json] [--time-limit 10s] [--fairness D] [--seed N] [--iterations N]", e)
	out := fs.String("out", "", "berkas jadwal keluaran (bawaan: stdout)")
	limit := fs.Duration("time-limit", 10*time.Second, "batas waktu")
	fair := fs.Int("fairness", -1, "batas selisih jeda antarpeserta, -1 tanpa batas")
	seed := fs.Uint64("seed", 1, "benih acak")
	iters := fs.Int64("iterations", 0, "batas upaya pencarian, 0 tanpa batas")
	quiet := fs.Bool("quiet", false, "tanpa laporan kemajuan")
	lp := fs.String("write-lp", "", "hanya tulis model MIP (format LP) ke berkas ini")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return e.usage("cli.err.solve_args")
	}
	inst, err := readInstanceFile(pos[0])
	if err != nil {
		return err
	}
	if *lp != "" {
		f, err := os.Create(*lp)
		if err != nil {
			return err
		}
		if err := schedule.WriteLP(f, inst, *fair, false); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	opt := schedule.Options{TimeLimit: *limit, Fairness: *fair, Seed: *seed, Iterations: *iters}
	if !*quiet {
		last := time.Duration(-1)
		opt.Progress = func(p schedule.Progress) {
			if p.Elapsed-last < 500*time.Millisecond {
				return
			}
			last = p.Elapsed
			fmt.Fprintf(e.stderr, "%7.2fs %-6s bobot/weight %d/%d jeda/breaks %d (≥%d)\n", p.Elapsed.Seconds(),
				p.Phase, p.Objective.Weight, p.Bound.Weight, p.Objective.Breaks, p.Bound.Breaks)
		}
	}
	sc, solveErr := schedule.Solve(ctx, inst, opt)
	if sc == nil {
		return solveErr
	}
	if err := writeJSON(e, *out, sc); err != nil {
		return err
	}
	if !*quiet {
		id, en := sc.Verdict()
		fmt.Fprintf(e.stderr, "terjadwal/scheduled %d/%d bobot/weight %d (batas/bound %d) jeda/breaks %d (batas bawah/lower bound %d) selisih/spread %d, %d ms: %s / %s\n",
			sc.Objective.Scheduled, len(inst.Meetings), sc.Objective.Weight, sc.Bound.Weight,
			sc.Objective.Breaks, sc.Bound.Breaks, sc.Objective.BreakSpread, sc.ElapsedMS, id, en)
	}
	return solveErr
}

func scheduleCheck(e env, args []string) error {
	fs := newFlagSet("schedule check", "dagang schedule check INSTANCE.json SCHEDULE.json", e)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return e.usage("cli.err.check_args")
	}
	inst, err := readInstanceFile(pos[0])
	if err != nil {
		return err
	}
	sc, err := readScheduleFile(pos[1])
	if err != nil {
		return err
	}
	obj, cerr := schedule.Check(inst, sc)
	res := struct {
		Instance string `json:"instance"`
		Feasible bool   `json:"feasible"`
		schedule.Objective
	}{inst.Name, cerr == nil, obj}
	if err := json.NewEncoder(e.stdout).Encode(res); err != nil {
		return err
	}
	return cerr
}

func scheduleGen(e env, args []string) error {
	fs := newFlagSet("schedule gen", "dagang schedule gen [--participants 200] [--requests 2000] [--slots 16] [--tables 0] [--seed 1] [--out FILE]", e)
	var g schedule.GenOptions
	fs.IntVar(&g.Participants, "participants", 200, "jumlah peserta")
	fs.IntVar(&g.Requests, "requests", 2000, "jumlah permintaan pertemuan")
	fs.IntVar(&g.Slots, "slots", 16, "jumlah slot")
	fs.IntVar(&g.Tables, "tables", 0, "jumlah meja, 0 otomatis")
	fs.Uint64Var(&g.Seed, "seed", 1, "benih acak")
	out := fs.String("out", "", "berkas keluaran (bawaan: stdout)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return e.usage("cli.err.gen_args")
	}
	inst, err := schedule.Generate(g)
	if err != nil {
		return err
	}
	return writeJSON(e, *out, inst)
}

func readInstanceFile(path string) (*schedule.Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, dagang.Errorf(dagang.EINVALID, "tidak dapat membuka %s", "cannot open %s", path)
	}
	defer f.Close()
	inst, err := schedule.ReadInstance(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return inst, nil
}

func readScheduleFile(path string) (*schedule.Schedule, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, dagang.Errorf(dagang.EINVALID, "tidak dapat membuka %s", "cannot open %s", path)
	}
	var sc schedule.Schedule
	if err := json.Unmarshal(b, &sc); err != nil {
		return nil, dagang.Errorf(dagang.EINVALID, "%s bukan jadwal JSON yang sah: %v", "%s is not a valid JSON schedule: %v", path, err)
	}
	if sc.Format != schedule.ScheduleFormat {
		return nil, dagang.Errorf(dagang.EINVALID, "%s: format harus %q", "%s: format must be %q", path, schedule.ScheduleFormat)
	}
	return &sc, nil
}

// writeJSON writes v to the named file, or to stdout when path is empty.
func writeJSON(e env, path string, v any) error {
	var w io.Writer = e.stdout
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	enc := json.NewEncoder(w)
	if err := enc.Encode(v); err != nil {
		return errors.Join(dagang.Errorf(dagang.EINTERNAL, "gagal menulis keluaran", "writing the output failed"), err)
	}
	return nil
}
