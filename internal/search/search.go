// Package search turns Indonesian text into search terms: a tokenizer, the
// Snowball Indonesian stemmer, and query builders for SQLite FTS5 and
// PostgreSQL tsquery. It is pure: text in, strings out.
//
// # The stemmer
//
// Stem is a Go implementation of the Snowball Indonesian stemmer, itself an
// implementation of Fadillah Z. Tala's "Porter Stemmer for Bahasa
// Indonesia" (A Study of Stemming Effects on Information Retrieval in
// Bahasa Indonesia, ILLC MoL-2003-02). The definition followed is the
// Snowball script algorithms/indonesian.sbl of github.com/snowballstem/snowball
// (described at https://snowballstem.org/algorithms/indonesian/stemmer.html)
// in the revision with the belajar/pelajar special cases, which is the one
// compiled into PostgreSQL 15's indonesian_stem dictionary (the dictionary
// of its "indonesian" text search configuration):
//
//   - count the vowels (the measure); words with at most two are left alone;
//   - remove a particle (-kah, -lah, -pun), then, if more than two vowels
//     remain, a possessive pronoun (-ku, -mu, -nya);
//   - remove a first-order prefix (meng-, meny- before a vowel → s-, men-,
//     mem- (before a vowel → p-), me-, peng-, peny- → s-, pen-, pem- → p-,
//     di-, ter-, ke-), then a suffix (-kan unless the prefix was ke-/peng-
//     or per-, -an unless it was di-/meng-/ter-, -i unless it was
//     ke-/peng-/ber- or the word ends -si), and only if a suffix went, a
//     second-order prefix (ber-, be- before consonant + "er", per-, pe-,
//     belajar → ajar, pelajar → ajar), each step only while more than two
//     vowels remain;
//   - without a first-order prefix, remove a second-order prefix and then
//     a suffix.
//
// Snowball's cursor rules are kept: after a nasal prefix is replaced by s-
// or p-, the suffix removal and the second-order prefix look only at what
// follows that letter. stem_test.go holds a table worked from the
// definition and a golden table of several hundred words produced by
// PostgreSQL's indonesian_stem (Snowball's own C code); pg_test.go checks
// the stemmer against a live PostgreSQL when DAGANG_TEST_POSTGRES is set.
// "penjualan", "menjual" and "dijual" all stem to "jual"; "kerajinan" and
// "pengrajin" both to "rajin".
//
// # Terms, documents and queries
//
// Words splits text into lower-case words of letters, marks and digits
// (numbers are kept; anything else, including invalid UTF-8, separates
// words). A search document (Document) holds every word's stem and the word
// itself, so a query finds "menjual" by "penjualan" and, typed halfway,
// "penj" still finds it by prefix. A query (FTS5, TSQuery) requires every
// word's stem, except the last word, which matches as a prefix of its stem
// or of itself (search as you type). Query words are letters and digits
// only and are quoted, so no input can inject query syntax.
package search

import (
	"strings"
	"unicode"
)

// MaxWordLen caps a word at this many characters (longer ones are cut), so
// one huge token cannot bloat an index: PostgreSQL refuses lexemes over
// 2 KiB.
const MaxWordLen = 64

// MaxQueryWords is how many words of a query count; the rest are ignored.
const MaxQueryWords = 16

// Words returns the lower-case words of text in order. A word is a run of
// letters, combining marks and decimal digits.
func Words(text string) []string {
	var words []string
	var b strings.Builder
	n := 0
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
		n = 0
	}
	for _, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			flush()
			continue
		}
		if n < MaxWordLen {
			b.WriteRune(unicode.ToLower(r))
			n++
		}
	}
	flush()
	return words
}

// Document returns the text to index for a record: each distinct stem and
// word of text, separated by single spaces.
func Document(text string) string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, w := range Words(text) {
		add(Stem(w))
		add(w)
	}
	return strings.Join(out, " ")
}

// query is a parsed search: the stems every match must hold, and the last
// word, matched as a prefix of its stem or of itself.
type query struct {
	exact    []string
	lastStem string
	lastWord string
}

func parse(text string) (query, bool) {
	ws := Words(text)
	if len(ws) == 0 {
		return query{}, false
	}
	if len(ws) > MaxQueryWords {
		ws = ws[:MaxQueryWords]
	}
	var q query
	for _, w := range ws[:len(ws)-1] {
		q.exact = append(q.exact, Stem(w))
	}
	q.lastWord = ws[len(ws)-1]
	q.lastStem = Stem(q.lastWord)
	return q, true
}

// FTS5 returns an SQLite FTS5 MATCH expression for text, or "" when text
// has no words (then nothing should be filtered).
func FTS5(text string) string {
	q, ok := parse(text)
	if !ok {
		return ""
	}
	var parts []string
	for _, s := range q.exact {
		parts = append(parts, `"`+s+`"`)
	}
	last := `"` + q.lastStem + `"*`
	if q.lastWord != q.lastStem {
		last = `(` + last + ` OR "` + q.lastWord + `"*)`
	}
	return strings.Join(append(parts, last), " AND ")
}

// TSQuery returns a PostgreSQL tsquery in its input syntax (for a
// ::tsquery cast, which takes lexemes as they are) for text, or "" when
// text has no words.
func TSQuery(text string) string {
	q, ok := parse(text)
	if !ok {
		return ""
	}
	var parts []string
	for _, s := range q.exact {
		parts = append(parts, `'`+s+`'`)
	}
	last := `'` + q.lastStem + `':*`
	if q.lastWord != q.lastStem {
		last = `(` + last + ` | '` + q.lastWord + `':*)`
	}
	return strings.Join(append(parts, last), " & ")
}
