package search

import "unicode/utf8"

// Stem returns the stem of one lower-case Indonesian word by the Snowball
// Indonesian algorithm (see the package documentation). Words with at most
// two vowels are returned as they are.
func Stem(word string) string {
	s := stemmer{w: []byte(word)}
	s.stem()
	return string(s.w)
}

// stemmer holds the state of the Snowball program: the word, the measure
// (the number of vowels left) and the kind of first- or second-order prefix
// removed, which decides the suffixes that may go.
type stemmer struct {
	w       []byte
	measure int
	prefix  int
}

// Prefix kinds, as numbered in the Snowball source.
const (
	prefixNone = 0
	prefixDi   = 1 // di-, meng- (and its variants), ter-
	prefixPer  = 2 // per-, pe-
	prefixKe   = 3 // ke-, peng- (and its variants)
	prefixBer  = 4 // ber-, be-, belajar
)

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func (s *stemmer) stem() {
	// The measure counts vowels. Vowels are ASCII, and UTF-8 never puts an
	// ASCII byte inside a multi-byte character, so counting bytes is exact.
	for _, c := range s.w {
		if isVowel(c) {
			s.measure++
		}
	}
	if s.measure <= 2 {
		return
	}
	s.prefix = prefixNone
	if s.trimSuffix("kah", "lah", "pun") {
		s.measure--
	}
	if s.measure <= 2 {
		return
	}
	if s.trimSuffix("nya", "ku", "mu") {
		s.measure--
	}
	if s.measure <= 2 {
		return
	}
	if c, ok := s.removeFirstOrderPrefix(); ok {
		// As in the Snowball source, the second-order prefix is tried only
		// when a suffix went: "dipercepat" stems to "percepat", while
		// "memperbaiki" stems to "baik".
		if s.measure > 2 && s.removeSuffix(c) && s.measure > 2 {
			s.removeSecondOrderPrefix(c)
		}
		return
	}
	c := s.removeSecondOrderPrefix(0)
	if s.measure > 2 {
		s.removeSuffix(c)
	}
}

// trimSuffix deletes the first of the (equal-priority, mutually exclusive)
// suffixes that ends the word.
func (s *stemmer) trimSuffix(suffixes ...string) bool {
	for _, x := range suffixes {
		if s.hasSuffix(x) {
			s.w = s.w[:len(s.w)-len(x)]
			return true
		}
	}
	return false
}

func (s *stemmer) hasSuffix(x string) bool {
	return len(s.w) >= len(x) && string(s.w[len(s.w)-len(x):]) == x
}

// at reports whether the word holds x at byte offset i.
func (s *stemmer) at(i int, x string) bool {
	return i >= 0 && len(s.w)-i >= len(x) && string(s.w[i:i+len(x)]) == x
}

// vowelAt reports whether the character at i is a vowel.
func (s *stemmer) vowelAt(i int) bool { return i < len(s.w) && isVowel(s.w[i]) }

// replace puts r in place of the n bytes at i and returns the offset just
// after r (where Snowball leaves its cursor).
func (s *stemmer) replace(i, n int, r string) int {
	w := make([]byte, 0, len(s.w)-n+len(r))
	w = append(w, s.w[:i]...)
	w = append(w, r...)
	w = append(w, s.w[i+n:]...)
	s.w = w
	return i + len(r)
}

// removeFirstOrderPrefix removes di-, ke-, ter- or a form of meng-/peng-
// at the start of the word. It returns the cursor after the change (the
// start of what remains of the word, or after the 's' or 'p' a nasal
// prefix leaves behind) and whether a prefix was found.
//
// Among candidates Snowball takes the longest that matches and whose
// condition holds, so meny-/peny- before a consonant fall back to men-/pen-.
func (s *stemmer) removeFirstOrderPrefix() (int, bool) {
	switch {
	case s.at(0, "meng"):
		return s.del(4, prefixDi), true
	case s.at(0, "peng"):
		return s.del(4, prefixKe), true
	case s.at(0, "meny") && s.vowelAt(4):
		return s.sub(4, "s", prefixDi), true
	case s.at(0, "peny") && s.vowelAt(4):
		return s.sub(4, "s", prefixKe), true
	case s.at(0, "mem"):
		return s.nasalP(prefixDi), true
	case s.at(0, "pem"):
		return s.nasalP(prefixKe), true
	case s.at(0, "men"), s.at(0, "ter"):
		return s.del(3, prefixDi), true
	case s.at(0, "pen"):
		return s.del(3, prefixKe), true
	case s.at(0, "di"), s.at(0, "me"):
		return s.del(2, prefixDi), true
	case s.at(0, "ke"):
		return s.del(2, prefixKe), true
	}
	return 0, false
}

// del deletes the first n bytes, records the prefix kind and returns the
// cursor (0).
func (s *stemmer) del(n, kind int) int {
	s.prefix = kind
	s.measure--
	return s.replace(0, n, "")
}

// sub replaces the first n bytes with r.
func (s *stemmer) sub(n int, r string, kind int) int {
	s.prefix = kind
	s.measure--
	return s.replace(0, n, r)
}

// nasalP handles mem-/pem-: before a vowel the prefix stands for a lost
// initial p (memakai → pakai), otherwise it is simply removed.
func (s *stemmer) nasalP(kind int) int {
	if s.vowelAt(3) {
		return s.sub(3, "p", kind)
	}
	return s.del(3, kind)
}

// removeSecondOrderPrefix removes ber-, be- (before consonant + "er"),
// per-, pe- or the special cases belajar/pelajar, looking at offset c.
// It returns the cursor after the change (c when nothing was removed).
func (s *stemmer) removeSecondOrderPrefix(c int) int {
	switch {
	case s.at(c, "belajar"):
		s.prefix = prefixBer
		s.measure--
		return s.replace(c, 7, "ajar")
	case s.at(c, "pelajar"):
		s.measure--
		return s.replace(c, 7, "ajar")
	case s.at(c, "ber"):
		s.prefix = prefixBer
		s.measure--
		return s.replace(c, 3, "")
	case s.at(c, "per"), s.at(c, "pe"):
		n := 2
		if s.at(c, "per") {
			n = 3
		}
		s.prefix = prefixPer
		s.measure--
		return s.replace(c, n, "")
	case s.at(c, "be") && s.ker(c+2):
		s.prefix = prefixBer
		s.measure--
		return s.replace(c, 2, "")
	}
	return c
}

// ker reports whether a non-vowel followed by "er" starts at i.
func (s *stemmer) ker(i int) bool {
	if i >= len(s.w) || isVowel(s.w[i]) {
		return false
	}
	_, n := utf8.DecodeRune(s.w[i:])
	return s.at(i+n, "er")
}

// removeSuffix removes -kan, -an or -i, each allowed only after certain
// prefixes, and never eating into the first lb bytes (the region before
// Snowball's backward limit). It reports whether a suffix went.
func (s *stemmer) removeSuffix(lb int) bool {
	n := len(s.w)
	fits := func(x string) bool { return n-len(x) >= lb && s.hasSuffix(x) }
	switch {
	case fits("kan") && s.prefix != prefixKe && s.prefix != prefixPer:
		s.w = s.w[:n-3]
	case fits("an") && s.prefix != prefixDi:
		s.w = s.w[:n-2]
	case fits("i") && s.prefix <= prefixPer && !(n-2 >= lb && s.w[n-2] == 's'):
		s.w = s.w[:n-1]
	default:
		return false
	}
	s.measure--
	return true
}
