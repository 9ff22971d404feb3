package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// A second `dagang demo` in the same folder, while the first serves,
// refuses naming the process that holds the database, and deletes
// nothing; so does `serve` on the same file. Once the first ends, the
// demo can be made again.
func TestDemoRefusesADatabaseInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dagang-demo.db")
	_, stop := startInProcess(t, nil, &syncBuffer{}, &syncBuffer{}, "demo", "--db", db, "--replace", "--addr", "127.0.0.1:0")
	before, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"demo", "--db", db, "--replace", "--no-serve"},
		{"serve", "--db", db, "--addr", "127.0.0.1:0"},
	} {
		_, err := runCmd(t, context.Background(), nil, args...)
		if dagang.ErrorCode(err) != dagang.ECONFLICT || !strings.Contains(err.Error(), "sedang dipakai oleh proses "+strconv.Itoa(os.Getpid())) {
			t.Errorf("%v while the demo serves: %v", args[0], err)
		}
	}
	after, err := os.Stat(db)
	if err != nil || !os.SameFile(before, after) {
		t.Fatalf("the served database was replaced: %v", err)
	}
	if _, err := runCmd(t, context.Background(), nil, "report", "summary", "--db", db); err != nil {
		t.Errorf("a report beside the server: %v", err)
	}
	if err := stop(); err != nil {
		t.Fatalf("first demo: %v", err)
	}
	if _, err := runCmd(t, context.Background(), nil, "demo", "--db", db, "--replace", "--no-serve"); err != nil {
		t.Errorf("demo after the first ended: %v", err)
	}
}
