package money

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
)

// parseTests are the accepted forms; they also seed FuzzParse.
var parseTests = []struct {
	in   string
	want int64
}{
	// Full amounts, with and without the currency and thousands dots.
	{"Rp119.000.000.000", 119_000_000_000},
	{"Rp 119.000.000.000", 119_000_000_000},
	{"rp119000000000", 119_000_000_000},
	{"RP 119000000000", 119_000_000_000},
	{"Rp.119.000.000.000", 119_000_000_000},
	{"Rp. 1.500", 1500},
	{"119000000000", 119_000_000_000},
	{"119.000.000.000", 119_000_000_000},
	{"0", 0},
	{"Rp0", 0},
	{"007", 7},
	{"1.000", 1000},
	{"12.345", 12345},
	{"999", 999},
	{"  Rp 1.500.000  ", 1_500_000},
	{"\tRp1.500.000\n", 1_500_000},

	// Zero cents.
	{"Rp 1.500.000,00", 1_500_000},
	{"Rp1.500.000,0", 1_500_000},
	{"1500000,00", 1_500_000},
	{"Rp1.500.000,-", 1_500_000},
	{"Rp 1.500.000, -", 1_500_000},

	// Unit words.
	{"Rp 119 miliar", 119_000_000_000},
	{"Rp119 miliar", 119_000_000_000},
	{"119 miliar", 119_000_000_000},
	{"119miliar", 119_000_000_000},
	{"119 MILIAR", 119_000_000_000},
	{"119 milyar", 119_000_000_000},
	{"1,5 miliar", 1_500_000_000},
	{"Rp1,5 juta", 1_500_000},
	{"Rp2,24 triliun", 2_240_000_000_000},
	{"Rp 500 ribu", 500_000},
	{"1.500 juta", 1_500_000_000},
	{"1,500 juta", 1_500_000},
	{"0,5 ribu", 500},
	{"0,001 ribu", 1},
	{"1,000000 juta", 1_000_000},
	{"1,50000000000000000000 juta", 1_500_000},
	{"Rp1,5 M", 1_500_000_000},
	{"Rp1,5M", 1_500_000_000},
	{"2 T", 2_000_000_000_000},
	{"3 jt", 3_000_000},
	{"3jt", 3_000_000},
	{"3 JT", 3_000_000},
	{"250 rb", 250_000},
	{"250rb", 250_000},
	{"1 thousand", 1000},
	{"1,5 million", 1_500_000},
	{"119 billion", 119_000_000_000},
	{"2,24 trillion", 2_240_000_000_000},
	{"Rp 1,5   juta", 1_500_000},
	{"9.223.372 triliun", 9_223_372_000_000_000_000},
	{"9.223.372,036854775807 triliun", math.MaxInt64},

	// Signs.
	{"-1.500", -1500},
	{"-Rp1.500", -1500},
	{"- Rp 1.500", -1500},
	{"Rp -1.500", -1500},
	{"Rp-1,5 juta", -1_500_000},
	{"-0", 0},
	{"-Rp0", 0},

	// Edges of int64.
	{"9223372036854775807", math.MaxInt64},
	{"Rp9.223.372.036.854.775.807", math.MaxInt64},
	{"-9223372036854775808", math.MinInt64},
	{"-Rp9.223.372.036.854.775.808", math.MinInt64},
	{"-9.223.372,036854775808 triliun", math.MinInt64},
	{"00000000000000000000000000000001", 1},
}

