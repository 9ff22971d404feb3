package dagang_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
)

func gridEvent(host, zone string, days, slots, lunch int) *dagang.Event {
	return &dagang.Event{OfficeID: 1, Kind: dagang.EventBusinessMeeting, Name: "Temu bisnis", HostProvince: host, StartsOn: dagang.MustDate("2026-03-04"),
		EndsOn: dagang.MustDate("2026-03-06"), Status: dagang.EventPlanned, Slots: slots, Tables: 4, SlotMinutes: 20, DayStart: "09:00", LunchAfter: lunch,
		MeetingDays: days, TimeZone: zone}
}

func TestEventZone(t *testing.T) {
	for _, tc := range []struct {
		host, zone, want string
	}{
		{"64", "", dagang.ZoneWITA},                 // East Kalimantan: the host's zone
		{"31", "", dagang.ZoneWIB},                  // Jakarta
		{"91", "", dagang.ZoneWIT},                  // Papua
		{"64", "Asia/Jakarta", dagang.ZoneWIB},      // set: it wins
		{"64", "Asia/Banjarmasin", dagang.ZoneWITA}, // unknown (refused by Validate): the host's
	} {
		if got := gridEvent(tc.host, tc.zone, 1, 6, 0).ZoneName(); got != tc.want {
			t.Errorf("host %s zone %q: %s, want %s", tc.host, tc.zone, got, tc.want)
		}
	}
}

func TestEventSlotAt(t *testing.T) {
	type slot struct {
		Day, Index  int
		Date, Start string
		End         string
	}
	at := func(e *dagang.Event, s int) *slot {
		st, ok := e.SlotAt(s)
		if !ok {
			return nil
		}
		return &slot{st.Day, st.Index, st.Date.String(), st.Start.Format("15:04 MST"), st.End.Format("15:04 MST")}
	}
	one := gridEvent("64", "", 1, 6, 3)
	three := gridEvent("31", "", 3, 4, 2)
	papua := gridEvent("91", "", 2, 4, 0)
	for _, tc := range []struct {
		name string
		e    *dagang.Event
		slot int
		want *slot
	}{
		{"first", one, 0, &slot{0, 0, "2026-03-04", "09:00 WITA", "09:20 WITA"}},
		{"before lunch", one, 2, &slot{0, 2, "2026-03-04", "09:40 WITA", "10:00 WITA"}},
		{"after lunch", one, 3, &slot{0, 3, "2026-03-04", "11:00 WITA", "11:20 WITA"}},
		{"past the day", one, 6, nil},
		{"negative", one, -1, nil},
		{"day 2 first", three, 4, &slot{1, 0, "2026-03-05", "09:00 WIB", "09:20 WIB"}},
		{"day 3 after lunch", three, 10, &slot{2, 2, "2026-03-06", "10:40 WIB", "11:00 WIB"}},
		{"past day 3", three, 12, nil},
		{"WIT day 2", papua, 7, &slot{1, 3, "2026-03-05", "10:00 WIT", "10:20 WIT"}},
	} {
		if diff := cmp.Diff(tc.want, at(tc.e, tc.slot)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
	// The instants are the zone's: 09:00 WITA is 01:00 UTC.
	if st, _ := one.SlotAt(0); !st.Start.Equal(time.Date(2026, 3, 4, 1, 0, 0, 0, time.UTC)) {
		t.Errorf("slot 0 starts at %v UTC", st.Start.UTC())
	}
}

func TestEventSessions(t *testing.T) {
	type session struct {
		Day       int
		Date, Key string
		Name      string
		From, To  int
	}
	list := func(e *dagang.Event) []session {
		var out []session
		for _, s := range e.Sessions() {
			out = append(out, session{s.Day, s.Date.String(), s.Key, s.Name, s.From, s.To})
		}
		return out
	}
	for _, tc := range []struct {
		name string
		e    *dagang.Event
		want []session
	}{
		{"one day without lunch", gridEvent("64", "", 0, 6, 0), []session{{0, "2026-03-04", "hari", "hari", 0, 6}}},
		{"one day with lunch", gridEvent("64", "", 1, 6, 3), []session{{0, "2026-03-04", "pagi", "pagi", 0, 3}, {0, "2026-03-04", "siang", "siang", 3, 6}}},
		{"two days with lunch", gridEvent("64", "", 2, 4, 2), []session{
			{0, "2026-03-04", "h1-pagi", "pagi", 0, 2}, {0, "2026-03-04", "h1-siang", "siang", 2, 4},
			{1, "2026-03-05", "h2-pagi", "pagi", 4, 6}, {1, "2026-03-05", "h2-siang", "siang", 6, 8}}},
		{"lunch past the day is none", gridEvent("64", "", 2, 3, 3), []session{{0, "2026-03-04", "h1-hari", "hari", 0, 3}, {1, "2026-03-05", "h2-hari", "hari", 3, 6}}},
	} {
		if diff := cmp.Diff(tc.want, list(tc.e)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestEventGridValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(e *dagang.Event)
		field string // "" valid
		word  string // in the English message
	}{
		{"one day", func(e *dagang.Event) {}, "", ""},
		{"three days within the dates", func(e *dagang.Event) { e.MeetingDays = 3 }, "", ""},
		{"zone set", func(e *dagang.Event) { e.TimeZone = dagang.ZoneWIT }, "", ""},
		{"unknown zone", func(e *dagang.Event) { e.TimeZone = "Asia/Banjarmasin" }, "time_zone", "Asia/Banjarmasin"},
		{"Local is no zone", func(e *dagang.Event) { e.TimeZone = "Local" }, "time_zone", "IANA"},
		{"days past the end", func(e *dagang.Event) { e.MeetingDays = 4 }, "meeting_days", "end date"},
		{"too many days", func(e *dagang.Event) { e.MeetingDays = 8; e.EndsOn = dagang.Date{} }, "meeting_days", "1–7"},
		{"negative days", func(e *dagang.Event) { e.MeetingDays = -1 }, "meeting_days", "1–7"},
		{"too many slots", func(e *dagang.Event) { e.Slots, e.LunchAfter, e.MeetingDays, e.EndsOn = 200, 0, 6, dagang.Date{} }, "meeting_days", "1000"},
	} {
		e := gridEvent("64", "", 1, 6, 3)
		tc.edit(e)
		err := e.Validate()
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		de, ok := err.(*dagang.Error)
		if !ok || len(de.Fields) != 1 || de.Fields[0].Field != tc.field || !strings.Contains(de.Fields[0].MessageEN, tc.word) {
			t.Errorf("%s: %#v, want one error on %s mentioning %q", tc.name, err, tc.field, tc.word)
		}
	}
}
