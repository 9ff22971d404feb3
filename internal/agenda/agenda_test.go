package agenda_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/demo/demotest"
	"github.com/dagang/dagang/internal/matching"
	"github.com/dagang/dagang/internal/schedule"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

func loadDemo(t *testing.T) (*store.DB, *demo.Story) { return loadDemoB(t) }

var fast = agenda.Options{TimeLimit: 3 * time.Second, Seed: demo.DemoSeed, Iterations: demo.DemoIterations}

// meetings lists an event's meetings as "slot/table A–B locked" lines.
func meetings(t *testing.T, db *store.DB, eventID int64) []*dagang.Meeting {
	t.Helper()
	ms, _, err := db.FindMeetings(context.Background(), dagang.MeetingFilter{EventID: eventID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// feasible checks every meeting against the grid, the participants'
// availability and each other.
func feasible(t *testing.T, db *store.DB, e *dagang.Event, ms []*dagang.Meeting) {
	t.Helper()
	av, err := db.FindAvailability(context.Background(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	off := map[[2]int64]bool{}
	for _, a := range av {
		for _, s := range a.Unavailable {
			off[[2]int64{a.ParticipationID, int64(s)}] = true
		}
	}
	busy := map[[2]int64]bool{}
	tables := map[[2]int]bool{}
	for _, m := range ms {
		if m.Slot < 0 || m.Slot >= e.Slots || m.Table < 0 || m.Table >= e.Tables {
			t.Errorf("meeting %d at slot %d table %d is off the grid", m.ID, m.Slot, m.Table)
		}
		if tables[[2]int{m.Slot, m.Table}] {
			t.Errorf("two meetings at slot %d table %d", m.Slot, m.Table)
		}
		tables[[2]int{m.Slot, m.Table}] = true
		for _, p := range []int64{m.AID, m.BID} {
			k := [2]int64{p, int64(m.Slot)}
			if off[k] {
				t.Errorf("participant %d meets in slot %d where it is unavailable", p, m.Slot)
			}
			if busy[k] {
				t.Errorf("participant %d has two meetings in slot %d", p, m.Slot)
			}
			busy[k] = true
		}
	}
}

func TestDemoMissionIsScheduled(t *testing.T) {
	db, s := loadDemo(t)
	e := s.Mission2019
	ms := meetings(t, db, e.ID)
	if len(ms) != 13 {
		t.Errorf("demo mission has %d meetings, want the 13 approved pairs", len(ms))
	}
	feasible(t, db, e, ms)
	// Each Kaltim buyer, the busiest participants, keeps one table all day.
	for _, k := range []string{"kaltim1", "kaltim2", "kaltim3"} {
		ps, _, err := db.FindParticipations(context.Background(), dagang.ParticipationFilter{EventID: e.ID, OrganisationID: s.Orgs[k].ID})
		if err != nil || len(ps) != 1 {
			t.Fatalf("participation of %s: %v", k, err)
		}
		tables := map[int]bool{}
		for _, m := range ms {
			if m.AID == ps[0].ID || m.BID == ps[0].ID {
				tables[m.Table] = true
			}
		}
		if len(tables) != 1 {
			t.Errorf("%s meets at tables %v, want one table", k, tables)
		}
	}
	// Solving again with the same seed gives the same schedule.
	if _, err := agenda.Solve(context.Background(), db, e.ID, fast); err != nil {
		t.Fatal(err)
	}
	again := meetings(t, db, e.ID)
	key := func(ms []*dagang.Meeting) []string {
		var out []string
		for _, m := range ms {
			out = append(out, strings.Join([]string{itoa(m.Slot), itoa(m.Table), itoa(int(m.AID)), itoa(int(m.BID))}, "/"))
		}
		return out
	}
	if d := cmp.Diff(key(ms), key(again)); d != "" {
		t.Errorf("re-solving with the same seed changed the schedule (-first +second):\n%s", d)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestLockMoveAndResolve(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	e := s.Mission2019
	ms := meetings(t, db, e.ID)
	// Move the first meeting to the last slot of the day, at the last
	// table: it is locked there and re-solving keeps it.
	target := ms[0]
	av, err := db.FindAvailability(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	free := func(slot int) bool {
		for _, m := range ms {
			if m.ID != target.ID && m.Slot == slot && (m.AID == target.AID || m.AID == target.BID || m.BID == target.AID || m.BID == target.BID) {
				return false
			}
		}
		for _, a := range av {
			if (a.ParticipationID == target.AID || a.ParticipationID == target.BID) && slices.Contains(a.Unavailable, slot) {
				return false
			}
		}
		return true
	}
	slot := e.Slots - 1
	for slot >= 0 && (slot == target.Slot || !free(slot)) {
		slot--
	}
	if slot < 0 {
		t.Fatal("no free slot to move the first meeting to")
	}
	// Another meeting's participant elsewhere at the last table is moved
	// aside by the solver; the table is free of other meetings in the demo
	// (13 meetings over 10 tables and 12 slots never reach table 10).
	moved, err := db.MoveMeeting(ctx, target.ID, slot, e.Tables-1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := agenda.Solve(ctx, db, e.ID, fast)
	if err != nil {
		t.Fatal(err)
	}
	if res.Locked != 1 || res.Scheduled != 13 || len(res.Unscheduled) != 0 {
		t.Errorf("result = %+v, want 13 scheduled with 1 locked", res)
	}
	after := meetings(t, db, e.ID)
	feasible(t, db, e, after)
	i := slices.IndexFunc(after, func(m *dagang.Meeting) bool { return m.Locked })
	if i < 0 || after[i].ID != moved.ID || after[i].Slot != moved.Slot || after[i].Table != moved.Table {
		t.Errorf("locked meeting not kept: %+v", after)
	}
}

func fieldMessages(err error) []string {
	var e *dagang.Error
	if !errors.As(err, &e) {
		return []string{"not a *dagang.Error: " + err.Error()}
	}
	out := []string{e.Code}
	for _, f := range e.Fields {
		out = append(out, f.Message)
	}
	return out
}

func TestInfeasibleLocksAreRefused(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	e := s.Mission2019
	ms := meetings(t, db, e.ID)
	// Two meetings in the same slot, both locked.
	var a, b *dagang.Meeting
	for _, x := range ms {
		for _, y := range ms {
			if x.ID < y.ID && x.Slot == y.Slot && a == nil {
				a, b = x, y
			}
		}
	}
	if a == nil {
		t.Fatal("no slot with two meetings in the demo schedule")
	}
	for _, m := range []*dagang.Meeting{a, b} {
		if _, err := db.LockMeeting(ctx, m.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	name := func(id int64) string {
		p, err := db.FindParticipationByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.BusinessID != 0 {
			biz, _ := db.FindBusinessByID(ctx, p.BusinessID)
			return biz.Name + " (#" + itoa(int(id)) + ")"
		}
		o, _ := db.FindOrganisationByID(ctx, p.OrganisationID)
		return o.Name + " (#" + itoa(int(id)) + ")"
	}
	slotName := func(m *dagang.Meeting) string {
		g, _ := agenda.NewGrid(e)
		return g.SlotName(m.Slot)
	}

	// A locked meeting in a slot its participant has since become
	// unavailable in.
	if err := db.SetAvailability(ctx, &dagang.Availability{ParticipationID: a.AID, Unavailable: []int{a.Slot}}); err != nil {
		t.Fatal(err)
	}
	_, err := agenda.Solve(ctx, db, e.ID, fast)
	want := []string{dagang.EINVALID, "pertemuan terkunci " + name(a.AID) + " – " + name(a.BID) + " pada " + slotName(a) + ": " + name(a.AID) + " tidak tersedia pada sesi itu"}
	if d := cmp.Diff(want, fieldMessages(err)); d != "" {
		t.Errorf("unavailable (-want +got):\n%s", d)
	}
	if err := db.SetAvailability(ctx, &dagang.Availability{ParticipationID: a.AID}); err != nil {
		t.Fatal(err)
	}

	// More locked meetings in a slot than tables.
	e.Tables = 1
	if err := db.UpdateEvent(ctx, e, dagang.Change{}); err != nil {
		t.Fatal(err)
	}
	_, err = agenda.Solve(ctx, db, e.ID, fast)
	pair := func(m *dagang.Meeting) string { return name(m.AID) + " – " + name(m.BID) }
	got := fieldMessages(err)
	msgs := strings.Join(got, "\n")
	if got[0] != dagang.EINVALID || !strings.Contains(msgs, slotName(a)+" punya 2 pertemuan terkunci, lebih banyak dari 1 meja: "+pair(a)+"; "+pair(b)) {
		t.Errorf("too many locked meetings: got %q", got)
	}
	if !strings.Contains(msgs, "pertemuan terkunci "+pair(b)+" di sesi "+itoa(b.Slot+1)+" meja "+itoa(b.Table+1)+" berada di luar grid kegiatan (12 sesi, 1 meja)") {
		t.Errorf("the locked meeting at a table beyond the grid is not named: %q", got)
	}
}

func TestAgendaPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but pdftotext (poppler-utils) is missing")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils): the agenda PDFs are not read back")
	}
	db, s := loadDemo(t)
	ctx := context.Background()
	a, err := agenda.Load(ctx, db, s.Mission2019.ID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := agenda.WritePDF(&buf, a, agenda.Print{AllParticipants: true, Tables: true, Grid: true}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "agenda.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext cannot read the agenda: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if pages[len(pages)-1] == "" || strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	ppl := a.Participants()
	// 16 participants take part; 13 have meetings: d10's request was declined, d9's is pending and a7 asked for none.
	wantPages := len(ppl) + s.Mission2019.Tables + 1 // the grid of 10 tables fits one landscape page
	if len(pages) != wantPages {
		t.Errorf("PDF has %d pages, want %d (%d participants, %d table cards, 1 grid page)", len(pages), wantPages, len(ppl), s.Mission2019.Tables)
	}
	rice := s.Businesses["d1"].Name
	buyer := s.Orgs["kaltim1"].Name
	for i, p := range ppl {
		if !strings.Contains(pages[i], "Agenda: "+p.Name) {
			t.Errorf("page %d does not title %s:\n%s", i+1, p.Name, pages[i])
		}
		if p.Name == rice {
			// The rice producer meets the Samarinda food buyer, who needs rice.
			if !strings.Contains(pages[i], buyer) || !strings.Contains(pages[i], "butuh Beras (500 ton/bulan)") {
				t.Errorf("agenda of %s does not show %s and its need:\n%s", rice, buyer, pages[i])
			}
			if !strings.Contains(pages[i], "09.00–09.20 WITA") || !strings.Contains(pages[i], "Istirahat makan siang") {
				t.Errorf("agenda of %s lacks the times or the lunch break:\n%s", rice, pages[i])
			}
		}
	}
	if !strings.Contains(pages[len(ppl)], "Meja 1") || !strings.Contains(pages[len(pages)-1], "Jadwal lengkap: meja 1–10") {
		t.Errorf("table card or grid missing:\n%s\n…\n%s", pages[len(ppl)], pages[len(pages)-1])
	}
}

func TestSuggestDemoMission(t *testing.T) {
	db, s := loadDemo(t)
	got, err := agenda.Suggest(context.Background(), db, s.Mission2019.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	pid := func(biz, org string) int64 {
		for id, p := range got.People {
			if (biz != "" && p.Participation.BusinessID == s.Businesses[biz].ID) || (org != "" && p.Participation.OrganisationID == s.Orgs[org].ID) {
				return id
			}
		}
		t.Fatalf("no participant %s%s", biz, org)
		return 0
	}
	// The article's flows: Kalsel's rice goes to the Samarinda food buyer,
	// and Kaltim's corn comes to Kalsel's chicken farmers as feed.
	rice, food := pid("d1", ""), pid("", "kaltim1")
	corn, broiler := pid("", "kaltim2"), pid("d3", "")
	first := func(id int64) (int64, matching.Direction) {
		l := got.Lists[id]
		if len(l) == 0 {
			t.Fatalf("no suggestions for %s", got.People[id].Name)
		}
		return l[0].Counterpart, l[0].Direction
	}
	if c, d := first(rice); c != food || d != matching.Sells {
		t.Errorf("rice producer's first suggestion: %s (%s), want %s (sell)", got.People[c].Name, d, got.People[food].Name)
	}
	// The broiler farm, which stated its need for corn, is the corn
	// supplier's first suggestion.
	if c, d := first(corn); c != broiler || d != matching.Sells {
		t.Errorf("corn supplier's first suggestion: %s (%s), want %s (sell)", got.People[c].Name, d, got.People[broiler].Name)
	}
	if len(got.Lists[food]) > 3 {
		t.Errorf("limit 3, got %d suggestions", len(got.Lists[food]))
	}
	if got.Complementarity["64"] <= 0 || got.Complementarity["64"] > 1 {
		t.Errorf("Kaltim complementarity = %v, want in (0, 1]", got.Complementarity["64"])
	}
}

// BenchmarkSolveDemoMission is the whole product path on the demo mission
// (read the event, build and check the plan, solve, check, store); the
// peer is building the same plan and placing it with schedule.Greedy.
func BenchmarkSolveDemoMission(b *testing.B) {
	db, s := loadDemoB(b)
	for b.Loop() {
		if _, err := agenda.Solve(context.Background(), db, s.Mission2019.ID, fast); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGreedyDemoMission(b *testing.B) {
	db, s := loadDemoB(b)
	for b.Loop() {
		p, err := agenda.Build(context.Background(), db, s.Mission2019.ID)
		if err != nil {
			b.Fatal(err)
		}
		schedule.Greedy(p.Instance)
	}
}

func loadDemoB(t testing.TB) (*store.DB, *demo.Story) { return demotest.Load(t) }

func TestAgendaPDFInEnglish(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but pdftotext (poppler-utils) is missing")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils): the agenda PDFs are not read back")
	}
	db, s := loadDemo(t)
	a, err := agenda.Load(context.Background(), db, s.Mission2019.ID)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := agenda.WritePDF(&buf, a, agenda.Print{AllParticipants: true, Grid: true, Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "agenda-en.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext cannot read the agenda: %v", err)
	}
	for _, want := range []string{"10 July 2019 to 12 July 2019", "sample data", "Counterpart", "Lunch break (60 minutes)", "Partner / buyer", "Full grid: tables 1–10", "needs Beras"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("English agenda lacks %q", want)
		}
	}
	for _, not := range []string{"Mitra pertemuan", "Istirahat", "Jadwal lengkap"} {
		if strings.Contains(string(out), not) {
			t.Errorf("English agenda still says %q", not)
		}
	}
}

// TestMustMeetAndPending: one slot, room for one meeting each; a must-meet
// request wins over a mutual pair that weighs more by priority, and a
// pending request never takes the slot.
func TestMustMeetAndPending(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	e := &dagang.Event{OfficeID: s.Office.ID, Kind: dagang.EventBusinessMeeting, Name: "Temu Bisnis satu sesi", HostProvince: "64",
		StartsOn: dagang.MustDate("2019-08-01"), Slots: 1, Tables: 3, SlotMinutes: 20, DayStart: "09:00"}
	if err := db.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	ps := buyers(t, db, s, e, "kaltim1", "kaltim2", "kaltim3", "sulsel1")
	ask := func(from, to int64, prio int, st dagang.RequestStatus) {
		if err := db.CreateMeetingRequest(ctx, &dagang.MeetingRequest{EventID: e.ID, FromID: from, ToID: to, Priority: prio, Status: st}); err != nil {
			t.Fatal(err)
		}
	}
	ask(ps[0], ps[1], agenda.MustMeet, dagang.RequestApproved) // must meet: weight 5
	ask(ps[0], ps[2], 4, dagang.RequestApproved)               // mutual: weight 8
	ask(ps[2], ps[0], 4, dagang.RequestApproved)
	ask(ps[2], ps[3], 5, dagang.RequestPending) // waits for an answer
	if _, err := agenda.Solve(ctx, db, e.ID, fast); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range meetings(t, db, e.ID) {
		got = append(got, strconv.FormatInt(min(m.AID, m.BID), 10)+"–"+strconv.FormatInt(max(m.AID, m.BID), 10))
	}
	want := []string{strconv.FormatInt(ps[0], 10) + "–" + strconv.FormatInt(ps[1], 10)}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("meetings (-want +got):\n%s", d)
	}
}

// TestRepairDay: after the first slots of the mission, a participant does
// not come; the repair keeps the past and the held meetings, takes the
// absent one out of the rest of the day, changes only the affected
// participants' meetings, and a late check-in brings it back.
func TestRepairDay(t *testing.T) {
	db, s := loadDemo(t)
	ctx := dagang.NewContextWithUser(context.Background(), &dagang.User{ID: 0, Role: dagang.UserStaff})
	e := s.Mission2019
	if _, err := agenda.Solve(ctx, db, e.ID, fast); err != nil {
		t.Fatal(err)
	}
	before := meetings(t, db, e.ID)
	// The busiest participant misses its first meeting.
	count := map[int64]int{}
	for _, m := range before {
		count[m.AID]++
		count[m.BID]++
	}
	var first *dagang.Meeting
	for _, m := range before {
		if first == nil || count[m.AID] > count[first.AID] || (count[m.AID] == count[first.AID] && m.Slot < first.Slot) {
			first = m
		}
	}
	absent := first.AID
	if _, err := db.MarkMeeting(ctx, first.ID, 0, dagang.OutcomeNoShowA); err != nil {
		t.Fatal(err)
	}
	res, err := agenda.RepairDay(ctx, db, e.ID, agenda.RepairOptions{Now: -1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Now != first.Slot+1 {
		t.Errorf("repaired from slot %d, want %d (after the last marked one)", res.Now, first.Slot+1)
	}
	if len(res.Absent) != 1 || res.Absent[0].ParticipationID != absent {
		t.Errorf("absent %+v, want participation %d", res.Absent, absent)
	}
	after := meetings(t, db, e.ID)
	feasible(t, db, e, after)
	affected := map[int64]bool{}
	for _, a := range res.Affected {
		affected[a.ParticipationID] = true
	}
	if !affected[absent] {
		t.Errorf("the absent participant is not among the affected: %+v", res.Affected)
	}
	day := func(ms []*dagang.Meeting, id int64) []string {
		var out []string
		for _, m := range ms {
			if m.AID == id || m.BID == id {
				out = append(out, strconv.Itoa(m.Slot)+":"+strconv.FormatInt(m.AID+m.BID-id, 10))
			}
		}
		slices.Sort(out)
		return out
	}
	for id := range count {
		if !affected[id] {
			if d := cmp.Diff(day(before, id), day(after, id)); d != "" {
				t.Errorf("participant %d is not affected but its day changed:\n%s", id, d)
			}
		}
	}
	for _, m := range after {
		if (m.AID == absent || m.BID == absent) && m.Slot >= res.Now {
			t.Errorf("the absent participant still meets in slot %d", m.Slot)
		}
		if m.ID == first.ID && (m.Slot != first.Slot || m.Outcome != dagang.OutcomeNoShowA) {
			t.Errorf("the marked meeting changed: %+v", m)
		}
	}
	if res.Changes == 0 || len(res.Dropped) == 0 {
		t.Errorf("nothing changed: %+v", res)
	}
	// Repairing again changes nothing.
	again, err := agenda.RepairDay(ctx, db, e.ID, agenda.RepairOptions{Now: -1})
	if err != nil || again.Changes != 0 || len(again.Added) != 0 {
		t.Errorf("a second repair: %+v %v", again, err)
	}
	// The participant arrives late: checked in after the no-show, it is
	// back, and a dry run shows its meetings returning without storing.
	if _, err := db.CheckIn(ctx, &dagang.Checkin{EventID: e.ID, ParticipationID: absent}); err != nil {
		t.Fatal(err)
	}
	late, err := agenda.RepairDay(ctx, db, e.ID, agenda.RepairOptions{Now: -1, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(late.Absent) != 0 {
		t.Errorf("a late arrival is still absent: %+v", late.Absent)
	}
	if d := cmp.Diff(len(after), len(meetings(t, db, e.ID))); d != "" {
		t.Errorf("a dry run stored changes")
	}
}
