// Package golden compares what a test produces (a report's text, a PDF's
// text) with a file kept in the package's testdata folder, so that a
// change to the output shows as a diff in review. When the change is
// meant, rewrite the files with -update and read the diff before
// committing:
//
//	go test ./internal/export -run TestPDF -update
//
// -update belongs to the test binaries that import this package: name
// those packages, not ./... . Only tests import this package.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata with what the tests produce")

// Check compares got with testdata/name and fails t with the difference;
// with -update it writes got to testdata/name instead.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (write it with go test -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("output differs from %s (-want +got); if the change is meant, rewrite it with go test -update:\n%s", path, diff)
	}
}
