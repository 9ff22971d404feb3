package agenda_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

// TestDaysAndSessions: on an event of two meeting days a participant says
// when it can meet by day and session; the scheduler puts its meetings
// only where it said, and slots carry their dates.
func TestDaysAndSessions(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	e := &dagang.Event{OfficeID: s.Office.ID, Kind: dagang.EventBusinessMeeting, Name: "Temu Bisnis dua hari", HostProvince: "64",
		StartsOn: dagang.MustDate("2019-08-01"), EndsOn: dagang.MustDate("2019-08-02"), Slots: 2, Tables: 2, SlotMinutes: 30, DayStart: "09:00", LunchAfter: 1, MeetingDays: 2}
	if err := db.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	g, err := agenda.NewGrid(e)
	if err != nil {
		t.Fatal(err)
	}
	d1, d2 := dagang.MustDate("2019-08-01"), dagang.MustDate("2019-08-02")
	want := []agenda.SessionChoice{
		{Index: 0, Name: "pagi", Date: d1, MultiDay: true, Time: "09:00–09:30", Available: true},
		{Index: 1, Name: "siang", Date: d1, MultiDay: true, Time: "10:30–11:00", Available: true},
		{Index: 2, Name: "pagi", Day: 1, Date: d2, MultiDay: true, Time: "09:00–09:30", Available: true},
		{Index: 3, Name: "siang", Day: 1, Date: d2, MultiDay: true, Time: "10:30–11:00", Available: true},
	}
	if d := cmp.Diff(want, g.SessionChoices(nil)); d != "" {
		t.Errorf("choices (-want +got):\n%s", d)
	}
	if got, want := g.Time(2), "hari 2, 09:00–09:30"; got != want {
		t.Errorf("Time(2) = %q, want %q", got, want)
	}
	if got, want := g.When("id", 3, dagang.ProvinceZone("63")), "Jumat, 2 Agustus 2019 · 10.30–11.00 WITA"; got != want {
		t.Errorf("When(3) = %q, want %q", got, want)
	}
	if got, want := g.When("en", 0, dagang.ProvinceZone("31")), "Thursday, 1 August 2019 · 09:00–09:30 WITA (08:00–08:30 WIB)"; got != want {
		t.Errorf("When(0) = %q, want %q", got, want)
	}
	ps := buyers(t, db, s, e, "kaltim1", "kaltim2", "kaltim3")
	// The first participant comes on the second day only.
	off, err := g.UnavailableFor(nil, []string{"2", "3"})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]int{0, 1}, off); d != "" {
		t.Errorf("unavailable (-want +got):\n%s", d)
	}
	if err := db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[0], Unavailable: off}); err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]int64{{ps[0], ps[1]}, {ps[0], ps[2]}, {ps[1], ps[2]}} {
		if err := db.CreateMeetingRequest(ctx, &dagang.MeetingRequest{EventID: e.ID, FromID: pair[0], ToID: pair[1], Priority: 3, Status: dagang.RequestApproved}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := agenda.Solve(ctx, db, e.ID, fast)
	if err != nil {
		t.Fatal(err)
	}
	if res.Scheduled != 3 {
		t.Errorf("scheduled %d of 3: %+v", res.Scheduled, res)
	}
	ms := meetings(t, db, e.ID)
	for _, m := range ms {
		if (m.AID == ps[0] || m.BID == ps[0]) && m.Slot < 2 {
			t.Errorf("the first participant meets on day 1 (slot %d)", m.Slot)
		}
		if m.Slot < 0 || m.Slot >= 4 {
			t.Errorf("meeting at slot %d is off the two days' grid", m.Slot)
		}
	}
}

// buyers registers the demo story's organisations of keys as selected
// buyers of e and returns their participation IDs.
func buyers(t *testing.T, db *store.DB, s *demo.Story, e *dagang.Event, keys ...string) []int64 {
	t.Helper()
	var ps []int64
	for _, key := range keys {
		p := &dagang.Participation{EventID: e.ID, Role: dagang.RoleBuyer, OrganisationID: s.Orgs[key].ID, Status: dagang.ParticipationSelected}
		if err := db.CreateParticipation(context.Background(), p); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p.ID)
	}
	return ps
}
