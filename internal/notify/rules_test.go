package notify_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/jobs"
	"github.com/dagang/dagang/internal/notify"
	"github.com/dagang/dagang/internal/smtptest"
	"github.com/dagang/dagang/internal/store"
)

// fixture is an office with a business (whose account reads English), a
// partner organisation reached through its contact (Indonesian), a staff
// member, and an event both take part in.
type fixture struct {
	db          *store.DB
	office      *dagang.Office
	biz         *dagang.Business
	org         *dagang.Organisation
	event       *dagang.Event
	bizP, orgP  *dagang.Participation
	commodityID int64
	runner      *jobs.Runner
	srv         *smtptest.Server
}

func newFixture(t *testing.T, c *clock) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: openSQLite(t, c), srv: smtptest.Start(t)}
	coms, err := demo.LoadReference(ctx, f.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, com := range coms {
		f.commodityID = com.ID
		break
	}
	f.office = &dagang.Office{Name: "Dinas Perdagangan Provinsi Kalimantan Selatan", HomeProvince: "63"}
	must(t, f.db.CreateOffice(ctx, f.office))
	f.biz = &dagang.Business{OfficeID: f.office.ID, Name: "CV Kemiri Banua", RegencyCode: "63.03", Size: dagang.SizeSmall,
		Contact: dagang.Contact{Person: "Siti", Email: "kontak@kemiri.example", WhatsApp: "0812-3456-7890"}}
	must(t, f.db.CreateBusiness(ctx, f.biz))
	f.org = &dagang.Organisation{OfficeID: f.office.ID, Name: "PT Jagung Kaltim", ProvinceCode: "64", Kind: dagang.OrgBuyer,
		Contact: dagang.Contact{Person: "Pak Budi", Email: "budi@jagung.example", WhatsApp: "+62 813 1111 2222"}}
	must(t, f.db.CreateOrganisation(ctx, f.org))
	for _, u := range []*dagang.User{
		{OfficeID: f.office.ID, Email: "owner@kemiri.example", Name: "Siti Rahmah", Role: dagang.UserBusiness, BusinessID: f.biz.ID, Lang: "en"},
		{OfficeID: f.office.ID, Email: "staf@disdag.example", Name: "Staf Kerja Sama", Role: dagang.UserStaff, Lang: "id"},
	} {
		must(t, f.db.CreateUser(ctx, u, "x"))
	}
	f.event = &dagang.Event{OfficeID: f.office.ID, Kind: dagang.EventBusinessMeeting, Name: "Temu Bisnis Balikpapan", HostProvince: "64",
		StartsOn: dagang.MustDate("2019-03-11"), EndsOn: dagang.MustDate("2019-03-13"), Status: dagang.EventPlanned, Slots: 12, Tables: 5, SlotMinutes: 20, DayStart: "09:00"}
	must(t, f.db.CreateEvent(ctx, f.event))
	f.bizP = &dagang.Participation{EventID: f.event.ID, Role: dagang.RoleMatching, BusinessID: f.biz.ID, Status: dagang.ParticipationApplied}
	f.orgP = &dagang.Participation{EventID: f.event.ID, Role: dagang.RoleBuyer, OrganisationID: f.org.ID, Status: dagang.ParticipationSelected}
	must(t, f.db.CreateParticipation(ctx, f.bizP))
	must(t, f.db.CreateParticipation(ctx, f.orgP))
	f.runner = sender(t, f.db, f.srv, "w1")
	f.runner.Handlers[dagang.JobConfirmResend] = notify.ConfirmResendHandler(f.db)
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// next runs the due jobs and returns the messages that arrived since.
func (f *fixture) next(t *testing.T) []*smtptest.Message {
	t.Helper()
	before := len(f.srv.Messages())
	runAll(t, f.runner)
	return f.srv.Messages()[before:]
}

func one(t *testing.T, ms []*smtptest.Message, to string, words ...string) *smtptest.Message {
	t.Helper()
	if len(ms) != 1 {
		var subj []string
		for _, m := range ms {
			subj = append(subj, m.To+": "+m.Subject)
		}
		t.Fatalf("%d messages, want 1 to %s: %q", len(ms), to, subj)
	}
	m := ms[0]
	if m.To != to {
		t.Errorf("message to %s, want %s", m.To, to)
	}
	for _, w := range words {
		if !strings.Contains(m.Subject+"\n"+m.Text, w) {
			t.Errorf("message to %s lacks %q:\n%s\n%s", to, w, m.Subject, m.Text)
		}
	}
	return m
}

var tokenRE = regexp.MustCompile(`/konfirmasi\?token=([A-Za-z0-9_-]+)`)

// The services notify: a decided application, a meeting request and its
// answer, each to the right people in their language.
func TestServicesNotify(t *testing.T) {
	c := newClock()
	f := newFixture(t, c)
	ctx := context.Background()

	f.bizP.Status = dagang.ParticipationSelected
	must(t, f.db.UpdateParticipation(ctx, f.bizP, dagang.Change{Fields: []string{"status"}}))
	one(t, f.next(t), "owner@kemiri.example", "Application accepted: Temu Bisnis Balikpapan", "Dear Siti Rahmah", "/events/")

	r := &dagang.MeetingRequest{EventID: f.event.ID, FromID: f.bizP.ID, ToID: f.orgP.ID, Priority: 3, Note: "Pasokan jagung untuk pakan"}
	must(t, f.db.CreateMeetingRequest(ctx, r))
	one(t, f.next(t), "budi@jagung.example", "Permintaan pertemuan dari CV Kemiri Banua", "Yth. Pak Budi", "Pesan: Pasokan jagung untuk pakan")

	if _, err := f.db.AnswerMeetingRequest(ctx, r.ID, r.Version, dagang.RequestDeclined, ""); err != nil {
		t.Fatal(err)
	}
	one(t, f.next(t), "owner@kemiri.example", "Meeting request declined: PT Jagung Kaltim")

	// The WhatsApp numbers were normalised and travel with the messages.
	ns, _, err := f.db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: f.office.ID})
	must(t, err)
	for _, n := range ns {
		if n.ToWhatsApp != "6281234567890" && n.ToWhatsApp != "6281311112222" {
			t.Errorf("%s: WhatsApp %q", n.Kind, n.ToWhatsApp)
		}
	}
}

