package mission

import (
	"context"
	"slices"
	"sort"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/delegation"
)

// ReachYear is the reach of the office's events in one year.
type ReachYear struct {
	Year       int `json:"year"`
	Events     int `json:"events"`
	Businesses int `json:"businesses"` // distinct businesses that went
	New        int `json:"new"`        // of which going for the first time
	Cumulative int `json:"cumulative"` // distinct businesses reached up to this year
	// OpenCall counts the businesses that entered the registry through an
	// open call of the year's events (self-registrations staff approved);
	// OpenCallChosen those of them selected for, or attending, an event
	// of the year.
	OpenCall       int `json:"open_call"`
	OpenCallChosen int `json:"open_call_chosen"`
}

// DelegationReach is how new one event's delegation was: its members
// (businesses selected or attending) and those of them that had never
// gone to an event of an earlier year.
type DelegationReach struct {
	EventID     int64   `json:"event_id"`
	Name        string  `json:"name"`
	Year        int     `json:"year"`
	Members     int     `json:"members"`
	FirstTimers int     `json:"first_timers"`
	Share       float64 `json:"first_timer_share"` // FirstTimers / Members
}

// Reach is how widely the office's events spread over local businesses:
// a business is reached when it was selected for, or attended, an event.
type Reach struct {
	Years      []ReachYear `json:"years"`
	Total      int         `json:"total"`      // distinct businesses reached
	Registered int         `json:"registered"` // businesses registered with the office
	Share      float64     `json:"share"`      // Total / Registered
	// Regencies reached out of the home province's regencies.
	Regencies     int      `json:"regencies"`
	HomeRegencies int      `json:"home_regencies"`
	RegencyNames  []string `json:"regency_names"`
	// Repeaters went in more than one year; RepeatRate = Repeaters / Total.
	Repeaters  int     `json:"repeaters"`
	RepeatRate float64 `json:"repeat_rate"`
	// OpenCall and OpenCallChosen add up the years'.
	OpenCall       int `json:"open_call"`
	OpenCallChosen int `json:"open_call_chosen"`
	// Delegations lists every event with a delegation, in date order.
	Delegations []DelegationReach `json:"delegations"`
}

// reach measures the reach of the office's events.
func (w *world) reach() Reach {
	r := Reach{Registered: len(w.businesses), HomeRegencies: len(w.regencies)}
	byYear := map[int]*ReachYear{}
	year := map[int64]int{}
	for _, e := range w.events {
		year[e.ID] = e.Year()
		y := byYear[e.Year()]
		if y == nil {
			y = &ReachYear{Year: e.Year()}
			byYear[e.Year()] = y
		}
		y.Events++
	}
	yearsOf := map[int64]map[int]bool{}
	for _, p := range w.parts {
		if p.BusinessID == 0 || !took(p.Status) {
			continue
		}
		if yearsOf[p.BusinessID] == nil {
			yearsOf[p.BusinessID] = map[int]bool{}
		}
		yearsOf[p.BusinessID][year[p.EventID]] = true
	}
	var years []int
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)
	seen := map[int64]bool{}
	for _, y := range years {
		ry := byYear[y]
		for b, ys := range yearsOf {
			if !ys[y] {
				continue
			}
			ry.Businesses++
			if !seen[b] {
				ry.New++
			}
		}
		for b, ys := range yearsOf {
			if ys[y] {
				seen[b] = true
			}
		}
		ry.Cumulative = len(seen)
		r.Years = append(r.Years, *ry)
	}
	w.openCallReach(&r, byYear, yearsOf)
	r.Delegations = w.delegations()
	regencies := map[string]bool{}
	for b, ys := range yearsOf {
		r.Total++
		if len(ys) > 1 {
			r.Repeaters++
		}
		if biz := w.businesses[b]; biz != nil {
			regencies[biz.RegencyCode] = true
		}
	}
	for code := range regencies {
		r.RegencyNames = append(r.RegencyNames, w.regencies[code])
	}
	sort.Strings(r.RegencyNames)
	r.Regencies = len(regencies)
	if r.Registered > 0 {
		r.Share = float64(r.Total) / float64(r.Registered)
	}
	if r.Total > 0 {
		r.RepeatRate = float64(r.Repeaters) / float64(r.Total)
	}
	return r
}

