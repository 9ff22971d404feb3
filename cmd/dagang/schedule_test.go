package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// TestScheduleGenSolveCheck runs the three schedule subcommands end to end
// on a generated instance, with flags after the positional arguments.
func TestScheduleGenSolveCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	inst, sched := filepath.Join(dir, "inst.json"), filepath.Join(dir, "sched.json")
	if _, err := runCmd(t, ctx, nil, "schedule", "gen", "--participants", "40", "--requests", "200", "--slots", "8", "--tables", "10", "--out", inst); err != nil {
		t.Fatal(err)
	}
	if _, err := runCmd(t, ctx, nil, "schedule", "solve", inst, "--out", sched, "--iterations", "50000", "--quiet"); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, ctx, nil, "schedule", "check", inst, sched)
	if err != nil {
		t.Fatalf("check: %v (%s)", err, out)
	}
	var got struct {
		Feasible bool `json:"feasible"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || !got.Feasible {
		t.Errorf("check output %q: want feasible", out)
	}
}

func TestScheduleUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code string // "" for a usage error
	}{
		{"unknown subcommand", []string{"schedule", "frobnicate"}, ""},
		{"solve without file", []string{"schedule", "solve"}, ""},
		{"check with one file", []string{"schedule", "check", "x.json"}, ""},
		{"missing file", []string{"schedule", "solve", "/nonexistent/inst.json"}, dagang.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runCmd(t, context.Background(), nil, tt.args...)
			var ue usageError
			isUsage := err != nil && asUsage(err, &ue)
			if diff := cmp.Diff(tt.code == "", isUsage); diff != "" {
				t.Errorf("usage error? (-want +got):\n%s (err %v)", diff, err)
			}
			if tt.code != "" && dagang.ErrorCode(err) != tt.code {
				t.Errorf("code %q, want %q (err %v)", dagang.ErrorCode(err), tt.code, err)
			}
		})
	}
}

func asUsage(err error, ue *usageError) bool {
	u, ok := err.(usageError)
	if ok {
		*ue = u
	}
	return ok
}
