// Package ical writes iCalendar files (RFC 5545) of an event's meetings:
// one VEVENT per meeting with a stable UID and a SEQUENCE that rises with
// every change, times in the event's zone (TZID) with its VTIMEZONE, and
// meetings taken off the schedule kept as STATUS:CANCELLED so that a
// calendar that imported the file earlier removes them. Only the standard
// library: the format is lines of text.
package ical

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is one iCalendar object.
type Calendar struct {
	ProdID string         // "-//dagang//agenda//ID"
	Name   string         // shown by calendars as the calendar's name
	Zone   *time.Location // of every DTSTART and DTEND
	Events []Event
}

// Event is one meeting.
type Event struct {
	UID        string
	Sequence   int
	Stamp      time.Time // DTSTAMP and LAST-MODIFIED: when it last changed
	Start, End time.Time
	Summary    string
	Location   string
	// Description may hold several lines.
	Description string
	Cancelled   bool
}

// Bytes is the calendar as a file.
func (c *Calendar) Bytes() []byte {
	var b bytes.Buffer
	c.WriteTo(&b) // a bytes.Buffer does not fail
	return b.Bytes()
}

// WriteTo writes the calendar: CRLF line ends, lines folded at 75
// octets without splitting a character.
func (c *Calendar) WriteTo(w io.Writer) (int64, error) {
	lw := &lineWriter{w: w}
	zone := c.Zone
	if zone == nil {
		zone = time.UTC
	}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.line("PRODID:" + c.ProdID)
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	if c.Name != "" {
		lw.line("X-WR-CALNAME:" + Text(c.Name))
	}
	lw.line("X-WR-TIMEZONE:" + zone.String())
	c.timezone(lw, zone)
	for _, e := range c.Events {
		lw.line("BEGIN:VEVENT")
		lw.line("UID:" + Text(e.UID))
		lw.line(fmt.Sprintf("SEQUENCE:%d", e.Sequence))
		lw.line("DTSTAMP:" + utc(e.Stamp))
		lw.line("LAST-MODIFIED:" + utc(e.Stamp))
		lw.line("DTSTART" + tzid(zone) + ":" + local(e.Start.In(zone)))
		lw.line("DTEND" + tzid(zone) + ":" + local(e.End.In(zone)))
		lw.line("SUMMARY:" + Text(e.Summary))
		if e.Location != "" {
			lw.line("LOCATION:" + Text(e.Location))
		}
		if e.Description != "" {
			lw.line("DESCRIPTION:" + Text(e.Description))
		}
		if e.Cancelled {
			lw.line("STATUS:CANCELLED")
		} else {
			lw.line("STATUS:CONFIRMED")
		}
		lw.line("TRANSP:OPAQUE")
		lw.line("END:VEVENT")
	}
	lw.line("END:VCALENDAR")
	return lw.n, lw.err
}

// timezone writes the VTIMEZONE of zone over the span of the events: an
// observance for the offset in force at the first event and one for
// every change of offset until the last (Indonesia's zones have none:
// one STANDARD with a fixed offset).
func (c *Calendar) timezone(lw *lineWriter, zone *time.Location) {
	from, to := c.span()
	type observance struct {
		at       time.Time
		prev     int // offset before, seconds
		off      int
		name     string
		daylight bool
	}
	name, off := from.In(zone).Zone()
	obs := []observance{{at: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), prev: off, off: off, name: name, daylight: from.In(zone).IsDST()}}
	// Offsets change at most a few times a year: step a day, then find
	// the second of each change.
	for t := from; t.Before(to); t = t.Add(24 * time.Hour) {
		next := t.Add(24 * time.Hour)
		_, a := t.In(zone).Zone()
		_, b := next.In(zone).Zone()
		if a == b {
			continue
		}
		lo, hi := t, next
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2)
			if _, m := mid.In(zone).Zone(); m == a {
				lo = mid
			} else {
				hi = mid
			}
		}
		n, o := hi.In(zone).Zone()
		obs = append(obs, observance{at: hi.Add(time.Duration(a) * time.Second).UTC(), prev: a, off: o, name: n, daylight: hi.In(zone).IsDST()})
	}
	lw.line("BEGIN:VTIMEZONE")
	lw.line("TZID:" + zone.String())
	for _, o := range obs {
		kind := "STANDARD"
		if o.daylight {
			kind = "DAYLIGHT"
		}
		lw.line("BEGIN:" + kind)
		// DTSTART of an observance is local time before the change.
		lw.line("DTSTART:" + o.at.Format("20060102T150405"))
		lw.line("TZOFFSETFROM:" + offset(o.prev))
		lw.line("TZOFFSETTO:" + offset(o.off))
		lw.line("TZNAME:" + Text(o.name))
		lw.line("END:" + kind)
	}
	lw.line("END:VTIMEZONE")
}

// span is from a day before the first event to a day after the last.
func (c *Calendar) span() (time.Time, time.Time) {
	if len(c.Events) == 0 {
		now := time.Unix(0, 0)
		return now, now
	}
	starts := make([]time.Time, 0, len(c.Events))
	ends := make([]time.Time, 0, len(c.Events))
	for _, e := range c.Events {
		starts = append(starts, e.Start)
		ends = append(ends, e.End)
	}
	from := slices.MinFunc(starts, time.Time.Compare)
	to := slices.MaxFunc(ends, time.Time.Compare)
	return from.Add(-24 * time.Hour).Truncate(time.Hour), to.Add(24 * time.Hour)
}

// Text escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and
// comma escaped, line breaks written as \n.
func Text(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteString(`\n`)
		default:
			if c < 0x20 && c != '\t' {
				continue // other control characters are not allowed
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

func tzid(zone *time.Location) string {
	name := zone.String()
	if strings.ContainsAny(name, ":;,") {
		name = `"` + name + `"`
	}
	return ";TZID=" + name
}

func local(t time.Time) string { return t.Format("20060102T150405") }
func utc(t time.Time) string   { return t.UTC().Format("20060102T150405Z") }

// offset writes seconds east of UTC as +hhmm.
func offset(s int) string {
	sign := "+"
	if s < 0 {
		sign, s = "-", -s
	}
	return fmt.Sprintf("%s%02d%02d", sign, s/3600, s/60%60)
}

// lineWriter writes content lines folded at 75 octets (RFC 5545 3.1):
// a longer line goes on after CRLF and one space, never inside a UTF-8
// sequence.
type lineWriter struct {
	w   io.Writer
	n   int64
	err error
}

const maxOctets = 75

func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	var b strings.Builder
	room := maxOctets
	for len(s) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		room = maxOctets - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	n, err := io.WriteString(lw.w, b.String())
	lw.n += int64(n)
	lw.err = err
}
