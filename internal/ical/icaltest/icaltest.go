// Package icaltest reads iCalendar files with a real iCalendar library,
// Python's icalendar (Debian: python3-icalendar), so that tests check
// what calendars will see rather than what the writer meant. Without it
// the tests skip, saying so, unless CI=true demands it.
package icaltest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Python is the interpreter that has the library (the distribution's).
const Python = "/usr/bin/python3"

// Event is a VEVENT as the library read it.
type Event struct {
	UID         string `json:"uid"`
	Sequence    int    `json:"sequence"`
	Start       string `json:"start"` // ISO 8601 with the offset, e.g. 2026-03-04T10:00:00+08:00
	End         string `json:"end"`
	TZID        string `json:"tzid"` // of DTSTART
	Stamp       string `json:"stamp"`
	Status      string `json:"status"`
	Summary     string `json:"summary"`
	Location    string `json:"location"`
	Description string `json:"description"`
}

// Calendar is a file as the library read it.
type Calendar struct {
	Name   string   `json:"name"`
	Zones  []string `json:"zones"` // TZID of each VTIMEZONE
	Events []Event  `json:"events"`
}

const script = `
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
def s(v):
    return "" if v is None else str(v)
out = {"name": s(cal.get("X-WR-CALNAME")), "zones": [s(z.get("TZID")) for z in cal.walk("VTIMEZONE")], "events": []}
for e in cal.walk("VEVENT"):
    st = e.get("DTSTART")
    out["events"].append({
        "uid": s(e.get("UID")), "sequence": int(e.get("SEQUENCE", 0)),
        "start": st.dt.isoformat(), "end": e.get("DTEND").dt.isoformat(),
        "tzid": s(st.params.get("TZID")), "stamp": e.get("DTSTAMP").dt.isoformat(),
        "status": s(e.get("STATUS")), "summary": s(e.get("SUMMARY")),
        "location": s(e.get("LOCATION")), "description": s(e.get("DESCRIPTION")),
    })
json.dump(out, sys.stdout)
`

// Available skips t when the library is missing, failing instead when
// CI=true.
func Available(t testing.TB) {
	t.Helper()
	if err := exec.Command(Python, "-c", "import icalendar").Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true needs %s with the icalendar module (Debian: apt-get install python3-icalendar): %v", Python, err)
		}
		t.Skipf("skipped: %s cannot import icalendar (Debian: apt-get install python3-icalendar); CI=true makes this a failure", Python)
	}
}

// Parse reads data with the library; a file it refuses fails t.
func Parse(t testing.TB, data []byte) *Calendar {
	t.Helper()
	Available(t)
	cmd := exec.Command(Python, "-c", script)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("icalendar cannot read the file: %v\n%s\n--- file:\n%s", err, strings.TrimSpace(stderr.String()), data)
	}
	var c Calendar
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatalf("icalendar's answer: %v: %s", err, out)
	}
	return &c
}

// ByUID maps the events of c by UID.
func (c *Calendar) ByUID() map[string]Event {
	m := make(map[string]Event, len(c.Events))
	for _, e := range c.Events {
		m[e.UID] = e
	}
	return m
}
