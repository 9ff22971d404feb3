package search

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestStemRules checks each rule of the algorithm on words worked by hand
// from the Snowball definition.
func TestStemRules(t *testing.T) {
	for _, tc := range []struct{ word, stem, why string }{
		{"menjual", "jual", "men- removed"},
		{"penjualan", "jual", "pen- (peng kind) then -an"},
		{"dijual", "jual", "di- removed"},
		{"beras", "beras", "two vowels: left alone"},
		{"kerajinan", "rajin", "ke- then -an"},
		{"pengrajin", "rajin", "peng- removed"},
		{"bukankah", "bukan", "-kah goes; then only two vowels remain"},
		{"rumahku", "rumah", "-ku goes (three vowels)"},
		{"bukunya", "buku", "-nya goes"},
		{"memakai", "paka", "mem- before a vowel becomes p-, then -i (prefix of di kind allows it)"},
		{"pemakai", "pakai", "pem- becomes p-; -i is not allowed after peng kind"},
		{"membeli", "beli", "mem- before a consonant is deleted"},
		{"menyanyi", "sanyi", "meny- before a vowel becomes s-; then only two vowels remain"},
		{"menyx", "menyx", "two vowels: left alone"},
		{"pelajaran", "ajar", "pelajar → ajar, then -an"},
		{"belajar", "ajar", "belajar → ajar"},
		{"bekerja", "kerja", "be- before consonant + er"},
		{"berlari", "lari", "ber- removed"},
		{"perbaikan", "baik", "per kind forbids -kan, so -an goes"},
		{"memperbaiki", "baik", "mem-, -i, then per- because a suffix went"},
		{"mempercepat", "percepat", "mem- but no suffix, so per- stays"},
		{"dipercepat", "percepat", "di- but no suffix, so per- stays"},
		{"bersihkan", "sihkan", "ber-, then only two vowels remain"},
		{"televisi", "televisi", "-i after s stays"},
		{"ditandatangani", "tandatangan", "di- forbids -an, so -i goes"},
		{"pengiriman", "irim", "peng- then -an (the lost k is not restored)"},
		{"12345", "12345", "numbers have no vowels"},
		{"é", "é", "non-ASCII letters are consonants"},
	} {
		if got := Stem(tc.word); got != tc.stem {
			t.Errorf("Stem(%q) = %q, want %q (%s)", tc.word, got, tc.stem, tc.why)
		}
	}
}

// TestStemGolden compares the stemmer with PostgreSQL's indonesian_stem
// output recorded in testdata/stems.tsv.
func TestStemGolden(t *testing.T) {
	pairs := readGolden(t)
	if len(pairs) < 300 {
		t.Fatalf("golden table has %d words, want several hundred", len(pairs))
	}
	for _, p := range pairs {
		if got := Stem(p[0]); got != p[1] {
			t.Errorf("Stem(%q) = %q, PostgreSQL gives %q", p[0], got, p[1])
		}
	}
}

func readGolden(t *testing.T) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/stems.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, s, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad golden line %q", line)
		}
		pairs = append(pairs, [2]string{w, s})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return pairs
}

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Menjual BERAS, 25 ton!", []string{"menjual", "beras", "25", "ton"}},
		{"buah-buahan", []string{"buah", "buahan"}},
		{"HS 1006.30", []string{"hs", "1006", "30"}},
		{`"*AND'-(`, []string{"and"}},
		{"Café\xff\xfeKopi", []string{"café", "kopi"}},
		{"cafe\u0301", []string{"cafe\u0301"}},
		{strings.Repeat("a", 100), []string{strings.Repeat("a", MaxWordLen)}},
	} {
		if diff := cmp.Diff(tc.want, Words(tc.in)); diff != "" {
			t.Errorf("Words(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestDocument(t *testing.T) {
	got := Document("Menjual beras dan menjual kopi")
	if want := "jual menjual beras dan kopi"; got != want {
		t.Errorf("Document = %q, want %q", got, want)
	}
}

func TestQueries(t *testing.T) {
	for _, tc := range []struct{ in, fts5, tsq string }{
		{"", "", ""},
		{` "*( -' `, "", ""},
		{"beras", `"beras"*`, `'beras':*`},
		{"penjualan beras", `"jual" AND "beras"*`, `'jual' & 'beras':*`},
		{"beras penjualan", `"beras" AND ("jual"* OR "penjualan"*)`, `'beras' & ('jual':* | 'penjualan':*)`},
		{`beras" OR "x`, `"beras" AND "or" AND "x"*`, `'beras' & 'or' & 'x':*`},
		{"NOT AND*", `"not" AND "and"*`, `'not' & 'and':*`},
	} {
		if got := FTS5(tc.in); got != tc.fts5 {
			t.Errorf("FTS5(%q) = %q, want %q", tc.in, got, tc.fts5)
		}
		if got := TSQuery(tc.in); got != tc.tsq {
			t.Errorf("TSQuery(%q) = %q, want %q", tc.in, got, tc.tsq)
		}
	}
	long := strings.Repeat("kata ", 40)
	if n := strings.Count(FTS5(long), "AND") + 1; n != MaxQueryWords {
		t.Errorf("a 40-word query has %d terms, want %d", n, MaxQueryWords)
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{"penjualan beras", "\xff\xfe", "memperbaiki", `"*AND'-(`, "ï̈ÿ", "be\u0301rer"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range Words(s) {
			if !validWord(w) {
				t.Fatalf("Words(%q) gave invalid word %q", s, w)
			}
			if st := Stem(w); st == "" && w != "" {
				t.Fatalf("Stem(%q) is empty", w)
			}
		}
		Document(s)
		for _, q := range []string{FTS5(s), TSQuery(s)} {
			if strings.ContainsAny(q, `\;`) {
				t.Fatalf("query %q for %q holds an escape or separator", q, s)
			}
		}
	})
}

// validWord reports whether w could be a word of Words .
func validWord(w string) bool {
	if w == "" || !utf8.ValidString(w) || utf8.RuneCountInString(w) > MaxWordLen {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			return false
		}
	}
	return true
}
