package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/ical/icaltest"
)

// TestEventDayBrowser plays an event day on 390 px phones, each person in
// its own tab: the demo business keeps its morning free for meetings and
// asks the demo counterpart for one from its suggestions; the counterpart
// accepts on its agenda; staff schedule the day, check the business in by
// its code, mark the counterpart absent from its first meeting and repair
// the rest of the day. The participants the repair names see their agenda
// change; nobody else's changes. Both download their calendar files from
// their agendas (read by a real iCalendar library); after the repair the
// counterpart's file changes and the files of the participants the repair
// does not name stay byte for byte. Every page on the way fits the phone,
// and every button tapped is large enough for a finger.
func TestEventDayBrowser(t *testing.T) {
	needChromium(t)
	icaltest.Available(t)
	e := newDemoEnv(t, nil)
	ctx := context.Background()
	s := e.story
	ev := s.Events[0]
	part := func(biz, org string) int64 {
		t.Helper()
		f := dagang.ParticipationFilter{EventID: ev.ID}
		if biz != "" {
			f.BusinessID = s.Businesses[biz].ID
		} else {
			f.OrganisationID = s.Orgs[org].ID
		}
		ps, _, err := e.db.FindParticipations(ctx, f)
		if err != nil || len(ps) != 1 {
			t.Fatalf("participation of %s%s: %v (%d found)", biz, org, err, len(ps))
		}
		return ps[0].ID
	}
	own, ownOrg := part(demo.DemoBusiness, ""), part("", demo.DemoCounterpart)
	// The weeks before: other businesses asked the buyers, and staff
	// approved; the demo counterpart already has two other meetings.
	for _, q := range []struct {
		biz, org string
		prio     int
	}{{"a2", demo.DemoCounterpart, 4}, {"a5", demo.DemoCounterpart, 3}, {"a3", "jatim2", 3}, {"a4", "jatim3", 3}} {
		r := &dagang.MeetingRequest{EventID: ev.ID, FromID: part(q.biz, ""), ToID: part("", q.org), Priority: q.prio, Status: dagang.RequestApproved}
		if err := e.db.CreateMeetingRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
	}

	// The counterpart looks for what the business sells, so the business
	// finds it among its suggestions.
	need := &dagang.Listing{OfficeID: s.Office.ID, Kind: dagang.ListingNeed, OrganisationID: s.Orgs[demo.DemoCounterpart].ID,
		CommodityID: s.Commodities["kemiri"].ID, Volume: 50, Unit: s.Commodities["kemiri"].Unit}
	if err := e.db.CreateListing(ctx, need); err != nil {
		t.Fatal(err)
	}

	b := startBrowser(t, e.srv.URL)
	day := &phoneDay{b: b, t: t}
	biz := day.person(dagang.UserBusiness)
	org := day.person(dagang.UserCounterpart)
	staff := day.person(dagang.UserStaff)
	agendaOf := func(pid int64) string { return fmt.Sprintf("/participations/%d/agenda", pid) }

	// The business finds its agenda from its home page, keeps the morning
	// only, and asks the counterpart from its suggestions.
	biz.open("/")
	biz.tap("the agenda link of its event", fmt.Sprintf(`#my-events a[href=%q]`, agendaOf(own)))
	biz.press("the afternoon", `label.choice:has(input[name="available_sessions"][value="1"])`)
	biz.tap("save the availability", `#availability button[type="submit"]`)
	biz.says("#flash", "Ketersediaan disimpan.")
	if checked := get(t, b, biz.ctx, "read the sessions", chromedp.Evaluate[[]bool](`Array.from(document.querySelectorAll("input[name=available_sessions]")).map(i => i.checked)`)); !slices.Equal(checked, []bool{true, false}) {
		t.Errorf("sessions after saving = %v, want the morning only", checked)
	}
	biz.tap("ask the counterpart for a meeting", fmt.Sprintf(`form:has(input[name="to_participation_id"][value="%d"]) button[type="submit"]`, ownOrg))
	biz.says("#flash", "Permintaan pertemuan dicatat.")

	// The counterpart accepts on its own agenda.
	org.open("/")
	org.tap("the agenda link of its event", fmt.Sprintf(`#my-events a[href=%q]`, agendaOf(ownOrg)))
	rs, _, err := e.db.FindMeetingRequests(ctx, dagang.MeetingFilter{EventID: ev.ID, ParticipationID: own})
	if err != nil || len(rs) != 1 || rs[0].ToID != ownOrg || rs[0].Status != dagang.RequestPending {
		t.Fatalf("the business's request: %+v %v", rs, err)
	}
	org.tap("accept", fmt.Sprintf(`#request-%d button[value="approved"]`, rs[0].ID))
	org.says(fmt.Sprintf("#request-%d", rs[0].ID), "Disetujui")

	// Staff schedule the day from the event's page.
	staff.open(fmt.Sprintf("/events/%d", ev.ID))
	staff.tap("the agenda", fmt.Sprintf(`a.button[href="/events/%d/agenda"]`, ev.ID))
	staff.tap("schedule", fmt.Sprintf(`form[action="/events/%d/agenda/solve"] button`, ev.ID))
	staff.tap("confirm", "#confirm-yes")
	staff.says("main", "5 dari 5 pertemuan terjadwal")
	ms, _, err := e.db.FindMeetings(ctx, dagang.MeetingFilter{EventID: ev.ID, ParticipationID: own})
	if err != nil || len(ms) != 1 {
		t.Fatalf("meetings of the business: %v %v", ms, err)
	}
	if ms[0].Slot >= 6 {
		t.Errorf("the business meets in slot %d, in the afternoon it kept free", ms[0].Slot+1)
	}
	// Both see their meeting, with the other's name.
	orgName, bizName := s.Orgs[demo.DemoCounterpart].Name, s.Businesses[demo.DemoBusiness].Name
	biz.open(agendaOf(own))
	biz.says("#meetings", orgName)
	org.open(agendaOf(ownOrg))
	org.says("#meetings", bizName)
	// Both download their calendar from their agenda: one meeting each,
	// the same entry (UID) in both, at the event's time in its zone.
	uid := (&dagang.CalendarEntry{EventID: ev.ID, AID: min(own, ownOrg), BID: max(own, ownOrg)}).UID()
	zone := ev.ZoneName()
	biz.open(agendaOf(own))
	bizICS := biz.download("the calendar file", "#ics")
	orgICS := org.downloadFrom(agendaOf(ownOrg), "#ics")
	for who, data := range map[string][]byte{"business": bizICS, "counterpart": orgICS} {
		c := icaltest.Parse(t, data)
		e, ok := c.ByUID()[uid]
		if !ok || e.Status != "CONFIRMED" || e.TZID != zone || len(c.Zones) != 1 || c.Zones[0] != zone {
			t.Errorf("the %s's calendar lacks the meeting %s in %s: %+v", who, uid, zone, c)
		}
	}
	if n := len(icaltest.Parse(t, orgICS).Events); n != 3 {
		t.Errorf("the counterpart's calendar has %d meetings, want its 3", n)
	}

	// The day: the business arrives and is checked in by its code; the
	// counterpart does not come to its first meeting.
	staff.open(fmt.Sprintf("/events/%d", ev.ID))
	staff.tap("the event day", fmt.Sprintf(`a.button[href="/events/%d/checkin"]`, ev.ID))
	b.run(t, staff.ctx, "type the code", chromedp.SendKeys(css("#code"), dagang.CheckinCode(own)))
	staff.tap("check in", `#code-form button[type="submit"]`)
	staff.says("#arrival", "sudah check-in sekarang")
	first := firstMeeting(t, e, ev.ID, ownOrg)
	noShow := "no_show_a"
	if first.BID == ownOrg {
		noShow = "no_show_b"
	}
	b.run(t, staff.ctx, "choose the no-show", chromedp.SetValue(css(fmt.Sprintf("#outcome-%d", first.ID)), noShow))
	staff.tap("mark the no-show", fmt.Sprintf(`#meeting-%d button[type="submit"]`, first.ID))
	staff.says(fmt.Sprintf("#meeting-%d", first.ID), "tidak hadir")

	// Repair: the participants it names see their day change, nobody else.
	people := participants(t, e, ev.ID)
	before := agendas(t, e, people)
	icsBefore := calendars(t, e, ev.ID, people)
	biz.open(agendaOf(own))
	bizBefore := get(t, b, biz.ctx, "read the business's agenda", text("#meetings"))
	org.open(agendaOf(ownOrg))
	orgBefore := get(t, b, org.ctx, "read the counterpart's agenda", text("#meetings"))
	staff.tap("repair the rest of the day", `#repair button[type="submit"]`)
	staff.says("#repair-result", "Peserta terdampak")
	affected := map[int64]bool{}
	for _, href := range get(t, b, staff.ctx, "read the affected", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#repair-result a")).map(a => a.getAttribute("href"))`)) {
		id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(href, "/participations/"), "/agenda"), 10, 64)
		if err != nil {
			t.Fatalf("affected link %q", href)
		}
		affected[id] = true
	}
	if len(affected) == 0 {
		t.Fatal("the repair names nobody, though the absent counterpart had later meetings")
	}
	after := agendas(t, e, people)
	icsAfter := calendars(t, e, ev.ID, people)
	for _, id := range people {
		switch changed := icsBefore[id] != icsAfter[id]; {
		case affected[id] && !changed:
			t.Errorf("participant %d is named affected but its calendar file did not change", id)
		case !affected[id] && id != ownOrg && changed:
			t.Errorf("participant %d is not named but its calendar file changed", id)
		}
		switch changed := before[id] != after[id]; {
		case affected[id] && !changed:
			t.Errorf("participant %d is named affected but its agenda did not change", id)
		case !affected[id] && id != ownOrg && changed:
			t.Errorf("participant %d is not named but its agenda changed:\n%s\n→\n%s", id, before[id], after[id])
		}
	}
	if ms, _, _ := e.db.FindMeetings(ctx, dagang.MeetingFilter{EventID: ev.ID, ParticipationID: ownOrg}); slices.ContainsFunc(ms, func(m *dagang.Meeting) bool { return m.Slot > first.Slot }) {
		t.Errorf("the absent counterpart still meets after slot %d", first.Slot+1)
	}
	// On their phones: the absent counterpart's later meetings are gone;
	// the business's day changed only if the repair named it.
	biz.open(agendaOf(own))
	if bizAfter := get(t, b, biz.ctx, "read the business's agenda", text("#meetings")); (bizAfter != bizBefore) != affected[own] {
		t.Errorf("the business (affected: %v) sees its agenda\n%s\n→\n%s", affected[own], bizBefore, bizAfter)
	}
	org.open(agendaOf(ownOrg))
	if orgAfter := get(t, b, org.ctx, "read the counterpart's agenda", text("#meetings")); orgAfter == orgBefore {
		t.Errorf("the absent counterpart's agenda did not change:\n%s", orgAfter)
	}
	// Its calendar file, downloaded again: the same entries, the dropped
	// later meetings cancelled with a higher SEQUENCE, the rest as before.
	was, now := icaltest.Parse(t, orgICS).ByUID(), icaltest.Parse(t, org.download("the calendar file after the repair", "#ics")).ByUID()
	cancelled := 0
	for id, w := range was {
		n, ok := now[id]
		switch {
		case !ok:
			t.Errorf("meeting %s left the counterpart's calendar file instead of being cancelled", id)
		case n.Status == "CANCELLED":
			cancelled++
			if n.Sequence <= w.Sequence || n.Start != w.Start {
				t.Errorf("cancelled meeting %s: %+v, was %+v", id, n, w)
			}
		case n != w && n.Sequence <= w.Sequence:
			t.Errorf("meeting %s changed without a higher SEQUENCE: %+v, was %+v", id, n, w)
		}
	}
	if cancelled == 0 {
		t.Errorf("no meeting of the absent counterpart is cancelled in its file: %+v", now)
	}
	if bizAfter := string(biz.downloadFrom(agendaOf(own), "#ics")); (bizAfter != string(bizICS)) != affected[own] {
		t.Errorf("the business (affected: %v) downloads its calendar file\n%s\n→\n%s", affected[own], bizICS, bizAfter)
	}
	for _, p := range []*phone{biz, org, staff} {
		for _, err := range p.console.take() {
			t.Error(err)
		}
	}
}

