package locale

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// separators returns the thousands and decimal marks of lang:
// 1.250,5 in Indonesian, 1,250.5 in English.
func separators(lang string) (thousands, decimal string) {
	if lang == EN {
		return ",", "."
	}
	return ".", ","
}

// Number writes x with lang's separators and the given number of
// decimals; decimals < 0 keeps as many as x needs, at most two (1.250,5;
// 1.250; 0,33).
func Number(lang string, x float64, decimals int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	var s string
	if decimals < 0 {
		s = strconv.FormatFloat(x, 'f', 2, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	} else {
		s = strconv.FormatFloat(x, 'f', decimals, 64)
	}
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:] // -0,00 reads 0,00
	}
	return group(lang, s)
}

// Exact writes x with every decimal it has (0,153; 6,5), for figures
// quoted from a source.
func Exact(lang string, x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	return group(lang, strconv.FormatFloat(x, 'f', -1, 64))
}

// Int writes an integer with lang's thousands separator: 626.986
// (626,986 in English).
func Int(lang string, n int64) string {
	return group(lang, strconv.FormatInt(n, 10))
}

// group puts lang's marks into s, a number as strconv writes it.
func group(lang, s string) string {
	thou, dec := separators(lang)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(thou)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(dec + frac)
	}
	return b.String()
}

// Percent writes a share (0.246 for 24,6%) with the given decimals:
// 24,6% in Indonesian, 24.6% in English.
func Percent(lang string, share float64, decimals int) string {
	return Number(lang, share*100, decimals) + "%"
}

// Volume writes a quantity with its unit, at most two decimals:
// 626.986 ton (626,986 ton in English). The unit is the one recorded.
func Volume(lang string, x float64, unit string) string {
	s := Number(lang, x, -1)
	if unit == "" {
		return s
	}
	return s + " " + unit
}

// Distance writes kilometres without decimals: 1.566 km (1,566 km).
func Distance(lang string, km float64) string {
	return Number(lang, math.Round(km), 0) + " km"
}

// Month names month m (1–12) in lang: Januari, January.
func Month(lang string, m time.Month) string {
	if m < 1 || m > 12 {
		return strconv.Itoa(int(m))
	}
	return Msg(lang, "month."+strconv.Itoa(int(m)))
}

// Weekday names a day of the week in lang: Senin, Monday.
func Weekday(lang string, d time.Weekday) string {
	return Msg(lang, "weekday."+strconv.Itoa(int(d)))
}

// Date writes a calendar day: 2 Januari 2019 (2 January 2019). A zero
// year writes a dash.
func Date(lang string, year int, month time.Month, day int) string {
	if year == 0 || month < 1 || month > 12 {
		return "–"
	}
	return strconv.Itoa(day) + " " + Month(lang, month) + " " + strconv.Itoa(year)
}

// DateOf writes the calendar day of t as Date does.
func DateOf(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return Date(lang, t.Year(), t.Month(), t.Day())
}

// Clock writes a time of day: 14.05 in Indonesian, 14:05 in English.
func Clock(lang string, t time.Time) string {
	sep := "."
	if lang == EN {
		sep = ":"
	}
	return twoDigits(t.Hour()) + sep + twoDigits(t.Minute())
}

// When writes a moment as its day and time of day, in t's location:
// 2 Januari 2019 14.05 (2 January 2019 14:05).
func When(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return DateOf(lang, t) + " " + Clock(lang, t)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// SlotTime writes a span of time in start's zone with the zone's
// abbreviation and, when home is another zone, the same span at home
// beside it: "10.00–10.20 WITA (09.00–09.20 WIB)"; in English
// "10:00–10:20 WITA (09:00–09:20 WIB)". home nil: no home time.
func SlotTime(lang string, start, end time.Time, home *time.Location) string {
	span := func(a, b time.Time) string {
		z, _ := a.Zone()
		return Clock(lang, a) + "–" + Clock(lang, b) + " " + z
	}
	s := span(start, end)
	if home != nil {
		h := start.In(home)
		hz, hoff := h.Zone()
		z, off := start.Zone()
		if hoff != off || hz != z {
			s += " (" + span(h, end.In(home)) + ")"
		}
	}
	return s
}

// DayShort writes the day of t with its weekday: Kamis, 5 Maret 2026
// (Thursday, 5 March 2026).
func DayShort(lang string, t time.Time) string {
	return Weekday(lang, t.Weekday()) + ", " + DateOf(lang, t)
}
