package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang/internal/store"
)

// TestRulesCLI: `dagang import` goes through the same door as the pages
// and the API. A business of another province (35.78, Kota Surabaya, for
// the Kalsel office) or with a control character in its name is refused
// with its row and column, and the database stays as it was.
func TestRulesCLI(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := newDemoDB(t)
	counts := func() map[string]int64 {
		st, err := store.Open(ctx, db, store.Options{Now: time.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		c, err := st.RowCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	header := "nama,kabupaten,nib,skala,kontak,telepon,email,komoditas,kapasitas_bulanan,satuan\n"
	for _, tc := range []struct {
		name, rows string
		says       []string
	}{
		{"business/regency-other-province/cli", "UD Surabaya,35.78,,mikro,,,,,,\n", []string{"baris 2, kolom kabupaten", "35.78"}},
		{"text/business-name-BEL/cli", "\"UD \aBel\",63.03,,mikro,,,,,,\n", []string{"baris 2, kolom nama", "U+0007"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(dir, "usaha.csv")
			if err := os.WriteFile(f, []byte(header+tc.rows), 0o644); err != nil {
				t.Fatal(err)
			}
			before := counts()
			var out, errOut syncBuffer
			err := run(ctx, []string{"import", "businesses", "--db", db, "--quiet", f}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
			if err == nil {
				t.Fatal("the import was accepted")
			}
			for _, w := range tc.says {
				if !strings.Contains(errOut.String(), w) {
					t.Errorf("problems lack %q: %v\n%s", w, err, errOut.String())
				}
			}
			if diff := cmp.Diff(before, counts()); diff != "" {
				t.Errorf("the refused import changed the database (-before +after):\n%s", diff)
			}
		})
	}
}
