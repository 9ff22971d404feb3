package demo

import (
	"fmt"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
)

// Meeting requests at the 2019 mission to Kaltim (all sample data): the
// rice, chicken and egg producers ask to meet the Kaltim buyers that need
// those goods; the chicken farmers ask to meet Kaltim's corn supplier for
// feed; some buyers ask back (mutual interest).
var missionRequests = []struct {
	from, to string // business or organisation keys
	priority int
	status   dagang.RequestStatus
	note     string
}{
	{"d1", "kaltim1", 5, dagang.RequestApproved, "Beras medium untuk distribusi di Samarinda (contoh)"},
	{"kaltim1", "d1", 4, dagang.RequestApproved, "Pembeli juga meminta bertemu (contoh)"},
	{"d2", "kaltim1", 4, dagang.RequestApproved, ""},
	{"d8", "kaltim1", 3, dagang.RequestApproved, ""},
	{"c6", "kaltim1", 4, dagang.RequestApproved, ""},
	{"kaltim1", "c6", 3, dagang.RequestApproved, ""},
	{"d3", "kaltim3", 5, dagang.RequestApproved, "Karkas ayam untuk katering (contoh)"},
	{"kaltim3", "d3", 5, dagang.RequestApproved, ""},
	{"d4", "kaltim3", 4, dagang.RequestApproved, ""},
	{"d7", "kaltim3", 3, dagang.RequestApproved, ""},
	{"d5", "kaltim3", 5, dagang.RequestApproved, "Telur untuk hotel dan katering (contoh)"},
	{"d6", "kaltim3", 3, dagang.RequestApproved, ""},
	{"c9", "kaltim3", 3, dagang.RequestApproved, ""},
	{"d3", "kaltim2", 5, dagang.RequestApproved, "Jagung pipilan untuk pakan ayam pedaging (contoh)"},
	{"kaltim2", "d3", 4, dagang.RequestApproved, ""},
	{"d5", "kaltim2", 4, dagang.RequestApproved, "Jagung pakan untuk ayam petelur (contoh)"},
	{"d4", "kaltim2", 3, dagang.RequestApproved, ""},
	{"d10", "kaltim1", 2, dagang.RequestDeclined, "Pembeli tidak memerlukan kemiri (contoh)"},
	{"d9", "kaltim3", 2, dagang.RequestPending, "Anyaman purun untuk suvenir hotel (contoh)"},
}

// missionAvailability: the corn supplier only comes in the morning, the
// rice buyer takes at most eight meetings and one applicant arrives late
// (sample data).
var missionAvailability = []struct {
	key         string
	maxMeetings int
	unavailable []int
}{
	{"kaltim2", 0, []int{6, 7, 8, 9, 10, 11}},
	{"kaltim1", 8, nil},
	{"d8", 0, []int{0, 1}},
}

// DemoSeed and DemoIterations make the demo's schedule the same every time.
const (
	DemoSeed       = 2019
	DemoIterations = 20000
)

// missionAgenda records the meeting requests and availability of the 2019
// mission and schedules its meetings.
func (l *loader) missionAgenda() error {
	e := l.s.Mission2019
	ps, _, err := l.db.FindParticipations(l.ctx, dagang.ParticipationFilter{EventID: e.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		return err
	}
	byKey := map[string]int64{}
	for k, b := range l.s.Businesses {
		for _, p := range ps {
			if p.BusinessID == b.ID {
				byKey[k] = p.ID
			}
		}
	}
	for k, o := range l.s.Orgs {
		for _, p := range ps {
			if p.OrganisationID == o.ID {
				byKey[k] = p.ID
			}
		}
	}
	for _, r := range missionRequests {
		req := &dagang.MeetingRequest{EventID: e.ID, FromID: byKey[r.from], ToID: byKey[r.to], Priority: r.priority, Status: r.status, Note: r.note}
		if err := l.db.CreateMeetingRequest(l.ctx, req); err != nil {
			return fmt.Errorf("meeting request %s → %s: %w", r.from, r.to, err)
		}
	}
	for _, a := range missionAvailability {
		av := &dagang.Availability{ParticipationID: byKey[a.key], MaxMeetings: a.maxMeetings, Unavailable: a.unavailable}
		if err := l.db.SetAvailability(l.ctx, av); err != nil {
			return fmt.Errorf("availability of %s: %w", a.key, err)
		}
	}
	_, err = agenda.Solve(l.ctx, l.db, e.ID, agenda.Options{TimeLimit: 3 * time.Second, Seed: DemoSeed, Iterations: DemoIterations})
	return err
}