// parseErrors are rejected inputs, each with a piece of the Indonesian
// message that says what is wrong.
var parseErrors = []struct {
	in, msg string
}{
	{"", "kosong"},
	{"   ", "kosong"},
	{"Rp", "bukan nilai rupiah yang valid"},
	{"Rp ", "bukan nilai rupiah yang valid"},
	{"-", "bukan nilai rupiah yang valid"},
	{"abc", "bukan nilai rupiah yang valid"},
	{"Rp abc", "bukan nilai rupiah yang valid"},
	{"miliar", "bukan nilai rupiah yang valid"},
	{"IDR 1.500", "bukan nilai rupiah yang valid"},
	{"+1.500", "bukan nilai rupiah yang valid"},
	{"--1.500", "bukan nilai rupiah yang valid"},
	{"-Rp-1.500", "bukan nilai rupiah yang valid"},
	{",5 juta", "bukan nilai rupiah yang valid"},
	{".500", "bukan nilai rupiah yang valid"},
	{"1,", "bukan nilai rupiah yang valid"},
	{"1, juta", "bukan nilai rupiah yang valid"},
	{"１２３", "bukan nilai rupiah yang valid"},
	{"12abc", "satuan \"abc\" tidak dikenal"},
	{"1 2", "satuan \"2\" tidak dikenal"},
	{"119 000 000", "tidak dikenal"},
	{"1,5 m", "satuan \"m\" tidak dikenal"},
	{"1,5 t", "tidak dikenal"},
	{"1,5 miliar juta", "tidak dikenal"},
	{"1.500 Rp", "tidak dikenal"},
	{"1,5 juta,-", "tidak dikenal"},
	{"1,5,0", "koma hanya boleh muncul sekali"},
	{"1,000,000", "koma hanya boleh muncul sekali"},
	{"1,5,-", "koma hanya boleh muncul sekali"},
	{"1.50.000", "titik pemisah ribuan salah tempat"},
	{"1.5 miliar", "titik pemisah ribuan salah tempat"},
	{"1000.000", "titik pemisah ribuan salah tempat"},
	{"1..000", "titik pemisah ribuan salah tempat"},
	{"1.000.", "titik pemisah ribuan salah tempat"},
	{"1.0000", "titik pemisah ribuan salah tempat"},
	{"1,500.000", "titik pemisah ribuan salah tempat"},
	{"Rp..500", "bukan nilai rupiah yang valid"},
	{"1,5", "sen"},
	{"Rp1.500,50", "sen"},
	{"1,01", "sen"},
	{"1,000", "sen"},
	{"1,0000005 juta", "bukan jumlah rupiah bulat"},
	{"0,0001 ribu", "bukan jumlah rupiah bulat"},
	{"1,5555 ribu", "bukan jumlah rupiah bulat"},
	{"9223372036854775808", "di luar batas"},
	{"-9223372036854775809", "di luar batas"},
	{"Rp9.223.372.036.854.775.808", "di luar batas"},
	{"99999999999999999999", "di luar batas"},
	{"9.223.373 triliun", "di luar batas"},
	{"10000000 triliun", "di luar batas"},
	{"18446744073709551616", "di luar batas"}, // 2^64 must not wrap to 0
	{"18446744073709551617", "di luar batas"}, // nor to 1
	{"Rp\xff1.500", "bukan UTF-8"},
	{"1.500\xc3", "bukan UTF-8"},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrors {
		got, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %d, want an error", tt.in, got)
			continue
		}
		var e *dagang.Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q) error is %T, want *dagang.Error", tt.in, err)
			continue
		}
		type summary struct {
			Value        int64
			Code         string
			HasMessageEN bool
			Fields       int
			MentionsMsg  bool
		}
		want := summary{Code: dagang.EINVALID, HasMessageEN: true, MentionsMsg: true}
		gotS := summary{
			Value:        got,
			Code:         e.Code,
			HasMessageEN: e.MessageEN != "",
			Fields:       len(e.Fields),
			MentionsMsg:  strings.Contains(e.Message, tt.msg),
		}
		if diff := cmp.Diff(want, gotS); diff != "" {
			t.Errorf("Parse(%q) error %q mismatch (-want +got):\n%s", tt.in, e.Message, diff)
		}
	}
}

// TestParseErrorMessage pins the exact wording of the common error and
// checks that callers can attach a field name to it.
func TestParseErrorMessage(t *testing.T) {
	_, err := Parse("abc")
	var e *dagang.Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse(\"abc\") error = %v, want *dagang.Error", err)
	}
	want := &dagang.Error{
		Code:      dagang.EINVALID,
		Message:   `"abc" bukan nilai rupiah yang valid (contoh: Rp1.500.000, 1,5 juta, Rp119 miliar)`,
		MessageEN: `"abc" is not a valid rupiah amount (examples: Rp1.500.000, 1,5 juta, Rp119 miliar)`,
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("error mismatch (-want +got):\n%s", diff)
	}

	var v dagang.Validation
	v.Merge("nilai", err)
	var merged *dagang.Error
	if !errors.As(v.Err(), &merged) {
		t.Fatal("Validation.Err() is not a *dagang.Error")
	}
	wantFields := []dagang.FieldError{{Field: "nilai", Message: want.Message, MessageEN: want.MessageEN}}
	if diff := cmp.Diff(wantFields, merged.Fields); diff != "" {
		t.Errorf("merged fields mismatch (-want +got):\n%s", diff)
	}
}

