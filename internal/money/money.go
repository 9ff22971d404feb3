// Package money is the one place where amounts of money are parsed and
// formatted. Amounts are whole rupiah held in an int64; floating point is
// never used, so no amount is ever rounded behind the user's back.
//
// Parse reads the forms people type in Indonesia: "Rp1.500.000",
// "Rp 1.500.000,00", "1,5 juta", "Rp119 miliar", "Rp2,24 T". The dot
// separates thousands and the comma marks decimals, as in Bahasa Indonesia.
// Format, Short, ShortEN and Digits write amounts back out.
package money

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
)

// scales maps the unit words accepted after a number (in lower case) to
// their power of ten. The one-letter abbreviations M and T are matched
// case-sensitively instead (see scaleOf), because a lower-case "m" is just
// as often read as "million".
var scales = map[string]int{
	"ribu": 3, "rb": 3, "thousand": 3,
	"juta": 6, "jt": 6, "million": 6,
	"miliar": 9, "milyar": 9, "billion": 9,
	"triliun": 12, "trillion": 12,
}

// scaleOf returns the power of ten named by the unit word w, or ok=false.
func scaleOf(w string) (exp int, ok bool) {
	switch w {
	case "M":
		return 9, true
	case "T":
		return 12, true
	}
	exp, ok = scales[strings.ToLower(w)]
	return exp, ok
}

