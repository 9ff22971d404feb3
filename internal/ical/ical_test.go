package ical_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang/internal/ical"
	"github.com/dagang/dagang/internal/ical/icaltest"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Temu Bisnis", "Temu Bisnis"},
		{"Meja 3, Hotel Aston; Samarinda", `Meja 3\, Hotel Aston\; Samarinda`},
		{`C:\path`, `C:\\path`},
		{"dua\nbaris", `dua\nbaris`},
		{"dua\r\nbaris", `dua\nbaris`},
		{"bel\x07", "bel"},
		{"kopi ☕ Toraja", "kopi ☕ Toraja"},
	} {
		if diff := cmp.Diff(tc.want, ical.Text(tc.in)); diff != "" {
			t.Errorf("Text(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func lines(t *testing.T, data []byte) []string {
	t.Helper()
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("the file does not end with CRLF")
	}
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Fatal("a line ends without CR")
	}
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

// unfold joins folded lines back (RFC 5545 3.1).
func unfold(ls []string) []string {
	var out []string
	for _, l := range ls {
		if strings.HasPrefix(l, " ") && len(out) > 0 {
			out[len(out)-1] += l[1:]
			continue
		}
		out = append(out, l)
	}
	return out
}

func makassar(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Long lines fold at 75 octets and never inside a character; unfolding
// gives the line back.
func TestFolding(t *testing.T) {
	loc := makassar(t)
	long := strings.Repeat("Pertemuan dengan Koperasi Kopi Toraja ☕ – kopi arabika 40 ton/bulan; ", 4)
	start := time.Date(2026, 3, 4, 10, 0, 0, 0, loc)
	c := &ical.Calendar{ProdID: "-//dagang//test//ID", Zone: loc, Events: []ical.Event{{UID: "meeting-1-2-3@dagang", Stamp: start, Start: start, End: start.Add(20 * time.Minute), Summary: long, Description: "ééééé" + long}}}
	ls := lines(t, c.Bytes())
	folded := 0
	for _, l := range ls {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line splits a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 4 {
		t.Errorf("%d folded lines, want the long ones folded", folded)
	}
	var summary string
	for _, l := range unfold(ls) {
		if v, ok := strings.CutPrefix(l, "SUMMARY:"); ok {
			summary = v
		}
	}
	if diff := cmp.Diff(ical.Text(long), summary); diff != "" {
		t.Errorf("unfolded SUMMARY (-want +got):\n%s", diff)
	}
}

// The lines of a calendar in an Indonesian zone: TZID on the times, one
// STANDARD observance with the fixed offset, UTC stamps, cancelled
// meetings marked.
func TestCalendar(t *testing.T) {
	loc := makassar(t)
	start := time.Date(2026, 3, 4, 10, 0, 0, 0, loc)
	stamp := time.Date(2026, 2, 20, 8, 30, 0, 0, time.UTC)
	c := &ical.Calendar{ProdID: "-//dagang//agenda//ID", Name: "Temu Bisnis Kaltim", Zone: loc, Events: []ical.Event{
		{UID: "meeting-7-11-12@dagang", Sequence: 2, Stamp: stamp, Start: start, End: start.Add(20 * time.Minute), Summary: "Pertemuan: PT Kopi", Location: "Hotel Aston, meja 3"},
		{UID: "meeting-7-11-13@dagang", Sequence: 1, Stamp: stamp, Start: start.Add(time.Hour), End: start.Add(80 * time.Minute), Summary: "Pertemuan: CV Beras", Cancelled: true},
	}}
	got := unfold(lines(t, c.Bytes()))
	want := []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//dagang//agenda//ID", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
		"X-WR-CALNAME:Temu Bisnis Kaltim", "X-WR-TIMEZONE:Asia/Makassar",
		"BEGIN:VTIMEZONE", "TZID:Asia/Makassar",
		"BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:WITA", "END:STANDARD",
		"END:VTIMEZONE",
		"BEGIN:VEVENT", "UID:meeting-7-11-12@dagang", "SEQUENCE:2", "DTSTAMP:20260220T083000Z", "LAST-MODIFIED:20260220T083000Z",
		"DTSTART;TZID=Asia/Makassar:20260304T100000", "DTEND;TZID=Asia/Makassar:20260304T102000",
		"SUMMARY:Pertemuan: PT Kopi", `LOCATION:Hotel Aston\, meja 3`, "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT",
		"BEGIN:VEVENT", "UID:meeting-7-11-13@dagang", "SEQUENCE:1", "DTSTAMP:20260220T083000Z", "LAST-MODIFIED:20260220T083000Z",
		"DTSTART;TZID=Asia/Makassar:20260304T110000", "DTEND;TZID=Asia/Makassar:20260304T112000",
		"SUMMARY:Pertemuan: CV Beras", "STATUS:CANCELLED", "TRANSP:OPAQUE", "END:VEVENT",
		"END:VCALENDAR",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// A zone with daylight saving gets an observance for each change within
// the events' days.
func TestDaylightZone(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 28, 10, 0, 0, 0, loc) // the clocks go forward on 29 March
	c := &ical.Calendar{ProdID: "-//dagang//test//EN", Zone: loc, Events: []ical.Event{
		{UID: "a@dagang", Stamp: start, Start: start, End: start.Add(time.Hour), Summary: "A"},
		{UID: "b@dagang", Stamp: start, Start: start.AddDate(0, 0, 2), End: start.AddDate(0, 0, 2).Add(time.Hour), Summary: "B"},
	}}
	var tz []string
	in := false
	for _, l := range unfold(lines(t, c.Bytes())) {
		switch {
		case l == "BEGIN:VTIMEZONE":
			in = true
		case l == "END:VTIMEZONE":
			in = false
		case in:
			tz = append(tz, l)
		}
	}
	want := []string{"TZID:Europe/Berlin",
		"BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100", "TZNAME:CET", "END:STANDARD",
		"BEGIN:DAYLIGHT", "DTSTART:20260329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "END:DAYLIGHT"}
	if diff := cmp.Diff(want, tz); diff != "" {
		t.Errorf("VTIMEZONE (-want +got):\n%s", diff)
	}
}

// A real iCalendar library reads the file as meant: times in the zone,
// escaped text back as written, cancelled meetings cancelled.
func TestParsedByLibrary(t *testing.T) {
	loc := makassar(t)
	start := time.Date(2026, 3, 4, 10, 0, 0, 0, loc)
	summary := "Pertemuan: Koperasi \"Kopi\" Toraja, Sulawesi; ☕ " + strings.Repeat("arabika ", 12)
	c := &ical.Calendar{ProdID: "-//dagang//agenda//ID", Name: "Temu Bisnis", Zone: loc, Events: []ical.Event{
		{UID: "meeting-7-11-12@dagang", Sequence: 3, Stamp: start, Start: start, End: start.Add(20 * time.Minute), Summary: summary, Description: "Meja 3\nProduk: kopi, teh"},
		{UID: "meeting-7-11-13@dagang", Stamp: start, Start: start.Add(time.Hour), End: start.Add(80 * time.Minute), Summary: "B", Cancelled: true},
	}}
	got := icaltest.Parse(t, c.Bytes())
	want := &icaltest.Calendar{Name: "Temu Bisnis", Zones: []string{"Asia/Makassar"}, Events: []icaltest.Event{
		{UID: "meeting-7-11-12@dagang", Sequence: 3, Start: "2026-03-04T10:00:00+08:00", End: "2026-03-04T10:20:00+08:00", TZID: "Asia/Makassar",
			Stamp: "2026-03-04T02:00:00+00:00", Status: "CONFIRMED", Summary: summary, Description: "Meja 3\nProduk: kopi, teh"},
		{UID: "meeting-7-11-13@dagang", Start: "2026-03-04T11:00:00+08:00", End: "2026-03-04T11:20:00+08:00", TZID: "Asia/Makassar",
			Stamp: "2026-03-04T02:00:00+00:00", Status: "CANCELLED", Summary: "B"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("as the library reads it (-want +got):\n%s", diff)
	}
}
