package dagang

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day without time of day or zone. The zero Date means
// "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a date in the form 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, Errorf(EINVALID, "%q bukan tanggal yang valid (format TTTT-BB-HH)", "%q is not a valid date (format YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in code; it panics on a bad literal.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Today is the real calendar day (of the machine's clock): the office's
// day by default. The office's day is the one its business is decided on
// (whether an open call still takes applications, which follow-ups fall
// due, the default date of a new record), as distinct from the wall clock
// that governs sessions, cookies, signed links and rate limits; it is a
// seam of its own (web.Config.Today, `dagang serve --today`) so that the
// demo can re-enact its 2019 story on a day of that year.
func Today() Date { return DateOf(time.Now()) }

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String formats d as 2006-01-02, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// AddMonths returns d moved by n calendar months (normalised like time.AddDate).
func (d Date) AddMonths(n int) Date { return DateOf(d.Time().AddDate(0, n, 0)) }

// MarshalJSON writes "2006-01-02", or null when unset.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "2006-01-02" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "tanggal harus berupa teks TTTT-BB-HH", "a date must be a YYYY-MM-DD string")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// validDay reports whether d is within the range the application accepts.
func validDay(d Date) bool { return d.Year >= 1945 && d.Year <= 2200 }