// openCallReach counts, per year, the businesses that entered through an
// open call of the year's events and how many of them went that year.
func (w *world) openCallReach(r *Reach, byYear map[int]*ReachYear, yearsOf map[int64]map[int]bool) {
	year := map[int64]int{}
	for _, e := range w.events {
		year[e.ID] = e.Year()
	}
	entered := map[int]map[int64]bool{}
	for _, reg := range w.registrations {
		y, ok := year[reg.EventID]
		if reg.Status != dagang.RegistrationApproved || reg.BusinessID == 0 || !ok {
			continue
		}
		if entered[y] == nil {
			entered[y] = map[int64]bool{}
		}
		entered[y][reg.BusinessID] = true
	}
	for i := range r.Years {
		ry := &r.Years[i]
		for b := range entered[ry.Year] {
			ry.OpenCall++
			if yearsOf[b][ry.Year] {
				ry.OpenCallChosen++
			}
		}
		r.OpenCall += ry.OpenCall
		r.OpenCallChosen += ry.OpenCallChosen
	}
}

// delegations measures the first-timers of each event's delegation: its
// members who went to no event of an earlier year.
func (w *world) delegations() []DelegationReach {
	events := slices.Clone(w.events)
	sort.SliceStable(events, func(i, j int) bool { return events[i].StartsOn.Before(events[j].StartsOn) })
	members := map[int64]map[int64]bool{}
	for _, p := range w.parts {
		if p.BusinessID == 0 || !took(p.Status) {
			continue
		}
		if members[p.EventID] == nil {
			members[p.EventID] = map[int64]bool{}
		}
		members[p.EventID][p.BusinessID] = true
	}
	var out []DelegationReach
	for _, e := range events {
		if len(members[e.ID]) == 0 {
			continue
		}
		d := DelegationReach{EventID: e.ID, Name: e.Name, Year: e.Year(), Members: len(members[e.ID])}
		for b := range members[e.ID] {
			first := true
			for _, y := range w.history[b] {
				first = first && y >= e.Year()
			}
			if first {
				d.FirstTimers++
			}
		}
		d.Share = float64(d.FirstTimers) / float64(d.Members)
		out = append(out, d)
	}
	return out
}

// ComputeReach measures the reach of an office's events from the store.
func ComputeReach(ctx context.Context, st Store, officeID int64) (Reach, error) {
	w, err := load(ctx, st, officeID)
	if err != nil {
		return Reach{}, err
	}
	return w.reach(), nil
}

// Simulation is the what-if of an event's pool replayed over future years.
type Simulation struct {
	Event       *dagang.Event          `json:"event"`
	Destination delegation.Destination `json:"destination"`
	Policy      delegation.Policy      `json:"policy"`
	Pool        int                    `json:"pool"` // eligible applicants
	delegation.Simulation
}

// Simulate replays an event's current pool of eligible applicants for
// years, under the event's policy and without rotation (see
// delegation.Simulate), with the rules changed as given. With eventID 0
// it takes the office's latest event.
func Simulate(ctx context.Context, st Store, officeID, eventID int64, years int, rules Rules) (*Simulation, error) {
	if eventID == 0 {
		es, _, err := st.FindEvents(ctx, dagang.EventFilter{OfficeID: officeID, ListOptions: dagang.ListOptions{Limit: 1}})
		if err != nil {
			return nil, err
		}
		if len(es) == 0 {
			return nil, dagang.Errorf(dagang.ENOTFOUND, "belum ada kegiatan untuk disimulasikan", "there is no event to simulate")
		}
		eventID = es[0].ID
	}
	plan, err := ProposeWith(ctx, st, officeID, eventID, rules)
	if err != nil {
		return nil, err
	}
	s := &Simulation{Event: plan.Event, Destination: plan.Destination, Policy: plan.Proposal.Policy}
	var pool []delegation.Applicant
	for _, a := range plan.Applicants {
		if a.Eligible {
			pool = append(pool, a)
		}
	}
	s.Pool = len(pool)
	if s.Simulation, err = delegation.Simulate(pool, plan.Destination, s.Policy, years, uint64(plan.Event.ID)); err != nil {
		return nil, err
	}
	return s, nil
}
