package agenda_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/ical/icaltest"
	"github.com/google/go-cmp/cmp"
)

// TestCalendarRoundTrip: the event's calendar file, read by a real
// iCalendar library, before and after a reschedule: a moved meeting keeps
// its UID with a higher SEQUENCE and its new start, a meeting taken off
// the schedule stays as CANCELLED, and the others are exactly as before.
func TestCalendarRoundTrip(t *testing.T) {
	icaltest.Available(t)
	db, s := loadDemo(t)
	ctx := context.Background()
	e := &dagang.Event{OfficeID: s.Office.ID, Kind: dagang.EventBusinessMeeting, Name: "Temu Bisnis Samarinda", HostProvince: "64", Venue: "Hotel Mesra, Samarinda",
		StartsOn: dagang.MustDate("2019-08-01"), EndsOn: dagang.MustDate("2019-08-02"), Slots: 3, Tables: 2, SlotMinutes: 20, DayStart: "09:00", MeetingDays: 2}
	if err := db.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	ps := buyers(t, db, s, e, "kaltim1", "kaltim2", "kaltim3", "sulsel1")
	// Three meetings on the first day, placed by hand.
	if err := db.ReplaceMeetings(ctx, e.ID, []*dagang.Meeting{{AID: ps[0], BID: ps[1], Slot: 0, Table: 0}, {AID: ps[2], BID: ps[3], Slot: 0, Table: 1}, {AID: ps[0], BID: ps[2], Slot: 1, Table: 0}}); err != nil {
		t.Fatal(err)
	}
	read := func() map[string]icaltest.Event {
		t.Helper()
		a, err := agenda.Load(ctx, db, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		c := icaltest.Parse(t, a.Calendar("id", 0).Bytes())
		if d := cmp.Diff([]string{dagang.ZoneWITA}, c.Zones); d != "" {
			t.Errorf("VTIMEZONE (-want +got):\n%s", d)
		}
		return c.ByUID()
	}
	uid := func(a, b int64) string {
		return (&dagang.CalendarEntry{EventID: e.ID, AID: min(a, b), BID: max(a, b)}).UID()
	}
	before := read()
	if len(before) != 3 {
		t.Fatalf("%d events in the file, want 3: %v", len(before), before)
	}
	first := before[uid(ps[0], ps[1])]
	if first.Start != "2019-08-01T09:00:00+08:00" || first.End != "2019-08-01T09:20:00+08:00" || first.TZID != dagang.ZoneWITA || first.Sequence != 0 || first.Status != "CONFIRMED" {
		t.Errorf("first meeting as read: %+v", first)
	}
	if first.Location != "Hotel Mesra, Samarinda, Meja 1" {
		t.Errorf("location %q", first.Location)
	}
	// The reschedule: the first pair moves to the second day, the pair
	// 0–2 is taken off, the pair 2–3 stays where it was.
	if err := db.ReplaceMeetings(ctx, e.ID, []*dagang.Meeting{{AID: ps[1], BID: ps[0], Slot: 4, Table: 0}, {AID: ps[2], BID: ps[3], Slot: 0, Table: 1}}); err != nil {
		t.Fatal(err)
	}
	after := read()
	moved := after[uid(ps[0], ps[1])]
	if moved.Sequence <= first.Sequence || moved.Start != "2019-08-02T09:20:00+08:00" || moved.Status != "CONFIRMED" {
		t.Errorf("moved meeting: %+v, was %+v", moved, first)
	}
	gone := after[uid(ps[0], ps[2])]
	if gone.Status != "CANCELLED" || gone.Sequence <= before[uid(ps[0], ps[2])].Sequence || gone.Start != before[uid(ps[0], ps[2])].Start {
		t.Errorf("dropped meeting: %+v", gone)
	}
	if d := cmp.Diff(before[uid(ps[2], ps[3])], after[uid(ps[2], ps[3])]); d != "" {
		t.Errorf("the untouched meeting changed (-before +after):\n%s", d)
	}
	// One participant's file: its meetings only, named by the other side.
	a, err := agenda.Load(ctx, db, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	own := icaltest.Parse(t, a.Calendar("en", ps[3]).Bytes())
	if len(own.Events) != 1 || own.Events[0].UID != uid(ps[2], ps[3]) || own.Events[0].Summary != "Meeting with "+a.Name(ps[2]) {
		t.Errorf("participant %d's file: %+v", ps[3], own.Events)
	}
}
