package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
)

// A second `dagang demo` in the same folder, while the first serves,
// refuses naming the process that holds the database, and deletes
// nothing; so does `serve` on the same file. Once the first ends, the
// demo can be made again.
func TestDemoRefusesADatabaseInUse(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := filepath.Join(t.TempDir(), "dagang-demo.db")
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"demo", "--db", db, "--replace", "--addr", "127.0.0.1:0"}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for !strings.Contains(out.String(), "dagang melayani") {
		select {
		case err := <-done:
			t.Fatalf("first demo ended: %v\n%s", err, errOut.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("first demo does not serve:\n%s", out.String())
		}
	}
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
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("first demo: %v", err)
	}
	if _, err := runCmd(t, context.Background(), nil, "demo", "--db", db, "--replace", "--no-serve"); err != nil {
		t.Errorf("demo after the first ended: %v", err)
	}
}