func TestParseLongInputIsClipped(t *testing.T) {
	_, err := Parse(strings.Repeat("x", 10_000))
	if err == nil || len(err.Error()) > 200 {
		t.Errorf("Parse(long garbage) error = %.300q, want a short message", err)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		in                     int64
		format, short, shortEN string
	}{
		{0, "Rp0", "Rp0", "IDR 0"},
		{1, "Rp1", "Rp1", "IDR 1"},
		{750, "Rp750", "Rp750", "IDR 750"},
		{999, "Rp999", "Rp999", "IDR 999"},
		{-999, "-Rp999", "-Rp999", "-IDR 999"},
		{1000, "Rp1.000", "Rp1 ribu", "IDR 1 thousand"},
		{1500, "Rp1.500", "Rp1,5 ribu", "IDR 1.5 thousand"},
		{-1500, "-Rp1.500", "-Rp1,5 ribu", "-IDR 1.5 thousand"},
		{1005, "Rp1.005", "Rp1,01 ribu", "IDR 1.01 thousand"},     // half away from zero
		{-1005, "-Rp1.005", "-Rp1,01 ribu", "-IDR 1.01 thousand"}, // also for negatives
		{1004, "Rp1.004", "Rp1 ribu", "IDR 1 thousand"},
		{500_000, "Rp500.000", "Rp500 ribu", "IDR 500 thousand"},
		{999_994, "Rp999.994", "Rp999,99 ribu", "IDR 999.99 thousand"},
		{999_995, "Rp999.995", "Rp1 juta", "IDR 1 million"},
		{999_995_000, "Rp999.995.000", "Rp1 miliar", "IDR 1 billion"},
		{999_999_999_999_999, "Rp999.999.999.999.999", "Rp1.000 triliun", "IDR 1,000 trillion"},
		{1_500_000, "Rp1.500.000", "Rp1,5 juta", "IDR 1.5 million"},
		{1_050_000, "Rp1.050.000", "Rp1,05 juta", "IDR 1.05 million"},
		{12_345_678, "Rp12.345.678", "Rp12,35 juta", "IDR 12.35 million"},
		{1_500_000_000, "Rp1.500.000.000", "Rp1,5 miliar", "IDR 1.5 billion"},
		{119_000_000_000, "Rp119.000.000.000", "Rp119 miliar", "IDR 119 billion"},
		{2_240_000_000_000, "Rp2.240.000.000.000", "Rp2,24 triliun", "IDR 2.24 trillion"},
		{1_234_000_000_000_000, "Rp1.234.000.000.000.000", "Rp1.234 triliun", "IDR 1,234 trillion"},
		{math.MaxInt64, "Rp9.223.372.036.854.775.807", "Rp9.223.372,04 triliun", "IDR 9,223,372.04 trillion"},
		{math.MinInt64, "-Rp9.223.372.036.854.775.808", "-Rp9.223.372,04 triliun", "-IDR 9,223,372.04 trillion"},
	}
	for _, tt := range tests {
		got := [3]string{Format(tt.in), Short(tt.in), ShortEN(tt.in)}
		want := [3]string{tt.format, tt.short, tt.shortEN}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("[Format Short ShortEN](%d) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

// roundTripValues returns edge cases and a fixed set of pseudo-random
// values of every magnitude.
func roundTripValues() []int64 {
	vs := []int64{0, 1, -1, 9, 10, 999, 1000, -1000, 1001, 999_999, 1_000_000,
		math.MaxInt64, math.MaxInt64 - 1, math.MinInt64, math.MinInt64 + 1,
		math.MaxInt32, math.MinInt32, math.MaxUint32}
	for p := int64(1); p <= math.MaxInt64/10; p *= 10 {
		vs = append(vs, p, p-1, p+1, -p, -p+1, -p-1)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 10_000 {
		v := r.Int64() >> r.IntN(63) // spread over all magnitudes
		if r.IntN(2) == 0 {
			v = -v
		}
		vs = append(vs, v)
	}
	return vs
}

func TestRoundTrip(t *testing.T) {
	for _, v := range roundTripValues() {
		for _, s := range []string{Format(v), strconv.FormatInt(v, 10)} {
			got, err := Parse(s)
			if err != nil {
				t.Errorf("Parse(%q) (from %d): %v", s, v, err)
				continue
			}
			if diff := cmp.Diff(v, got); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", s, diff)
			}
		}
	}
}

// TestShortParses checks that Short output reads back within its rounding:
// at most half a hundredth of the unit it chose.
func TestShortParses(t *testing.T) {
	for _, v := range roundTripValues() {
		if v > 1e18 || v < -1e18 {
			continue // rounding up may leave the int64 range
		}
		s := Short(v)
		got, err := Parse(s)
		if err != nil {
			t.Errorf("Parse(Short(%d) = %q): %v", v, s, err)
			continue
		}
		tol := int64(0)
		for _, un := range units {
			if strings.HasSuffix(s, " "+un.id) {
				tol = int64(un.size) / 200
				break
			}
		}
		if d := got - v; d > tol || d < -tol {
			t.Errorf("Parse(Short(%d) = %q) = %d, off by %d (> %d)", v, s, got, d, tol)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	for _, tt := range parseErrors {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			var e *dagang.Error
			if !errors.As(err, &e) || e.Code != dagang.EINVALID || e.Message == "" {
				t.Fatalf("Parse(%q) error = %#v, want an EINVALID *dagang.Error", s, err)
			}
			return
		}
		for _, out := range []string{Format(v), strconv.FormatInt(v, 10)} {
			back, err := Parse(out)
			if err != nil || back != v {
				t.Fatalf("Parse(%q) = %d, but Parse(%q) = %d, %v", s, v, out, back, err)
			}
		}
		_, _ = Short(v), ShortEN(v) // must not panic
	})
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("Rp 1.234.567.890,00"); err != nil {
			b.Fatal(err)
		}
		if _, err := Parse("Rp2,24 triliun"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormat(b *testing.B) {
	for b.Loop() {
		_ = Format(-1_234_567_890_123)
		_ = Short(2_240_000_000_000)
	}
}

func TestScale(t *testing.T) {
	tests := []struct {
		max    int64
		size   int64
		id, en string
	}{
		{0, 1, "Rp", "IDR"},
		{999_999, 1, "Rp", "IDR"},
		{1_000_000, 1e6, "Rp juta", "IDR million"},
		{45_250_000_000, 1e9, "Rp miliar", "IDR billion"},
		{-45_250_000_000, 1e9, "Rp miliar", "IDR billion"},
		{2_240_000_000_000, 1e12, "Rp triliun", "IDR trillion"},
	}
	for _, tt := range tests {
		size, id, en := Scale(tt.max)
		if size != tt.size || id != tt.id || en != tt.en {
			t.Errorf("Scale(%d) = %d, %q, %q; want %d, %q, %q", tt.max, size, id, en, tt.size, tt.id, tt.en)
		}
	}
}

func TestIn(t *testing.T) {
	for _, c := range []struct {
		lang  string
		v     int64
		full  string
		brief string
	}{
		{"id", 1500000000, "Rp1.500.000.000", "Rp1,5 miliar"},
		{"en", 1500000000, "IDR 1,500,000,000", "IDR 1.5 billion"},
		{"en", -1500, "-IDR 1,500", "-IDR 1.5 thousand"},
		{"id", 0, "Rp0", "Rp0"},
	} {
		if got := In(c.lang, c.v); got != c.full {
			t.Errorf("In(%s, %d) = %q, want %q", c.lang, c.v, got, c.full)
		}
		if got := ShortIn(c.lang, c.v); got != c.brief {
			t.Errorf("ShortIn(%s, %d) = %q, want %q", c.lang, c.v, got, c.brief)
		}
	}
}
