// Package mission wires the delegation proposal (internal/delegation) to
// the store: the applicants of an event with their business, products,
// regency and participation history; the destination's needs from the
// partner analysis (internal/analysis) and from the needs registered by
// buyers of the host province; the eligibility rules of an application;
// the staff overrides; and the reach of the office's events.
package mission

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/delegation"
)

// Store is what the package reads. *store.DB implements it.
type Store interface {
	analysis.Store
	FindOfficeByID(ctx context.Context, id int64) (*dagang.Office, error)
	FindEventByID(ctx context.Context, id int64) (*dagang.Event, error)
	FindEvents(ctx context.Context, f dagang.EventFilter) ([]*dagang.Event, int, error)
	FindParticipations(ctx context.Context, f dagang.ParticipationFilter) ([]*dagang.Participation, int, error)
	FindBusinesses(ctx context.Context, f dagang.BusinessFilter) ([]*dagang.Business, int, error)
	FindRegencies(ctx context.Context, provinceCode string, opt dagang.ListOptions) ([]*dagang.Regency, int, error)
	FindListings(ctx context.Context, f dagang.ListingFilter) ([]*dagang.Listing, int, error)
	FindOrganisations(ctx context.Context, f dagang.OrganisationFilter) ([]*dagang.Organisation, int, error)
	FindDelegationOverrides(ctx context.Context, eventID int64) ([]*dagang.DelegationOverride, error)
	FindRegistrations(ctx context.Context, f dagang.RegistrationFilter) ([]*dagang.Registration, int, error)
}