// A deal recorded with a counterpart asks it to confirm with a link that
// expires after 7 days; while no answer comes, the link is sent again up
// to 3 times, each new link ending the old one, and then staff are told.
// An answer through the link ends the re-sends.
func TestConfirmationLinksExpireAndAreResent(t *testing.T) {
	c := newClock()
	f := newFixture(t, c)
	ctx := context.Background()
	deal := func() *dagang.Deal {
		x := &dagang.Deal{OfficeID: f.office.ID, EventID: f.event.ID, Direction: dagang.DirectionSell, BusinessID: f.biz.ID, CounterpartID: f.org.ID,
			CommodityID: f.commodityID, ValueIDR: 1_500_000_000, Stage: dagang.DealIndication, DealDate: dagang.MustDate("2019-03-12")}
		must(t, f.db.CreateDeal(ctx, x, true))
		return x
	}
	x := deal()
	m := one(t, f.next(t), "budi@jagung.example", "Mohon konfirmasi transaksi dengan CV Kemiri Banua", "Rp1,5 miliar", "11 Maret 2019 09.00 WITA")
	tokens := []string{tokenRE.FindStringSubmatch(m.Text)[1]}
	if _, err := f.db.DealByToken(ctx, tokens[0]); err != nil {
		t.Fatalf("the first link does not open the deal: %v", err)
	}
	for round := 1; round <= 3; round++ {
		c.add(7*24*time.Hour - time.Second)
		if ms := f.next(t); len(ms) != 0 {
			t.Fatalf("round %d: %d messages before the link expired", round, len(ms))
		}
		c.add(time.Second)
		m := one(t, f.next(t), "budi@jagung.example", "Pengingat: Mohon konfirmasi")
		tok := tokenRE.FindStringSubmatch(m.Text)[1]
		if _, err := f.db.DealByToken(ctx, tokens[len(tokens)-1]); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("round %d: the expired link still works: %v", round, err)
		}
		if _, err := f.db.DealByToken(ctx, tok); err != nil {
			t.Errorf("round %d: the new link does not work: %v", round, err)
		}
		tokens = append(tokens, tok)
	}
	c.add(7 * 24 * time.Hour)
	one(t, f.next(t), "staf@disdag.example", "Transaksi belum dikonfirmasi mitra: #", "3 kali dikirim ulang")
	c.add(30 * 24 * time.Hour)
	if ms := f.next(t); len(ms) != 0 {
		t.Errorf("%d messages after staff were told", len(ms))
	}

	// An answer through the link ends the re-sends.
	y := deal()
	m = one(t, f.next(t), "budi@jagung.example", "Mohon konfirmasi")
	if _, err := f.db.AnswerDealByToken(ctx, tokenRE.FindStringSubmatch(m.Text)[1], dagang.ConfirmationConfirmed, "Setuju"); err != nil {
		t.Fatal(err)
	}
	c.add(8 * 24 * time.Hour)
	if ms := f.next(t); len(ms) != 0 {
		t.Errorf("%d messages after the counterpart answered", len(ms))
	}
	if x.ID == y.ID {
		t.Error("one deal")
	}
}

// Follow-up reports falling due within a week are reminded once, by a
// job that runs every day.
func TestFollowUpReminders(t *testing.T) {
	c := newClock()
	f := newFixture(t, c)
	ctx := context.Background()
	f.runner.Handlers[dagang.JobFollowUps] = notify.FollowUpHandler(f.db, nil, c.Now, func() dagang.Date { return dagang.DateOf(c.Now()) })
	x := &dagang.Deal{OfficeID: f.office.ID, EventID: f.event.ID, Direction: dagang.DirectionSell, BusinessID: f.biz.ID, CounterpartID: f.org.ID,
		CommodityID: f.commodityID, ValueIDR: 800_000_000, Stage: dagang.DealContract, DealDate: dagang.MustDate("2019-02-08"), Confirmation: dagang.ConfirmationConfirmed}
	must(t, f.db.CreateDeal(ctx, x, true))
	must(t, notify.ScheduleFollowUps(ctx, f.db, f.office.ID, c.Now()))
	one(t, f.next(t), "owner@kemiri.example", "Follow-up report due: deal #", "The 1-month follow-up report", "8 March 2019", "/deals/")
	for day := 1; day <= 3; day++ {
		c.add(24 * time.Hour)
		if ms := f.next(t); len(ms) != 0 {
			t.Errorf("day %d: %d more reminders", day, len(ms))
		}
	}
	// Three months on, the next one.
	c.add(88 * 24 * time.Hour)
	one(t, f.next(t), "owner@kemiri.example", "The 3-month follow-up report", "8 May 2019")
}