// phoneDay is the browser of an event day: one phone per person.
type phoneDay struct {
	b *browser
	t *testing.T
}

// phone is one person's tab at 390 × 844 px.
type phone struct {
	b       *browser
	t       *testing.T
	role    dagang.UserRole
	ctx     context.Context
	console *consoleErrors
}

func (d *phoneDay) person(role dagang.UserRole) *phone {
	d.t.Helper()
	ctx := d.b.tabFor(d.t, role, 8*time.Minute)
	p := &phone{b: d.b, t: d.t, role: role, ctx: ctx, console: watchConsole(ctx)}
	d.b.run(d.t, ctx, "a phone for "+string(role), chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	return p
}

// open goes to path and checks the page.
func (p *phone) open(path string) {
	p.t.Helper()
	p.console.on(path + " as " + string(p.role))
	p.b.run(p.t, p.ctx, "open "+path, chromedp.Navigate(p.b.url+path))
	p.check(path)
}

// check waits for the page and fails when it is wider than the phone.
func (p *phone) check(where string) {
	p.t.Helper()
	get(p.t, p.b, p.ctx, "wait for "+where, until(pageReady))
	if o := get(p.t, p.b, p.ctx, "overflow of "+where, chromedp.Evaluate[*struct {
		Width, Client int
		Elements      []string
	}](overflowing)); o != nil {
		p.t.Errorf("%s as %s: the page is %d px wide on a %d px phone; sticking out: %s", where, p.role, o.Width, o.Client, strings.Join(o.Elements, ", "))
	}
}

// minTarget is the smallest height and width, in CSS px, of what a finger
// taps: the 2.75rem the style sheet gives buttons and fields.
const minTarget = 44

// tap taps the element sel (what it is for the messages), which leads to
// another page (a link, or a form's answer), and checks that page.
func (p *phone) tap(what, sel string) {
	p.t.Helper()
	p.press(what, sel)
	get(p.t, p.b, p.ctx, "wait for the page "+what+" leads to", until(`!window.dagangTapped && document.readyState === "complete"`))
	p.check("after " + what)
}

// press taps the element sel (what it is for the messages) after checking
// that it is on the page and large enough for a finger; the page's own
// document gets a mark, which a new page has not.
func (p *phone) press(what, sel string) {
	p.t.Helper()
	box := get(p.t, p.b, p.ctx, "find "+what, onNewPage(chromedp.Poll[[]float64](`(e => e ? (e.scrollIntoView({block: "center"}), [e.getBoundingClientRect().width, e.getBoundingClientRect().height]) : null)(document.querySelector(`+strconv.Quote(sel)+`))`)))
	inline := get(p.t, p.b, p.ctx, "kind of "+what, chromedp.Evaluate[bool](`(e => e.tagName === "A" && !e.classList.contains("button"))(document.querySelector(`+strconv.Quote(sel)+`))`))
	// A link in running text may be smaller (WCAG 2.5.8 exempts it); it
	// still must be at least 24 px high.
	need := float64(minTarget)
	if inline {
		need = 24
	}
	if box[1] < need || (!inline && box[0] < need) {
		p.t.Errorf("%s (%s) is %.0f × %.0f px on a phone, below %.0f px", what, sel, box[0], box[1], need)
	}
	p.b.run(p.t, p.ctx, "tap "+what, chromedp.Evaluate[chromedp.Void](`window.dagangTapped = true`), chromedp.Tap(css(sel)))
}

// says waits until the element sel holds want.
func (p *phone) says(sel, want string) {
	p.t.Helper()
	expr := fmt.Sprintf(`(e => !!e && e.innerText.includes(%s))(document.querySelector(%s))`, strconv.Quote(want), strconv.Quote(sel))
	short, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(short, onNewPage(chromedp.Poll[bool](expr))); err != nil {
		got, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%s) || {}).innerText || "(no %s)"`, strconv.Quote(sel), sel)))
		loc, _ := chromedp.Run(p.ctx, chromedp.Location())
		p.t.Fatalf("%s at %s as %s does not say %q:\n%.1500s", sel, loc, p.role, want, got)
	}
}

// download fetches the file the link sel of the page points to, with the
// phone's own session, as a tap on it would download it.
func (p *phone) download(what, sel string) []byte {
	p.t.Helper()
	js := `(e => e ? fetch(e.href, {credentials: "same-origin"}).then(r => r.ok ? r.text() : Promise.reject(new Error(r.status + " " + r.url))) : Promise.reject(new Error("no link")))(document.querySelector(` + strconv.Quote(sel) + `))`
	return []byte(get(p.t, p.b, p.ctx, "download "+what, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise)))
}

// downloadFrom opens path and downloads the file its link sel points to.
func (p *phone) downloadFrom(path, sel string) []byte {
	p.t.Helper()
	p.open(path)
	return p.download("the file of "+path, sel)
}

// calendars reads each participant's calendar file as staff download it.
func calendars(t *testing.T, e *demoEnv, eventID int64, ids []int64) map[int64]string {
	t.Helper()
	c := login(t, e.srv, dagang.UserStaff)
	out := map[int64]string{}
	for _, id := range ids {
		res, err := c.Get(fmt.Sprintf("%s/api/v1/events/%d/participations/%d/agenda.ics", e.srv.URL, eventID, id))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			continue // not taking part (an application refused)
		}
		out[id] = string(body)
	}
	return out
}

// firstMeeting is the earliest meeting of a participant.
func firstMeeting(t *testing.T, e *demoEnv, eventID, pid int64) *dagang.Meeting {
	t.Helper()
	ms, _, err := e.db.FindMeetings(context.Background(), dagang.MeetingFilter{EventID: eventID, ParticipationID: pid})
	if err != nil || len(ms) < 2 {
		t.Fatalf("meetings of participant %d: %d, %v; want at least two", pid, len(ms), err)
	}
	return slices.MinFunc(ms, func(a, b *dagang.Meeting) int { return a.Slot - b.Slot })
}

// participants lists the participations of an event.
func participants(t *testing.T, e *demoEnv, eventID int64) []int64 {
	t.Helper()
	ps, _, err := e.db.FindParticipations(context.Background(), dagang.ParticipationFilter{EventID: eventID, ListOptions: dagang.ListOptions{Limit: 1000}})
	if err != nil || len(ps) == 0 {
		t.Fatalf("participants of event %d: %v", eventID, err)
	}
	var ids []int64
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return ids
}

// meetingsCard is the card of a participant's agenda page that lists its
// meetings.
var meetingsCard = regexp.MustCompile(`(?s)<section class="card" id="meetings">.*?</section>`)

// agendas reads each participant's meetings as its agenda page shows them
// to staff.
func agendas(t *testing.T, e *demoEnv, ids []int64) map[int64]string {
	t.Helper()
	c := login(t, e.srv, dagang.UserStaff)
	out := map[int64]string{}
	for _, id := range ids {
		res, err := c.Get(fmt.Sprintf("%s/participations/%d/agenda", e.srv.URL, id))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			continue // not taking part (an application refused)
		}
		out[id] = meetingsCard.FindString(string(body))
		if out[id] == "" {
			t.Fatalf("the agenda of participant %d has no meetings card", id)
		}
	}
	return out
}