// Parse reads an amount of rupiah. It accepts an optional minus sign, an
// optional "Rp" or "Rp." prefix (any case), a number with dots between
// groups of three digits and an optional decimal comma, and an optional
// unit word: ribu/rb, juta/jt, miliar/M, triliun/T or the English
// thousand, million, billion and trillion. Without a unit the only
// decimals allowed are ",0", ",00" and ",-"; with a unit the result must
// still be a whole number of rupiah ("1,5 juta" is 1500000).
//
// Negative amounts are returned as such; callers decide whether they are
// allowed. Every error is an EINVALID *dagang.Error without a field name,
// for callers to attach with dagang.Validation.Merge.
func Parse(s string) (int64, error) {
	if !utf8.ValidString(s) {
		return 0, dagang.Errorf(dagang.EINVALID,
			"nilai rupiah berisi karakter yang tidak valid (bukan UTF-8)",
			"the rupiah amount contains invalid characters (not UTF-8)")
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, dagang.Errorf(dagang.EINVALID,
			"nilai rupiah kosong (contoh: Rp1.500.000, 1,5 juta, Rp119 miliar)",
			"the rupiah amount is empty (examples: Rp1.500.000, 1,5 juta, Rp119 miliar)")
	}

	// Sign and currency: "-Rp1.500", "Rp -1.500", "- Rp. 1.500".
	neg := false
	if rest, ok := strings.CutPrefix(t, "-"); ok {
		neg, t = true, strings.TrimSpace(rest)
	}
	if len(t) >= 2 && strings.EqualFold(t[:2], "rp") {
		t = strings.TrimPrefix(t[2:], ".")
		t = strings.TrimSpace(t)
		if rest, ok := strings.CutPrefix(t, "-"); ok && !neg {
			neg, t = true, strings.TrimSpace(rest)
		}
	}

	// The number runs up to the first character that is not a digit, dot
	// or comma; whatever follows is the unit word.
	end := strings.IndexFunc(t, func(r rune) bool {
		return (r < '0' || r > '9') && r != '.' && r != ','
	})
	if end < 0 {
		end = len(t)
	}
	num, unit := t[:end], strings.TrimSpace(t[end:])
	if num == "" || num[0] < '0' || num[0] > '9' {
		return 0, errInvalid(s)
	}
	if unit == "-" && strings.HasSuffix(num, ",") {
		// "Rp1.500.000,-" is the customary way to write "no cents".
		num, unit = num+"00", ""
	}
	exp := 0
	if unit != "" {
		var ok bool
		if exp, ok = scaleOf(unit); !ok {
			return 0, dagang.Errorf(dagang.EINVALID,
				"%q: satuan %q tidak dikenal (gunakan ribu, juta, miliar, atau triliun)",
				"%q: unknown unit %q (use ribu, juta, miliar or triliun)", clip(s), clip(unit))
		}
	}

	whole, frac, hasComma := strings.Cut(num, ",")
	if strings.Contains(frac, ",") {
		return 0, dagang.Errorf(dagang.EINVALID,
			"%q: koma hanya boleh muncul sekali, sebagai tanda desimal (contoh: 1,5 juta)",
			"%q: the comma may appear only once, as the decimal mark (e.g. 1,5 juta)", clip(s))
	}
	if hasComma && frac == "" {
		return 0, errInvalid(s)
	}
	whole, ok := ungroup(whole)
	if !ok || strings.Contains(frac, ".") {
		return 0, dagang.Errorf(dagang.EINVALID,
			"%q: titik pemisah ribuan salah tempat; titik memisahkan tiap tiga angka (contoh: 1.500.000) dan koma menandai desimal",
			"%q: misplaced thousands dot; dots separate groups of three digits (e.g. 1.500.000) and the comma marks decimals", clip(s))
	}

	// Shift the decimal comma exp places to the right, as a string of
	// digits: "1,5" juta becomes "1" + "5" + "00000". Without a unit at
	// most two zero decimals may follow the comma: ",000" is more likely
	// an English thousands separator than zero cents.
	cents := exp == 0 && len(frac) > 2
	frac = strings.TrimRight(frac, "0")
	if cents || len(frac) > exp {
		if exp == 0 {
			return 0, dagang.Errorf(dagang.EINVALID,
				"%q: pecahan rupiah (sen) tidak diperbolehkan; titik memisahkan ribuan (1.500.000) dan di belakang koma hanya boleh ,00",
				"%q: fractions of a rupiah (cents) are not allowed; dots separate thousands (1.500.000) and only ,00 may follow the comma", clip(s))
		}
		return 0, dagang.Errorf(dagang.EINVALID,
			"%q bukan jumlah rupiah bulat; terlalu banyak angka di belakang koma",
			"%q is not a whole number of rupiah; too many digits after the comma", clip(s))
	}
	digits := whole + frac + strings.Repeat("0", exp-len(frac))

	// Accumulate the magnitude in a uint64, whose range holds both
	// math.MaxInt64 and the magnitude of math.MinInt64.
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	var n uint64
	for i := 0; i < len(digits); i++ {
		d := uint64(digits[i] - '0')
		if n > (limit-d)/10 {
			return 0, dagang.Errorf(dagang.EINVALID,
				"%q di luar batas nilai rupiah yang dapat disimpan",
				"%q is outside the range of rupiah amounts that can be stored", clip(s))
		}
		n = n*10 + d
	}
	if neg {
		// Two's complement: -(1<<63) converts to math.MinInt64.
		return int64(-n), nil
	}
	return int64(n), nil
}

// ungroup checks the integer part of a number and removes its thousands
// dots. It is either plain digits ("1500000") or groups of three digits
// after a first group of one to three ("1.500.000"). The caller has
// already made sure only digits and dots remain.
func ungroup(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if !strings.Contains(s, ".") {
		return s, true
	}
	groups := strings.Split(s, ".")
	if n := len(groups[0]); n < 1 || n > 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

// errInvalid is the generic error for input that is not an amount at all.
func errInvalid(s string) error {
	return dagang.Errorf(dagang.EINVALID,
		"%q bukan nilai rupiah yang valid (contoh: Rp1.500.000, 1,5 juta, Rp119 miliar)",
		"%q is not a valid rupiah amount (examples: Rp1.500.000, 1,5 juta, Rp119 miliar)", clip(s))
}

// clip shortens s for quoting in an error message, so that a huge input
// does not make a huge message.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max]) + "…"
}

// magnitude returns |v| as a uint64, which is exact even for math.MinInt64.
func magnitude(v int64) uint64 {
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	return u
}

// group writes u in decimal with sep between groups of three digits.
func group(u uint64, sep byte) string {
	d := strconv.FormatUint(u, 10)
	var b strings.Builder
	b.Grow(len(d) + len(d)/3)
	for i := 0; i < len(d); i++ {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteByte(d[i])
	}
	return b.String()
}

