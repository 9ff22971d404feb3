package search

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/dagang/dagang/internal/pgtest"
)

// TestStemAgainstPostgreSQL stems the golden words and a few thousand
// generated affix combinations with PostgreSQL's indonesian_stem and with
// Stem, and requires the same stems (internal/pgtest: skipped locally
// without a server, mandatory with CI=true).
func TestStemAgainstPostgreSQL(t *testing.T) {
	dsn := pgtest.DSN(t)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	var words []string
	for _, p := range readGolden(t) {
		words = append(words, p[0])
	}
	words = append(words, generated()...)
	rows, err := db.QueryContext(ctx, `SELECT w, COALESCE((ts_lexize('indonesian_stem', w))[1], '')
		FROM unnest(string_to_array($1, ' ')) AS w`, strings.Join(words, " "))
	if err != nil {
		t.Fatalf("PostgreSQL has no indonesian_stem dictionary? %v", err)
	}
	defer rows.Close()
	n, bad := 0, 0
	for rows.Next() {
		var w, want string
		if err := rows.Scan(&w, &want); err != nil {
			t.Fatal(err)
		}
		n++
		if got := Stem(w); got != want && bad < 20 {
			bad++
			t.Errorf("Stem(%q) = %q, PostgreSQL gives %q", w, got, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(words) {
		t.Fatalf("PostgreSQL stemmed %d words, want %d", n, len(words))
	}
}

// generated combines prefixes, roots and suffixes (including non-ASCII
// letters and digits) into words that exercise every branch of the
// algorithm.
func generated() []string {
	prefixes := []string{"", "di", "ke", "ter", "me", "men", "meng", "meny", "mem", "pe", "pen", "peng", "peny", "pem", "ber", "be", "per",
		"memper", "diper", "keber", "pelajar", "belajar", "terpe", "menye", "pemer"}
	roots := []string{"jual", "ajar", "kerja", "baik", "cepat", "asi", "usi", "anyi", "ikan", "ambil", "oleh", "rtani", "sapu", "é", "ñera", "9a", "xer", "ker", "a"}
	suffixes := []string{"", "kan", "an", "i", "si", "nya", "ku", "mu", "lah", "kah", "pun", "kannya", "annya", "ilah", "kanlah", "inya"}
	var out []string
	for _, p := range prefixes {
		for _, r := range roots {
			for _, s := range suffixes {
				out = append(out, p+r+s)
			}
		}
	}
	return out
}
