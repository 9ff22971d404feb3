package agenda_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/ical/icaltest"
	"github.com/dagang/dagang/internal/jobs"
	"github.com/dagang/dagang/internal/notify"
	"github.com/dagang/dagang/internal/smtptest"
)

// TestPublishAndAnnounce: nobody hears of an agenda before staff publish
// it; publishing sends every participant its agenda by e-mail in its own
// language, at the event's time and, for a participant from another zone,
// its home time beside it, with its calendar file attached; after that a
// move is announced only to the two participants of the moved meeting.
func TestPublishAndAnnounce(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	e := &dagang.Event{OfficeID: s.Office.ID, Kind: dagang.EventBusinessMeeting, Name: "Temu Bisnis Balikpapan", HostProvince: "64", Venue: "Balikpapan",
		StartsOn: dagang.MustDate("2019-09-03"), Slots: 4, Tables: 2, SlotMinutes: 20, DayStart: "10:00"}
	if err := db.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	join := func(p *dagang.Participation) int64 {
		t.Helper()
		p.EventID, p.Status = e.ID, dagang.ParticipationSelected
		if err := db.CreateParticipation(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	biz := join(&dagang.Participation{Role: dagang.RoleMatching, BusinessID: s.Businesses["a1"].ID})
	jatim := join(&dagang.Participation{Role: dagang.RoleBuyer, OrganisationID: s.Orgs["jatim1"].ID})
	k1 := join(&dagang.Participation{Role: dagang.RoleBuyer, OrganisationID: s.Orgs["kaltim1"].ID})
	k2 := join(&dagang.Participation{Role: dagang.RoleBuyer, OrganisationID: s.Orgs["kaltim2"].ID})
	// One account per party, the Surabaya buyer's in English.
	mail := map[int64]string{}
	for i, u := range []*dagang.User{
		{Role: dagang.UserBusiness, BusinessID: s.Businesses["a1"].ID, Lang: "id"},
		{Role: dagang.UserCounterpart, OrganisationID: s.Orgs["jatim1"].ID, Lang: "en"},
		{Role: dagang.UserCounterpart, OrganisationID: s.Orgs["kaltim1"].ID, Lang: "id"},
		{Role: dagang.UserCounterpart, OrganisationID: s.Orgs["kaltim2"].ID, Lang: "id"},
	} {
		u.OfficeID, u.Name, u.Email = s.Office.ID, fmt.Sprintf("Peserta %d", i+1), fmt.Sprintf("peserta%d@agenda.example", i+1)
		if err := db.CreateUser(ctx, u, "-"); err != nil {
			t.Fatal(err)
		}
		mail[[]int64{biz, jatim, k1, k2}[i]] = u.Email
	}
	for _, pair := range [][2]int64{{biz, jatim}, {k1, k2}} {
		if err := db.CreateMeetingRequest(ctx, &dagang.MeetingRequest{EventID: e.ID, FromID: pair[0], ToID: pair[1], Priority: 3, Status: dagang.RequestApproved}); err != nil {
			t.Fatal(err)
		}
	}
	srv := smtptest.Start(t)
	m, err := notify.ParseSMTPURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	m.TLS = srv.TLS()
	runner := &jobs.Runner{Queue: db, Worker: "w", Handlers: map[string]jobs.Handler{dagang.JobSendNotification: (&notify.Sender{Outbox: db, Mailer: m, Base: "https://dagang.example.go.id"}).Handler()}}
	send := func() map[string]*smtptest.Message {
		t.Helper()
		sent := len(srv.Messages())
		for {
			ok, err := runner.RunOne(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
		}
		out := map[string]*smtptest.Message{}
		for _, msg := range srv.Messages()[sent:] {
			// Only agenda messages: staff's approvals told of the requests.
			if strings.HasSuffix(msg.To, "@agenda.example") && strings.Contains(strings.ToLower(msg.Subject), "agenda") {
				out[msg.To] = msg
			}
		}
		return out
	}

	if _, err := agenda.Solve(ctx, db, e.ID, fast); err != nil {
		t.Fatal(err)
	}
	if got := send(); len(got) != 0 {
		t.Errorf("before publishing %d participants heard of the agenda", len(got))
	}
	told, err := agenda.Publish(ctx, db, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(told) != 4 {
		t.Errorf("publishing told %v, want the four participants", told)
	}
	got := send()
	if len(got) != 4 {
		t.Fatalf("%d of 4 participants received their agenda: %v", len(got), got)
	}
	a, err := agenda.Load(ctx, db, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	slotOf := func(pid int64) int {
		for _, r := range a.Rows(pid) {
			if r.Counterpart != nil {
				return r.Slot
			}
		}
		t.Fatalf("participant %d has no meeting", pid)
		return 0
	}
	// The business reads Indonesian at the event's time (it lives in the
	// same zone); the Surabaya buyer English with its WIB time beside.
	bizMsg, jatimMsg := got[mail[biz]], got[mail[jatim]]
	start := 10 + slotOf(biz)/3 // 20-minute slots from 10:00
	min := slotOf(biz) % 3 * 20
	wantID := fmt.Sprintf("%02d.%02d–", start, min)
	if !strings.Contains(bizMsg.Subject, "Agenda pertemuan Anda: Temu Bisnis Balikpapan") || !strings.Contains(bizMsg.Text, wantID) || !strings.Contains(bizMsg.Text, " WITA · Meja ") ||
		strings.Contains(bizMsg.Text, "WIB") || !strings.Contains(bizMsg.Text, s.Orgs["jatim1"].Name) {
		t.Errorf("the business's message:\n%s\n%s", bizMsg.Subject, bizMsg.Text)
	}
	wantEN := fmt.Sprintf("%02d:%02d–%02d:%02d WITA (%02d:%02d–", start, min, start+(min+20)/60, (min+20)%60, start-1, min)
	if !strings.Contains(jatimMsg.Subject, "Your meeting agenda: Temu Bisnis Balikpapan") || !strings.Contains(jatimMsg.Text, wantEN) || !strings.Contains(jatimMsg.Text, " WIB) · Table ") {
		t.Errorf("the Surabaya buyer's message (want %q):\n%s\n%s", wantEN, jatimMsg.Subject, jatimMsg.Text)
	}
	for pid, lang := range map[int64]string{biz: "Pertemuan dengan ", jatim: "Meeting with "} {
		att, ok := got[mail[pid]].Attachments[agenda.CalendarName(e.ID, pid)]
		if !ok || !strings.HasPrefix(att.Type, "text/calendar") {
			t.Fatalf("participant %d: attachments %v", pid, got[mail[pid]].Attachments)
		}
		c := icaltest.Parse(t, att.Data)
		if len(c.Events) != 1 || !strings.HasPrefix(c.Events[0].Summary, lang) || c.Events[0].TZID != dagang.ZoneWITA {
			t.Errorf("participant %d's calendar: %+v", pid, c.Events)
		}
	}
	// A move is announced to the two participants of the moved meeting.
	ms, _, err := db.FindMeetings(ctx, dagang.MeetingFilter{EventID: e.ID, ParticipationID: k1})
	if err != nil || len(ms) != 1 {
		t.Fatal(ms, err)
	}
	to := (ms[0].Slot + 2) % 4
	if _, err := db.MoveMeeting(ctx, ms[0].ID, to, ms[0].Table); err != nil {
		t.Fatalf("move to slot %d: %v", to, err)
	}
	if told, err := agenda.Announce(ctx, db, e.ID); err != nil || len(told) != 2 {
		t.Errorf("the move told %v (%v), want the two participants of the meeting", told, err)
	}
	got = send()
	if len(got) != 2 || got[mail[k1]] == nil || got[mail[k2]] == nil {
		t.Fatalf("after the move, messages went to %v", got)
	}
	if msg := got[mail[k1]]; !strings.Contains(msg.Subject, "Agenda Anda berubah") {
		t.Errorf("the moved participant's message: %s\n%s", msg.Subject, msg.Text)
	}
	// Nothing changed since: nobody is told again.
	if told, err := agenda.Announce(ctx, db, e.ID); err != nil || len(told) != 0 {
		t.Errorf("a second announcement told %v (%v)", told, err)
	}
}
