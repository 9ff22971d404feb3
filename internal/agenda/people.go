// Package agenda schedules the one-to-one meetings of an event in the
// product: it builds a dagang-b2b/1 instance (internal/schedule) from the
// event's approved meeting requests, its time grid, its participants'
// availability and caps and the meetings staff locked; refuses locked
// meetings that cannot be kept, naming them; solves; stores the schedule
// (locked meetings stay); and prints the agendas as PDF: one page per
// participant, a card per table and the full grid.
//
// Slots and tables are stored counted from 0 and shown counted from 1.
package agenda

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dagang/dagang"
)

// Store is what the agenda reads and writes. *store.DB implements it.
type Store interface {
	FindEventByID(ctx context.Context, id int64) (*dagang.Event, error)
	FindParticipations(ctx context.Context, f dagang.ParticipationFilter) ([]*dagang.Participation, int, error)
	FindBusinessByID(ctx context.Context, id int64) (*dagang.Business, error)
	FindOrganisationByID(ctx context.Context, id int64) (*dagang.Organisation, error)
	FindCommodityByID(ctx context.Context, id int64) (*dagang.Commodity, error)
	FindListings(ctx context.Context, f dagang.ListingFilter) ([]*dagang.Listing, int, error)
	FindMeetingRequests(ctx context.Context, f dagang.MeetingFilter) ([]*dagang.MeetingRequest, int, error)
	FindMeetings(ctx context.Context, f dagang.MeetingFilter) ([]*dagang.Meeting, int, error)
	ReplaceMeetings(ctx context.Context, eventID int64, ms []*dagang.Meeting) error
	FindAvailability(ctx context.Context, eventID int64) ([]*dagang.Availability, error)
	FindCalendarEntries(ctx context.Context, eventID, participationID int64) ([]*dagang.CalendarEntry, error)
	dagang.AgendaAnnouncer
}

// Person is one participant of the event as the agenda shows it.
type Person struct {
	Participation *dagang.Participation
	Name          string
	Province      string   // province code: the home province for businesses
	Products      []string // what it offers, e.g. "beras (400 ton/bulan)"
	Needs         []string // what it looks for
	MaxMeetings   int      // 0: no cap
	Unavailable   []int

	products []dagang.Product // a business's products
	listings []*dagang.Listing
}

// Label names the person with its participation number, unique in an
// event: "CV Beras Kandangan Lestari (#12)".
func (p *Person) Label() string { return fmt.Sprintf("%s (#%d)", p.Name, p.Participation.ID) }

// RoleLabel is the participant's role in Indonesian.
func (p *Person) RoleLabel() string {
	switch p.Participation.Role {
	case dagang.RoleMatching:
		return "Pelaku usaha (temu bisnis)"
	case dagang.RoleExhibitor:
		return "Pelaku usaha (pameran)"
	case dagang.RoleBuyer:
		return "Mitra / pembeli"
	}
	return string(p.Participation.Role)
}

// pages collects every item of a paged list.
func pages[T any](find func(opt dagang.ListOptions) ([]T, int, error)) ([]T, error) {
	var all []T
	for {
		items, total, err := find(dagang.ListOptions{Offset: len(all), Limit: dagang.MaxLimit})
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if len(items) == 0 || len(all) >= total {
			return all, nil
		}
	}
}

// people loads every participant of the event that is not rejected, with
// its products and needs, keyed by participation ID.
func people(ctx context.Context, st Store, e *dagang.Event) (map[int64]*Person, error) {
	ps, err := pages(func(opt dagang.ListOptions) ([]*dagang.Participation, int, error) {
		return st.FindParticipations(ctx, dagang.ParticipationFilter{ListOptions: opt, EventID: e.ID})
	})
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	commodity := func(id int64) (*dagang.Commodity, error) {
		c, err := st.FindCommodityByID(ctx, id)
		if err == nil {
			names[id] = c.Name
		}
		return c, err
	}
	label := func(id int64, volume float64, unit string) (string, error) {
		if _, ok := names[id]; !ok {
			if _, err := commodity(id); err != nil {
				return "", err
			}
		}
		if volume > 0 {
			return fmt.Sprintf("%s (%s %s/bulan)", names[id], strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", volume), "0"), "."), unit), nil
		}
		return names[id], nil
	}
	out := map[int64]*Person{}
	for _, p := range ps {
		if p.Status == dagang.ParticipationRejected {
			continue
		}
		person := &Person{Participation: p}
		lf := dagang.ListingFilter{}
		if p.BusinessID != 0 {
			b, err := st.FindBusinessByID(ctx, p.BusinessID)
			if err != nil {
				return nil, err
			}
			person.Name, person.products = b.Name, b.Products
			if len(b.RegencyCode) >= 2 {
				person.Province = b.RegencyCode[:2] // its home province
			}
			for _, pr := range b.Products {
				s, err := label(pr.CommodityID, pr.MonthlyCapacity, pr.Unit)
				if err != nil {
					return nil, err
				}
				person.Products = append(person.Products, s)
			}
			lf.BusinessID = b.ID
		} else {
			o, err := st.FindOrganisationByID(ctx, p.OrganisationID)
			if err != nil {
				return nil, err
			}
			person.Name, person.Province = o.Name, o.ProvinceCode
			lf.OrganisationID = o.ID
		}
		ls, _, err := st.FindListings(ctx, lf)
		if err != nil {
			return nil, err
		}
		person.listings = ls
		for _, l := range ls {
			s, err := label(l.CommodityID, l.Volume, l.Unit)
			if err != nil {
				return nil, err
			}
			if l.Kind == dagang.ListingNeed {
				person.Needs = append(person.Needs, s)
			} else if !slices.Contains(person.Products, s) {
				person.Products = append(person.Products, s)
			}
		}
		out[p.ID] = person
	}
	av, err := st.FindAvailability(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	for _, a := range av {
		if p := out[a.ParticipationID]; p != nil {
			p.MaxMeetings, p.Unavailable = a.MaxMeetings, a.Unavailable
		}
	}
	return out, nil
}

// eventData is what both the plan and the agenda read of an event.
type eventData struct {
	event    *dagang.Event
	grid     *Grid
	people   map[int64]*Person
	approved []*dagang.MeetingRequest
	meetings []*dagang.Meeting
}

func read(ctx context.Context, st Store, eventID int64) (*eventData, error) {
	e, err := st.FindEventByID(ctx, eventID)
	if err != nil {
		return nil, err
	}
	r := &eventData{event: e}
	if r.grid, err = NewGrid(e); err != nil {
		return nil, err
	}
	if r.people, err = people(ctx, st, e); err != nil {
		return nil, err
	}
	r.approved, err = pages(func(opt dagang.ListOptions) ([]*dagang.MeetingRequest, int, error) {
		return st.FindMeetingRequests(ctx, dagang.MeetingFilter{ListOptions: opt, EventID: e.ID, Status: dagang.RequestApproved})
	})
	if err != nil {
		return nil, err
	}
	r.meetings, err = pages(func(opt dagang.ListOptions) ([]*dagang.Meeting, int, error) {
		return st.FindMeetings(ctx, dagang.MeetingFilter{ListOptions: opt, EventID: e.ID})
	})
	return r, err
}
