package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/dagang/dagang/internal/schedule"
)

// scheduleBench runs the published benchmark (and its variants) and the
// trade-office class, with first-fit greedy and optionally CBC as peers,
// and prints Markdown tables.
func benchSchedule(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet("schedule", "dagang-bench schedule [--dir ../shared/bench/b2b] [--time-limit 10s] [--clock cpu|wall] [--fairness 2] [--variants] [--trade] [--cbc-limit 0] [--cpus N] [--save DIR]", stderr)
	dir := fs.String("dir", "../shared/bench/b2b", "folder of the published benchmark")
	limit := fs.Duration("time-limit", 10*time.Second, "batas waktu per instans / time limit per instance")
	fair := fs.Int("fairness", 2, "batas selisih jeda / break spread bound (-1 none)")
	seed := fs.Uint64("seed", 1, "benih acak / random seed")
	originals := fs.Bool("originals", true, "jalankan 20 instans asli / run the 20 originals")
	variants := fs.Bool("variants", false, "jalankan juga 120 varian / also run the 120 variants")
	trade := fs.Bool("trade", false, "jalankan kelas kantor dagang / run the trade-office class")
	runs := fs.Int("runs", 3, "ulangan untuk median waktu kelas dagang / runs for the trade-office median")
	cbcLimit := fs.Duration("cbc-limit", 0, "batas waktu CBC, 0 tanpa CBC / CBC time limit, 0 skips CBC")
	cbcWeight := fs.Bool("cbc-weight-only", false, "kelas dagang: CBC pada model bobot saja / trade class: CBC on the weight-only model")
	cbcSame := fs.Bool("cbc-same", false, "CBC dengan batas waktu yang sama dengan kita / CBC under our own time limit")
	seeds := fs.Int("seeds", 3, "jumlah instans per ukuran kelas dagang / trade-office instances per size")
	cpuLimit := fs.Duration("cpu-limit", 0, "batas waktu CPU per instans (mesin bersama), 0 tanpa / CPU-time limit per instance (shared machine), 0 for none")
	clock := fs.String("clock", "cpu", "jam batas waktu: cpu (waktu CPU proses) atau wall / what the time limits measure: cpu (this process's CPU time) or wall")
	iters := fs.Int64("iterations", 0, "batas upaya pencarian per instans, 0 tanpa batas / search budget per instance, 0 for none")
	size := fs.Int("trade-size", 0, "kelas dagang: hanya ukuran dengan peserta sebanyak ini (200, 2000; 5000 hanya bila disebut), 0 semua / trade class: only the size with this many participants (200, 2000; 5000 only when named), 0 for all")
	rate := fs.Int64("trade-rate", 0, "kelas dagang: iterasi per detik batas waktu, 0 memakai jam / trade class: iterations per second of its limit, 0 uses the clock")
	only := fs.String("only", "", "hanya berkas yang namanya memuat teks ini / only files whose name contains this")
	save := fs.String("save", "", "folder untuk menyimpan jadwal / folder to save schedules in")
	cpus := fs.Int("cpus", 0, "GOMAXPROCS: inti yang dipakai solver, 0 semua / cores the solver may use (GOMAXPROCS), 0 for all")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// On a machine shared with other jobs, the CPU time of this process
	// is what an idle machine would give it in the same time.
	var clk func() time.Duration
	switch *clock {
	case "cpu":
		clk = cpuTime
	case "wall":
	default:
		return fmt.Errorf("--clock: %q is neither cpu nor wall", *clock)
	}
	w := stdout
	if *cpus > 0 {
		runtime.GOMAXPROCS(*cpus)
	}
	fmt.Fprintf(w, "load average at start: %s; GOMAXPROCS %d of %d CPUs\n", loadAvg(), runtime.GOMAXPROCS(0), runtime.NumCPU())
	if *originals || *variants {
		var sum struct{ files, complete, proven, breaks int }
		files, _ := filepath.Glob(filepath.Join(*dir, "*.json"))
		slices.Sort(files)
		fmt.Fprintf(w, "| instance | meetings | ours: placed | breaks | spread | bound | ms | cpu ms | greedy: placed | breaks | cbc: status | placed | breaks | s |\n")
		fmt.Fprintf(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
		for _, f := range files {
			orig := strings.HasSuffix(f, ".original.json")
			if (orig && !*originals) || (!orig && !*variants) || !strings.Contains(filepath.Base(f), *only) {
				continue
			}
			inst, err := readInstanceFile(f)
			if err != nil {
				fmt.Fprintf(w, "| %s | refused: %v |\n", filepath.Base(f), err)
				continue
			}
			opt := schedule.Options{TimeLimit: *limit, Fairness: *fair, Seed: *seed, Iterations: *iters, Clock: clk}
			cl := *cbcLimit
			if *cbcSame {
				cl = *limit
			}
			row, sc := benchRow(ctx, inst, opt, *save, cl, *cpuLimit)
			fmt.Fprintln(w, row)
			if sc != nil && len(sc.Unscheduled) == 0 {
				sum.complete++
				sum.breaks += sc.Objective.Breaks
				if _, b, ok := sc.Gap(); ok && b == 0 {
					sum.proven++
				}
			}
			sum.files++
		}
		fmt.Fprintf(w, "\n%d files: %d complete, %d of them proven optimal; %d breaks in all on the complete ones\n", sum.files, sum.complete, sum.proven, sum.breaks)
	}
	if *trade {
		fmt.Fprintf(w, "\n| class | seed | ours: weight | breaks | bound | %% of bound | weight ms | median ms | median cpu ms | greedy: weight | breaks | ours vs greedy | cbc: status | weight | breaks | s |\n")
		fmt.Fprintf(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
		for _, c := range []struct {
			g        schedule.GenOptions
			limit    time.Duration
			explicit bool // runs only when --trade-size names it
		}{
			{schedule.GenOptions{Participants: 200, Requests: 2000, Slots: 16, Tables: 80}, time.Second, false},
			{schedule.GenOptions{Participants: 2000, Requests: 20000, Slots: 16, Tables: 600}, 5 * time.Second, false},
			{schedule.GenOptions{Participants: 5000, Requests: 60000, Slots: 16, Tables: 1500}, 15 * time.Second, true},
		} {
			if (*size > 0 || c.explicit) && c.g.Participants != *size {
				continue
			}
			for sd := uint64(1); sd <= uint64(*seeds); sd++ {
				c.g.Seed = sd
				inst, err := schedule.Generate(c.g)
				if err != nil {
					return err
				}
				var times, cpus, weighed []int64
				var sc *schedule.Schedule
				for r := 0; r < max(1, *runs); r++ {
					cpu0 := cpuTime()
					o := schedule.Options{TimeLimit: c.limit, Fairness: -1, Seed: *seed, Clock: clk}
					// The weight phase ends with one progress report; when
					// it reaches the bound, that is the time to the optimum.
					o.Progress = func(p schedule.Progress) {
						if p.Phase == "weight" {
							weighed = append(weighed, p.Elapsed.Milliseconds())
						}
					}
					if *rate > 0 { // a CPU-like budget instead of the wall clock
						o.TimeLimit, o.Iterations = time.Minute, *rate*int64(c.limit/time.Second)
					}
					sc, err = schedule.Solve(ctx, inst, o)
					if err != nil {
						return err
					}
					times = append(times, sc.ElapsedMS)
					cpus = append(cpus, (cpuTime() - cpu0).Milliseconds())
				}
				slices.Sort(times)
				slices.Sort(cpus)
				slices.Sort(weighed)
				if _, err := schedule.Check(inst, sc); err != nil {
					return fmt.Errorf("%s: own schedule infeasible: %w", inst.Name, err)
				}
				save1(*save, inst, sc)
				gr := schedule.Greedy(inst)
				cl := *cbcLimit
				if *cbcSame {
					cl = c.limit
				}
				cb := runCBC(ctx, inst, -1, cl, *save, *cbcWeight)
				wms := int64(-1)
				if len(weighed) > 0 {
					wms = weighed[len(weighed)/2]
				}
				fmt.Fprintf(w, "| %d/%d/%d/%d | %d | %d | %d | %d | %.2f%% | %d | %d | %d | %d | %d | %+.2f%% | %s |\n",
					c.g.Participants, c.g.Requests, c.g.Slots, inst.Tables, sd,
					sc.Objective.Weight, sc.Objective.Breaks, sc.Bound.Weight,
					100*float64(sc.Objective.Weight)/float64(sc.Bound.Weight), wms, times[len(times)/2], cpus[len(cpus)/2],
					gr.Objective.Weight, gr.Objective.Breaks,
					100*(float64(sc.Objective.Weight)/float64(gr.Objective.Weight)-1), cb.cells(true))
			}
		}
	}
	return nil
}

func benchRow(ctx context.Context, inst *schedule.Instance, opt schedule.Options, save string, cbcLimit, cpuLimit time.Duration) (string, *schedule.Schedule) {
	cpu0 := cpuTime()
	sctx, stop := withCPULimit(ctx, cpuLimit)
	sc, err := schedule.Solve(sctx, inst, opt)
	stop()
	cpu := cpuTime() - cpu0
	note := ""
	if err != nil {
		note = " ⚠ " + strings.SplitN(err.Error(), ";", 2)[0]
	}
	if sc == nil {
		return fmt.Sprintf("| %s | %d | error: %v |", inst.Name, len(inst.Meetings), err), nil
	}
	if _, cerr := schedule.Check(inst, sc); cerr != nil && !(inst.ScheduleAll && len(sc.Unscheduled) > 0) {
		note += " ✗ check: " + cerr.Error()
	}
	save1(save, inst, sc)
	gr := schedule.Greedy(inst)
	cb := runCBC(ctx, inst, opt.Fairness, cbcLimit, save, false)
	_, verdict := sc.Verdict()
	return fmt.Sprintf("| %s | %d | %d%s | %d | %d | w%d b%d: %s | %d | %d | %d | %d | %s |", inst.Name, len(inst.Meetings),
		sc.Objective.Scheduled, note, sc.Objective.Breaks, sc.Objective.BreakSpread, sc.Bound.Weight, sc.Bound.Breaks, verdict,
		sc.ElapsedMS, cpu.Milliseconds(), gr.Objective.Scheduled, gr.Objective.Breaks, cb.cells(false)), sc
}

func save1(dir string, inst *schedule.Instance, sc *schedule.Schedule) {
	if dir == "" {
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	if b, err := json.Marshal(sc); err == nil {
		_ = os.WriteFile(filepath.Join(dir, inst.Name+".schedule.json"), append(b, '\n'), 0o644)
	}
}

type cbcResult struct {
	ran     bool
	status  string
	sc      *schedule.Schedule
	elapsed time.Duration
	cpu     time.Duration
}

func (c cbcResult) cells(weight bool) string {
	if !c.ran {
		return "– | – | – | –"
	}
	if c.sc == nil {
		return fmt.Sprintf("%s | – | – | %.1f (cpu %.1f)", c.status, c.elapsed.Seconds(), c.cpu.Seconds())
	}
	v := c.sc.Objective.Scheduled
	if weight {
		v = c.sc.Objective.Weight
	}
	return fmt.Sprintf("%s | %d | %d | %.1f (cpu %.1f)", c.status, v, c.sc.Objective.Breaks, c.elapsed.Seconds(), c.cpu.Seconds())
}

// runCBC writes the time-indexed MIP (weightOnly: without the breaks in
// the objective), runs cbc on it with the time limit and reads back its
// best schedule.
func runCBC(ctx context.Context, inst *schedule.Instance, fairness int, limit time.Duration, save string, weightOnly bool) cbcResult {
	if limit <= 0 {
		return cbcResult{}
	}
	tmp, err := os.MkdirTemp("", "dagang-cbc-")
	if err != nil {
		return cbcResult{ran: true, status: "no temp dir"}
	}
	defer os.RemoveAll(tmp)
	lp, sol := filepath.Join(tmp, "model.lp"), filepath.Join(tmp, "sol.txt")
	f, err := os.Create(lp)
	if err != nil {
		return cbcResult{ran: true, status: "cannot write LP"}
	}
	err = schedule.WriteLP(f, inst, fairness, weightOnly)
	f.Close()
	if err != nil {
		return cbcResult{ran: true, status: "cannot write LP"}
	}
	// CBC limits CPU seconds but checks them only between phases (not in
	// its root LP); give it twice its limit in wall time and two minutes
	// more, then stop it.
	cctx, cancel := context.WithTimeout(ctx, 2*limit+120*time.Second)
	defer cancel()
	start := time.Now()
	cmd := exec.CommandContext(cctx, "cbc", lp, "sec", fmt.Sprint(int(limit.Seconds())), "threads", "1", "solve", "solu", sol)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	res := cbcResult{ran: true, elapsed: time.Since(start)}
	if cmd.ProcessState != nil {
		res.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b, err := os.ReadFile(sol)
	if err != nil {
		res.status = "no solution"
		if runErr != nil {
			res.status = "killed"
		}
		return res
	}
	sc, status, err := schedule.ReadCBCSolution(bytes.NewReader(b), inst)
	res.status = strings.SplitN(status, " - ", 2)[0]
	if err == nil && sc != nil {
		if _, cerr := schedule.Check(inst, sc); cerr != nil {
			res.status += " (infeasible)"
		}
		res.sc = sc
		if save != "" {
			save1(save, &schedule.Instance{Name: inst.Name + ".cbc"}, sc)
		}
	}
	return res
}

// withCPULimit returns a context that is cancelled once this process has
// used limit more CPU time (0: never). On a machine shared with other jobs
// this gives the solver what an idle machine would give it in that time;
// Solve returns its best schedule when the context ends.
func withCPULimit(ctx context.Context, limit time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	if limit <= 0 {
		return ctx, cancel
	}
	start := cpuTime()
	go func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if cpuTime()-start >= limit {
					cancel()
					return
				}
			}
		}
	}()
	return ctx, cancel
}

func readInstanceFile(path string) (*schedule.Instance, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	inst, err := schedule.ReadInstance(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return inst, nil
}
