package matching

import (
	"math"
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

// vector is a bag of stemmed words with its Euclidean norm.
type vector struct {
	tf   map[string]float64
	norm float64
}

func newVector(ts []string) vector {
	v := vector{tf: make(map[string]float64, len(ts))}
	for _, t := range ts {
		v.tf[t]++
	}
	for _, c := range v.tf {
		v.norm += c * c
	}
	v.norm = math.Sqrt(v.norm)
	return v
}

// cosine is the cosine similarity of two bags of words, 0 when either is
// empty.
func cosine(a, b vector) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	if len(a.tf) > len(b.tf) {
		a, b = b, a
	}
	dot := 0.0
	for t, c := range a.tf {
		dot += c * b.tf[t]
	}
	return dot / (a.norm * b.norm)
}

// Similarity is the cosine similarity of the stemmed words of two texts,
// from 0 (nothing in common) to 1 (the same words).
func Similarity(a, b string, st Stemmer) float64 {
	return cosine(newVector(tokens(a, st)), newVector(tokens(b, st)))
}
