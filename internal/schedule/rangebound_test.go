package schedule

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRangeBreakBound: the count over stretches of slots proves breaks the
// windows alone cannot, and no more than the optimum.
func TestRangeBreakBound(t *testing.T) {
	oneTable := strings.Replace(triangle, `"tables":2`, `"tables":1`, 1)
	cases := []struct {
		name string
		js   string
		want struct{ Window, Range int }
	}{
		// Two tables: three participants fit in every slot (optimum 1,
		// proven only by the exact model).
		{"triangle, two tables", triangle, struct{ Window, Range int }{0, 0}},
		// One table: two participants per slot, but every window of
		// two slots holds the middle one, so one of the three must
		// wait around it (optimum 1).
		{"triangle, one table", oneTable, struct{ Window, Range int }{0, 1}},
	}
	for _, c := range cases {
		inst, err := ReadInstance(strings.NewReader(c.js))
		if err != nil {
			t.Fatal(err)
		}
		md := compile(inst)
		win := 0
		for p := range md.np {
			if len(md.windows(p)) == 0 {
				win++
			}
		}
		got := struct{ Window, Range int }{win, md.rangeBreakBound()}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s: bounds (-want +got):\n%s", c.name, diff)
		}
		if b := Bound(inst).Breaks; b != max(got.Window, got.Range) {
			t.Errorf("%s: Bound says %d breaks, want %d", c.name, b, max(got.Window, got.Range))
		}
	}
	// On the published benchmark: the optimum of tic-13crafc (4) and of
	// forumt-14 (5) from the bounds alone, nothing above the optimum
	// anywhere (MANIFEST.tsv).
	needBenchDir(t)
	f, err := os.ReadFile(filepath.Join(benchDir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(f)), "\n")[1:] {
		fs := strings.Split(line, "\t")
		js, err := os.ReadFile(filepath.Join(benchDir, fs[0]+".original.json"))
		if err != nil {
			t.Fatal(err)
		}
		inst, err := ReadInstance(bytes.NewReader(js))
		if err != nil {
			t.Fatal(err)
		}
		opt, err := strconv.Atoi(fs[7])
		if err != nil {
			t.Fatal(err)
		}
		if b := Bound(inst).Breaks; b > opt {
			t.Errorf("%s: bound %d above the optimum %d", fs[0], b, opt)
		} else if fs[0] == "tic-13crafc" || fs[0] == "forumt-14" {
			got[fs[0]] = b
		}
	}
	if diff := cmp.Diff(map[string]int{"tic-13crafc": 4, "forumt-14": 5}, got); diff != "" {
		t.Errorf("bounds (-want +got):\n%s", diff)
	}
}
