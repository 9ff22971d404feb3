package schedule

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// benchDir is the published benchmark's folder, or "" when it is not
// there: DAGANG_B2B_DIR when set (a folder holding check.py and the
// instances), else the first shared/bench/b2b found beside the repository
// root or beside any folder above it (../shared/bench/b2b from a clone,
// ../../shared/bench/b2b from a worktree in a folder of worktrees). The
// files are not redistributable, so a clone of the repository alone skips
// the tests that need them.
var benchDir = findBenchDir()

func findBenchDir() string {
	if d := os.Getenv("DAGANG_B2B_DIR"); d != "" {
		return d
	}
	dir, err := filepath.Abs("../..") // the repository root, from internal/schedule
	if err != nil {
		return ""
	}
	for {
		d := filepath.Join(filepath.Dir(dir), "shared", "bench", "b2b")
		if _, err := os.Stat(filepath.Join(d, "check.py")); err == nil {
			return d
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// needBenchDir skips t when the published benchmark is not found.
func needBenchDir(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(benchDir, "MANIFEST.tsv")); benchDir == "" || err != nil {
		t.Skip("the published benchmark (shared/bench/b2b beside the repository, or DAGANG_B2B_DIR) is not here")
	}
}

// TestCheckAgreesWithCheckPy solves a few instances and compares Check with
// the reference checker check.py on each schedule. The benchmark files are
// not redistributable, so they are read from the shared folder in place
// (benchDir): a clone of the repository alone skips this test, with CI=true
// too, as it does without python3 or under -short.
func TestCheckAgreesWithCheckPy(t *testing.T) {
	if testing.Short() {
		t.Skip("solves six instances: not in -short")
	}
	needBenchDir(t)
	checkPy := filepath.Join(benchDir, "check.py")
	if _, err := os.Stat(checkPy); err != nil {
		t.Skipf("cross-check with check.py skipped: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skipf("cross-check with check.py skipped: %v", err)
	}
	dir := t.TempDir()
	cases := []string{"testdata/small.json"}
	for _, n := range []string{"tic-12.original", "tic-12.forb0003", "forum-13.prec15", "tic-13.fixed020-Forb"} {
		cases = append(cases, filepath.Join(benchDir, n+".json"))
	}
	gen, err := Generate(GenOptions{Participants: 80, Requests: 600, Slots: 10, Tables: 25, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	genPath := filepath.Join(dir, "gen.json")
	writeTestJSON(t, genPath, gen)
	cases = append(cases, genPath)
	for _, path := range cases {
		t.Run(filepath.Base(path), func(t *testing.T) {
			inst := readTestInstance(t, path)
			sc, _ := Solve(context.Background(), inst, Options{TimeLimit: 10 * time.Second, Fairness: 2, Seed: 1, Iterations: 300_000})
			if sc == nil {
				t.Fatal("no schedule")
			}
			for _, s := range []*Schedule{sc, Greedy(inst)} {
				obj, err := Check(inst, s)
				sp := filepath.Join(dir, "schedule.json")
				writeTestJSON(t, sp, s)
				out, _ := exec.Command(python, checkPy, path, sp).Output()
				var py struct {
					Feasible    bool `json:"feasible"`
					Scheduled   int  `json:"scheduled"`
					Weight      int  `json:"weight"`
					Breaks      int  `json:"breaks"`
					BreakSpread int  `json:"break_spread"`
				}
				if err := json.Unmarshal(out, &py); err != nil {
					t.Fatalf("check.py output %q: %v", out, err)
				}
				want := Objective{Scheduled: py.Scheduled, Weight: py.Weight, Breaks: py.Breaks, BreakSpread: py.BreakSpread}
				if diff := cmp.Diff(want, obj); diff != "" {
					t.Errorf("Check objective differs from check.py (-py +go):\n%s", diff)
				}
				if py.Feasible != (err == nil) {
					t.Errorf("check.py feasible=%v, Check error %v", py.Feasible, err)
				}
			}
			if inst.ScheduleAll && len(sc.Unscheduled) > 0 {
				return // a certified-infeasible variant: partial by design
			}
			if _, err := Check(inst, sc); err != nil {
				t.Errorf("solver schedule infeasible: %v", err)
			}
		})
	}
}

func writeTestJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
