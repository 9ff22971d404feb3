package web

import (
	"context"
	"net/http"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/mission"
)

// home is the first page of a business or a counterpart: its own work,
// not the office's dashboard (which holds other provinces' agreements).
type home struct {
	User *dagang.User
	Refs *refs
	Year int
	Own  ownDeals

	// A business: how complete its profile is, the events open to it with
	// whether it meets their conditions, and its deals not yet realised.
	Business *dagang.Business
	Profile  []profileItem
	Open     []openEvent

	// A counterpart: its organisation.
	Org *dagang.Organisation

	Parts []homePart     // its places in events, newest first
	Deals []*dagang.Deal // awaiting its report (business) or its answer (counterpart)
}

// ownDeals sums the deals of the viewing business or counterpart.
type ownDeals struct {
	Deals    int
	TotalIDR int64
}

// profileItem is one thing a complete profile has.
type profileItem struct {
	Label string
	Done  bool
}

// ProfileDone counts the items of the profile that are filled in.
func (h home) ProfileDone() int {
	n := 0
	for _, p := range h.Profile {
		if p.Done {
			n++
		}
	}
	return n
}

// openEvent is an event open for applications, with the viewer's verdict.
type openEvent struct {
	E       *dagang.Event
	Verdict mission.Verdict
	Applied bool
}

// homePart is one participation with its event, the meeting requests
// waiting for its answer and its scheduled meetings.
type homePart struct {
	*dagang.Participation
	Event    *dagang.Event
	Waiting  int
	Meetings int
}

// handleHome draws the home of a business or counterpart user.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request, u *dagang.User, year int) error {
	ctx := r.Context()
	h := home{User: u, Year: year, Refs: s.refs(ctx, langOf(r))}
	df := dagang.DealFilter{OfficeID: officeOf(r.Context()), ListOptions: all}
	pf := dagang.ParticipationFilter{ListOptions: all}
	var err error
	switch {
	case u.Role == dagang.UserBusiness && u.BusinessID != 0:
		if h.Business, err = s.home.FindBusinessByID(ctx, u.BusinessID); err != nil {
			return err
		}
		h.Profile = profileOf(h.Business)
		df.BusinessID, pf.BusinessID = u.BusinessID, u.BusinessID
	case u.Role == dagang.UserCounterpart && u.OrganisationID != 0:
		if h.Org, err = s.home.FindOrganisationByID(ctx, u.OrganisationID); err != nil {
			return err
		}
		df.CounterpartID, pf.OrganisationID = u.OrganisationID, u.OrganisationID
	default:
		return errForbidden()
	}
	deals, _, err := s.home.FindDeals(ctx, df)
	if err != nil {
		return err
	}
	for _, d := range deals {
		if year == 0 || d.DealDate.Year == year {
			h.Own.Deals++
			h.Own.TotalIDR += d.ValueIDR
		}
		if (h.Business != nil && d.Stage != dagang.DealRealised) || (h.Org != nil && d.Confirmation == dagang.ConfirmationPending) {
			h.Deals = append(h.Deals, d)
		}
	}
	parts, _, err := s.home.FindParticipations(ctx, pf)
	if err != nil {
		return err
	}
	applied := map[int64]bool{}
	for _, p := range parts {
		applied[p.EventID] = true
		hp, err := s.homePart(ctx, p)
		if err != nil {
			return err
		}
		h.Parts = append(h.Parts, hp)
	}
	if h.Business != nil {
		open, _, err := s.home.FindEvents(ctx, dagang.EventFilter{OfficeID: officeOf(r.Context()), Status: dagang.EventOpen, ListOptions: all})
		if err != nil {
			return err
		}
		for _, e := range open {
			oe := openEvent{E: e, Applied: applied[e.ID]}
			if !oe.Applied {
				vs, err := mission.Eligibility(ctx, s.home, officeOf(r.Context()), e.ID)
				if err != nil {
					return err
				}
				oe.Verdict = vs[u.BusinessID]
			}
			h.Open = append(h.Open, oe)
		}
	}
	s.renderPage(w, r, http.StatusOK, "home", h)
	return nil
}

// homePart reads a participation's event, the requests waiting for its
// answer and its meetings.
func (s *Server) homePart(ctx context.Context, p *dagang.Participation) (homePart, error) {
	hp := homePart{Participation: p}
	var err error
	if hp.Event, err = s.home.FindEventByID(ctx, p.EventID); err != nil {
		return hp, err
	}
	rs, _, err := s.home.FindMeetingRequests(ctx, dagang.MeetingFilter{EventID: p.EventID, ParticipationID: p.ID, Status: dagang.RequestPending, ListOptions: all})
	if err != nil {
		return hp, err
	}
	for _, q := range rs {
		if q.ToID == p.ID {
			hp.Waiting++
		}
	}
	_, hp.Meetings, err = s.home.FindMeetings(ctx, dagang.MeetingFilter{EventID: p.EventID, ParticipationID: p.ID, ListOptions: dagang.ListOptions{Limit: 1}})
	return hp, err
}

// profileOf lists what a complete business profile holds: what the
// conditions of an application need first, then how buyers reach it.
func profileOf(b *dagang.Business) []profileItem {
	capacity := len(b.Products) > 0
	for _, p := range b.Products {
		capacity = capacity && p.MonthlyCapacity > 0
	}
	return []profileItem{
		{"Kabupaten/kota", b.RegencyCode != ""},
		{"Skala usaha", b.Size != ""},
		{"Produk", len(b.Products) > 0},
		{"Kapasitas bulanan setiap produk", capacity},
		{"NIB", b.NIB != ""},
		{"Kontak (nama, telepon atau e-mail)", b.Person != "" && (b.Phone != "" || b.Email != "")},
	}
}
