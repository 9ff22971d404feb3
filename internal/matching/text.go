package matching

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Stemmer reduces an Indonesian word to its root ("pakan", "makanan" →
// "makan"). internal/search provides one; nil keeps words as they are.
type Stemmer interface {
	Stem(word string) string
}

// StemFunc adapts a function, such as search.Stem, to a Stemmer.
type StemFunc func(word string) string

// Stem calls f.
func (f StemFunc) Stem(word string) string { return f(word) }

// stopwords are Indonesian and English function words and the demo's
// sample marker, which say nothing about what is traded.
var stopwords = map[string]bool{
	"dan": true, "atau": true, "untuk": true, "di": true, "ke": true, "dari": true, "yang": true, "dengan": true,
	"pada": true, "per": true, "serta": true, "juga": true, "ini": true, "itu": true, "bagi": true, "oleh": true,
	"dalam": true, "sebagai": true, "akan": true, "kami": true, "contoh": true, "the": true, "and": true, "for": true,
	"of": true, "to": true, "in": true, "a": true, "an": true,
}

// tokens splits text into lower-case words, drops stop words and one-letter
// words, and stems the rest. Numbers are kept: grades and sizes matter.
func tokens(text string, st Stemmer) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := words[:0]
	for _, w := range words {
		if len([]rune(w)) < 2 || stopwords[w] {
			continue
		}
		if st != nil {
			if s := st.Stem(w); s != "" {
				w = s
			}
		}
		out = append(out, w)
	}
	return out
}

// term is one word of a vector, by its number in the matcher's lexicon.
type term struct {
	id    int32
	count float64
}

// vector is a bag of stemmed words, sorted by word number, with its
// Euclidean norm.
type vector struct {
	terms []term
	norm  float64
	words map[int32]string // word of each number, for the reasons
}

// lexicon numbers words so that vectors compare without hashing.
type lexicon struct {
	ids   map[string]int32
	words map[int32]string
}

func newLexicon() *lexicon { return &lexicon{ids: map[string]int32{}, words: map[int32]string{}} }

func (l *lexicon) vector(ts []string) vector {
	counts := map[int32]float64{}
	for _, t := range ts {
		id, ok := l.ids[t]
		if !ok {
			id = int32(len(l.ids))
			l.ids[t], l.words[id] = id, t
		}
		counts[id]++
	}
	v := vector{words: l.words}
	for id, c := range counts {
		v.terms = append(v.terms, term{id, c})
		v.norm += c * c
	}
	slices.SortFunc(v.terms, func(a, b term) int { return cmp.Compare(a.id, b.id) })
	v.norm = math.Sqrt(v.norm)
	return v
}

// cosine is the cosine similarity of two bags of words, 0 when either is
// empty.
func cosine(a, b vector) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	dot := 0.0
	for i, j := 0, 0; i < len(a.terms) && j < len(b.terms); {
		switch x, y := a.terms[i], b.terms[j]; {
		case x.id < y.id:
			i++
		case x.id > y.id:
			j++
		default:
			dot += x.count * y.count
			i++
			j++
		}
	}
	return dot / (a.norm * b.norm)
}