// all pages through a list of the store.
func all[T any](find func(dagang.ListOptions) ([]T, int, error)) ([]T, error) {
	var out []T
	for {
		page, total, err := find(dagang.ListOptions{Offset: len(out), Limit: dagang.MaxLimit})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

// Weight of a need registered by a buyer of the destination, added to the
// weight the analysis gives (the stage weight of a flow from home).
const listingWeight = 1.0

// Needs returns what the destination needs from home, each with a weight:
// the stage weight of every flow the analysis finds from home to dest
// (raw 1, semi-finished 1.5, finished 2), plus 1 when a buyer registered
// in dest lists a need for it. Needs are in catalogue order.
func Needs(r *analysis.Ranking, dest string, buyerNeeds map[string]bool, names map[string]string) delegation.Destination {
	d := delegation.Destination{Code: dest, Name: dest}
	weights := map[string]float64{}
	if c, ok := r.Candidate(dest); ok {
		d.Name = c.Province.ShortName
		for _, f := range c.Sell {
			weights[f.Commodity] += f.Weight
			names[f.Commodity] = f.Name
		}
	}
	for slug := range buyerNeeds {
		weights[slug] += listingWeight
	}
	var slugs []string
	for s := range weights {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	for _, s := range slugs {
		d.Needs = append(d.Needs, delegation.Need{Commodity: s, Name: names[s], Weight: weights[s]})
	}
	return d
}

// Check applies the eligibility rules of an application to a business:
// a complete profile (regency, size class, at least one product), a
// product the destination needs, and a monthly capacity stated for it.
// It returns the reasons it is not eligible, in Indonesian and English.
func Check(b *dagang.Business, dest delegation.Destination, slugOf map[int64]string) (ok bool, id, en string) {
	var ids, ens []string
	if b.RegencyCode == "" || b.Size == "" || len(b.Products) == 0 {
		ids = append(ids, "profil usaha belum lengkap (kabupaten/kota, skala usaha dan produk wajib diisi)")
		ens = append(ens, "the business profile is incomplete (regency, size class and products are required)")
	}
	need := map[string]bool{}
	var needNames []string
	for _, n := range dest.Needs {
		need[n.Commodity] = true
		needNames = append(needNames, n.Name)
	}
	relevant, capacity := false, false
	var products []string
	for _, p := range b.Products {
		s := slugOf[p.CommodityID]
		products = append(products, strings.ReplaceAll(s, "-", " "))
		if need[s] {
			relevant = true
			capacity = capacity || p.MonthlyCapacity > 0
		}
	}
	switch {
	case len(b.Products) > 0 && !relevant:
		ids = append(ids, fmt.Sprintf("produknya (%s) tidak termasuk kebutuhan %s (%s)", strings.Join(products, ", "), dest.Name, orNone(needNames, "belum ada")))
		ens = append(ens, fmt.Sprintf("its products (%s) are not among the needs of %s (%s)", strings.Join(products, ", "), dest.Name, orNone(needNames, "none yet")))
	case relevant && !capacity:
		ids = append(ids, "kapasitas produksi bulanan untuk produk yang dibutuhkan belum diisi")
		ens = append(ens, "the monthly capacity of the needed product is not stated")
	}
	if len(ids) == 0 {
		return true, "", ""
	}
	return false, strings.Join(ids, "; "), strings.Join(ens, "; ")
}

func orNone(s []string, none string) string {
	if len(s) == 0 {
		return none
	}
	return strings.Join(s, ", ")
}

// Plan is everything behind the delegation of one event: the event, the
// destination's needs, the applicants as the algorithm saw them, and the
// proposal with the staff overrides applied.
type Plan struct {
	Event       *dagang.Event                `json:"event"`
	Destination delegation.Destination       `json:"destination"`
	Applicants  []delegation.Applicant       `json:"applicants"`
	Proposal    delegation.Proposal          `json:"proposal"`
	Overrides   []*dagang.DelegationOverride `json:"overrides"`
	// Reason is the analysis's sentence on home and the destination.
	Reason string `json:"reason"`
}

// PolicyFor is the office's default policy for an event: its own quotas,
// nobody who took part the year before, at most two per regency.
func PolicyFor(e *dagang.Event) delegation.Policy {
	p := delegation.DefaultPolicy(e.Year())
	p.Quota = map[delegation.Role]int{delegation.RoleMatching: e.QuotaMatching, delegation.RoleExhibitor: e.QuotaExhibitor}
	return p
}

// world is what the store holds for an office, read once.
type world struct {
	office     *dagang.Office
	rankings   map[int]*analysis.Ranking // by the event year they were judged at
	slugOf     map[int64]string
	names      map[string]string
	businesses map[int64]*dagang.Business
	regencies  map[string]string // code → name
	regList    []*dagang.Regency
	history    map[int64][]int // business → years it took part
	events     []*dagang.Event
	parts      []*dagang.Participation
	// registrations are the self-registrations of the office's open calls.
	registrations []*dagang.Registration
}

func load(ctx context.Context, st Store, officeID int64) (*world, error) {
	w, err := loadBase(ctx, st, officeID)
	if err != nil {
		return nil, err
	}
	bs, err := all(func(o dagang.ListOptions) ([]*dagang.Business, int, error) {
		return st.FindBusinesses(ctx, dagang.BusinessFilter{ListOptions: o, OfficeID: officeID})
	})
	if err != nil {
		return nil, err
	}
	for _, b := range bs {
		w.businesses[b.ID] = b
	}
	if w.events, err = all(func(o dagang.ListOptions) ([]*dagang.Event, int, error) {
		return st.FindEvents(ctx, dagang.EventFilter{ListOptions: o, OfficeID: officeID})
	}); err != nil {
		return nil, err
	}
	year := map[int64]int{}
	for _, e := range w.events {
		year[e.ID] = e.Year()
		ps, err := all(func(o dagang.ListOptions) ([]*dagang.Participation, int, error) {
			return st.FindParticipations(ctx, dagang.ParticipationFilter{ListOptions: o, EventID: e.ID})
		})
		if err != nil {
			return nil, err
		}
		w.parts = append(w.parts, ps...)
	}
	if w.registrations, err = all(func(o dagang.ListOptions) ([]*dagang.Registration, int, error) {
		return st.FindRegistrations(ctx, dagang.RegistrationFilter{ListOptions: o, OfficeID: officeID})
	}); err != nil {
		return nil, err
	}
	for _, p := range w.parts {
		if p.BusinessID != 0 && took(p.Status) && !slices.Contains(w.history[p.BusinessID], year[p.EventID]) {
			w.history[p.BusinessID] = append(w.history[p.BusinessID], year[p.EventID])
		}
	}
	return w, nil
}

// loadBase reads the office, the commodity catalogue and the home
// province's regencies: what judging a business needs besides the
// records.
func loadBase(ctx context.Context, st Store, officeID int64) (*world, error) {
	w := &world{slugOf: map[int64]string{}, names: map[string]string{}, businesses: map[int64]*dagang.Business{}, regencies: map[string]string{}, history: map[int64][]int{}}
	var err error
	if w.office, err = st.FindOfficeByID(ctx, officeID); err != nil {
		return nil, err
	}
	cs, err := all(func(o dagang.ListOptions) ([]*dagang.Commodity, int, error) {
		return st.FindCommodities(ctx, dagang.CommodityFilter{ListOptions: o})
	})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		w.slugOf[c.ID] = c.Slug
		w.names[c.Slug] = analysis.LowerFirst(c.Name)
	}
	rs, err := all(func(o dagang.ListOptions) ([]*dagang.Regency, int, error) {
		return st.FindRegencies(ctx, w.office.HomeProvince, o)
	})
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		w.regencies[r.Code] = r.Name
		w.regList = append(w.regList, r)
	}
	return w, nil
}

// loadEvent reads an event of the office, the office's world and the
// event's destination as of its year.
func loadEvent(ctx context.Context, st Store, officeID, eventID int64) (*dagang.Event, *world, delegation.Destination, error) {
	e, err := st.FindEventByID(ctx, eventID)
	if err != nil {
		return nil, nil, delegation.Destination{}, err
	}
	if e.OfficeID != officeID {
		return nil, nil, delegation.Destination{}, dagang.Errorf(dagang.ENOTFOUND, "kegiatan %d tidak ditemukan", "event %d not found", eventID)
	}
	w, err := load(ctx, st, officeID)
	if err != nil {
		return nil, nil, delegation.Destination{}, err
	}
	dest, err := w.destination(ctx, st, e.HostProvince, e.Year())
	if err != nil {
		return nil, nil, delegation.Destination{}, err
	}
	return e, w, dest, nil
}

// took reports whether a participation status means the business went.
func took(s dagang.ParticipationStatus) bool {
	return s == dagang.ParticipationSelected || s == dagang.ParticipationAttended
}

// rank runs the partner analysis on the evidence of the event's year and
// before (a 2019 mission is judged on what was known in 2019, not on
// statistics published later), once per year.
func (w *world) rank(ctx context.Context, st Store, year int) (*analysis.Ranking, error) {
	if r, ok := w.rankings[year]; ok {
		return r, nil
	}
	opt := complement.DefaultOptions()
	opt.Year = year
	r, err := analysis.Rank(ctx, st, w.office.ID, w.office.HomeProvince, opt)
	if err != nil {
		return nil, err
	}
	if w.rankings == nil {
		w.rankings = map[int]*analysis.Ranking{}
	}
	w.rankings[year] = r
	return r, nil
}

// destination builds the needs of a host province from the analysis as of
// the event's year and the needs registered by its buyers.
func (w *world) destination(ctx context.Context, st Store, host string, year int) (delegation.Destination, error) {
	ranking, err := w.rank(ctx, st, year)
	if err != nil {
		return delegation.Destination{}, err
	}
	orgs, err := all(func(o dagang.ListOptions) ([]*dagang.Organisation, int, error) {
		return st.FindOrganisations(ctx, dagang.OrganisationFilter{ListOptions: o, OfficeID: w.office.ID, ProvinceCode: host})
	})
	if err != nil {
		return delegation.Destination{}, err
	}
	buyer := map[int64]bool{}
	for _, o := range orgs {
		buyer[o.ID] = true
	}
	ls, err := all(func(o dagang.ListOptions) ([]*dagang.Listing, int, error) {
		return st.FindListings(ctx, dagang.ListingFilter{ListOptions: o, OfficeID: w.office.ID, Kind: dagang.ListingNeed})
	})
	if err != nil {
		return delegation.Destination{}, err
	}
	needs := map[string]bool{}
	for _, l := range ls {
		if buyer[l.OrganisationID] {
			needs[w.slugOf[l.CommodityID]] = true
		}
	}
	return Needs(ranking, host, needs, w.names), nil
}

// applicant turns a business's application into the algorithm's input.
func (w *world) applicant(b *dagang.Business, role dagang.Role, dest delegation.Destination, before int) delegation.Applicant {
	a := delegation.Applicant{BusinessID: b.ID, Name: b.Name, Regency: b.RegencyCode, RegencyName: w.regencies[b.RegencyCode], Role: delegation.Role(role)}
	for _, p := range b.Products {
		if s := w.slugOf[p.CommodityID]; !slices.Contains(a.Products, s) {
			a.Products = append(a.Products, s)
		}
	}
	for _, y := range w.history[b.ID] {
		if y < before {
			a.LastYears = append(a.LastYears, y)
		}
	}
	sort.Ints(a.LastYears)
	a.Eligible, a.IneligibleReason, a.IneligibleReasonEN = Check(b, dest, w.slugOf)
	return a
}

// Rules are the policy choices staff may change for one proposal; zero
// values keep the office's default (PolicyFor).
type Rules struct {
	RotationYears *int    // N: who took part in the last N years (0: no rotation)
	RotationMode  string  // "exclude" or "penalty"
	PenaltyWeight float64 // in need-weight units, for "penalty"
	MaxPerRegency *int    // M per regency over all roles (0: no limit)
}

// apply changes p by the rules that are set.
func (r Rules) apply(p *delegation.Policy) {
	if r.RotationYears != nil {
		p.RotationYears = *r.RotationYears
	}
	if r.RotationMode != "" {
		p.RotationMode = delegation.RotationMode(r.RotationMode)
	}
	if r.PenaltyWeight != 0 {
		p.PenaltyWeight = r.PenaltyWeight
	}
	if r.MaxPerRegency != nil {
		p.MaxPerRegency = *r.MaxPerRegency
	}
}

// Propose builds the delegation plan of an event of the office: the
// optimal proposal under the event's policy, with the staff's overrides.
func Propose(ctx context.Context, st Store, officeID, eventID int64) (*Plan, error) {
	return ProposeWith(ctx, st, officeID, eventID, Rules{})
}

// ProposeWith is Propose under the event's policy changed by rules.
// Rules the delegation package refuses (a negative N, an unknown mode)
// are EINVALID with one field each.
func ProposeWith(ctx context.Context, st Store, officeID, eventID int64, rules Rules) (*Plan, error) {
	e, w, dest, err := loadEvent(ctx, st, officeID, eventID)
	if err != nil {
		return nil, err
	}
	plan := &Plan{Event: e, Destination: dest}
	if c, ok := w.rankings[e.Year()].Candidate(e.HostProvince); ok {
		plan.Reason = c.Reason
	}
	for _, p := range w.parts {
		b := w.businesses[p.BusinessID]
		if p.EventID != e.ID || b == nil {
			continue
		}
		plan.Applicants = append(plan.Applicants, w.applicant(b, p.Role, plan.Destination, e.Year()))
	}
	policy := PolicyFor(e)
	rules.apply(&policy)
	prop, err := delegation.Propose(plan.Applicants, plan.Destination, policy)
	if err != nil {
		return nil, err
	}
	if plan.Overrides, err = st.FindDelegationOverrides(ctx, e.ID); err != nil {
		return nil, err
	}
	var os []delegation.Override
	for _, o := range plan.Overrides {
		os = append(os, delegation.Override{BusinessID: o.BusinessID, Action: delegation.Action(o.Action), Reason: o.Reason, By: o.By})
	}
	if plan.Proposal, err = delegation.ApplyOverrides(prop, os); err != nil {
		return nil, err
	}
	return plan, nil
}

// Decisions turns the plan into the decision on every applicant, for
// store.SetDelegation: the chosen are selected, the others rejected, each
// with its reason as the note.
func (p *Plan) Decisions() []dagang.DelegationDecision {
	var ds []dagang.DelegationDecision
	for _, d := range p.Proposal.Chosen {
		ds = append(ds, dagang.DelegationDecision{BusinessID: d.BusinessID, Status: dagang.ParticipationSelected, Note: d.Reason})
	}
	for _, d := range p.Proposal.PassedOver {
		ds = append(ds, dagang.DelegationDecision{BusinessID: d.BusinessID, Status: dagang.ParticipationRejected, Note: d.Reason})
	}
	return ds
}