// Format writes v in full, the way it appears on Indonesian documents:
// "Rp119.000.000.000", "Rp0", "-Rp1.500".
func Format(v int64) string {
	s := "Rp" + group(magnitude(v), '.')
	if v < 0 {
		return "-" + s
	}
	return s
}

// FormatEN is Format in English: "IDR 119,000,000,000", "-IDR 1,500".
func FormatEN(v int64) string {
	s := "IDR " + group(magnitude(v), ',')
	if v < 0 {
		return "-" + s
	}
	return s
}

// In writes v in full in lang (locale.ID or locale.EN): Format or FormatEN.
func In(lang string, v int64) string {
	if lang == locale.EN {
		return FormatEN(v)
	}
	return Format(v)
}

// ShortIn writes v briefly in lang: Short or ShortEN.
func ShortIn(lang string, v int64) string {
	if lang == locale.EN {
		return ShortEN(v)
	}
	return Short(v)
}

// unit is a named power of ten for Short and ShortEN.
type unit struct {
	size   uint64
	id, en string
}

// units runs from the largest down.
var units = []unit{
	{1e12, "triliun", "trillion"},
	{1e9, "miliar", "billion"},
	{1e6, "juta", "million"},
	{1e3, "ribu", "thousand"},
}

// Scale is the unit a chart axis of amounts up to max (in magnitude) is
// drawn in: its size and its name, "Rp miliar" and "IDR billion" for
// Rp119 miliar. Amounts below a million are drawn in rupiah ("Rp", "IDR").
func Scale(max int64) (size int64, id, en string) {
	u := magnitude(max)
	for _, x := range units {
		if x.size >= 1e6 && u >= x.size {
			return int64(x.size), styleID.prefix + " " + x.id, styleEN.prefix + x.en
		}
	}
	return 1, styleID.prefix, strings.TrimSpace(styleEN.prefix)
}

// style is how Short and ShortEN differ.
type style struct {
	prefix             string
	thousands, decimal byte
	english            bool
}

var (
	styleID = style{prefix: "Rp", thousands: '.', decimal: ','}
	styleEN = style{prefix: "IDR ", thousands: ',', decimal: '.', english: true}
)

// Short writes v in the short Indonesian form used in tables and
// summaries: "Rp119 miliar", "Rp1,5 miliar", "Rp2,24 triliun", "Rp500
// ribu"; amounts below a thousand exactly ("Rp750"). It keeps at most two
// decimals, rounding half away from zero, so it is for display only.
func Short(v int64) string {
	return short(v, styleID)
}

// ShortEN is Short in English: "IDR 119 billion", "IDR 1.5 billion",
// "IDR 750".
func ShortEN(v int64) string {
	return short(v, styleEN)
}

func short(v int64, st style) string {
	sign := ""
	if v < 0 {
		sign = "-"
	}
	u := magnitude(v)
	if u < 1000 {
		return sign + st.prefix + strconv.FormatUint(u, 10)
	}
	// Take the largest unit not above u. If rounding to hundredths
	// carries over to a thousand of it (999,995 ribu), take the next one
	// up instead, so that it reads "1 juta", not "1.000 ribu".
	i := 0
	for i < len(units)-1 && u < units[i].size {
		i++
	}
	q := hundredths(u, units[i].size)
	if q >= 1000*100 && i > 0 {
		i--
		q = hundredths(u, units[i].size)
	}
	word := units[i].id
	if st.english {
		word = units[i].en
	}
	s := sign + st.prefix + group(q/100, st.thousands)
	if c := q % 100; c != 0 {
		// Two decimals without trailing zeros: 50 -> "5", 5 -> "05".
		cs := strings.TrimRight(strconv.FormatUint(100+c, 10)[1:], "0")
		s += string(st.decimal) + cs
	}
	return s + " " + word
}

// hundredths returns u/size in hundredths, rounded half up. Short applies
// the sign afterwards, which makes it half away from zero.
func hundredths(u, size uint64) uint64 {
	step := size / 100
	q, r := u/step, u%step
	if 2*r >= step {
		q++
	}
	return q
}
