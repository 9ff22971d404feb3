// Package delegation proposes which local businesses the trade office takes
// to an event (issue 5). It is pure: applicants, the destination's needs and
// a policy go in, a proposal with a reason for every applicant comes out.
// There is no database, clock or global state.
//
// # Objective
//
// Among the eligible applicants (Eligible, a role with a quota, and not
// excluded by the rotation rule) Propose chooses the set S that respects the
// quota of every role and at most Policy.MaxPerRegency members per regency
// (0 = no limit), and that is the best in this lexicographic order:
//
//  1. the most seats filled, |S|;
//  2. the highest total score, Σ score(a) over a in S, where
//     score(a) = Σ round(1000·weight) over the destination needs whose
//     commodity is one of a's products (each need counted once), minus
//     round(1000·PenaltyWeight) when the rotation mode is Penalty and a took
//     part in one of the last RotationYears years;
//  3. the most businesses that never took part before (no year < Policy.Year
//     in LastYears);
//  4. then the set that holds the better-ranked applicant of the symmetric
//     difference of the two sets, where applicants are ranked by score
//     (higher first), then never taken before first, then lower BusinessID.
//
// Rule 4 makes the optimum unique, so the result never depends on the order
// of the input.
//
// # Method
//
// The constraints are two partition matroids (roles, regencies), so the
// problem is a bipartite b-matching between regencies and roles in which
// every applicant is an edge. It is solved exactly as a min-cost max-flow:
// source → regency (capacity MaxPerRegency) → role (one edge of capacity 1
// per applicant) → sink (capacity = quota), by successive shortest paths
// with Dijkstra and potentials. The four levels are folded into one exact
// integer weight per applicant,
//
//	w(a) = score(a)·2^(R+b) + never(a)·2^R + 2^(R−1−rank(a))
//
// (R candidates, b = bits(Q)+1 for the total quota Q) held in math/big, so
// nothing overflows and nothing is approximated. Before building the graph,
// applicants that provably cannot be in any optimum are dropped by exchange
// arguments (see candidates), which leaves at most a few dozen edges however
// large the pool.
package delegation

import (
	"maps"
	"math"
	"slices"

	"github.com/dagang/dagang"
)

// Role is what a business does at the event.
type Role string

// Roles of the article: six businesses look for partners in the business
// matching, three exhibit at the fair.
const (
	RoleMatching  Role = "matching"
	RoleExhibitor Role = "exhibitor"
)

// RotationMode says what happens to a business that took part recently.
type RotationMode string

// Rotation modes.
const (
	RotationExclude RotationMode = "exclude" // it may not go again
	RotationPenalty RotationMode = "penalty" // its score drops by PenaltyWeight
)

// RotationModes are the valid rotation modes.
var RotationModes = []RotationMode{RotationExclude, RotationPenalty}

// Valid reports whether m is a known rotation mode.
func (m RotationMode) Valid() bool { return m == RotationExclude || m == RotationPenalty }

// ScoreScale converts need weights to integer scores: a weight of 1.5 is a
// score of 1500. Scores are int64 so that ties are exact.
const ScoreScale = 1000

// maxWeight bounds need and penalty weights so that scores cannot overflow.
const maxWeight = 1e9

// Applicant is a business that applied for the event.
type Applicant struct {
	BusinessID  int64    `json:"business_id"`
	Name        string   `json:"name"`
	Regency     string   `json:"regency"`      // official code, e.g. "63.03"
	RegencyName string   `json:"regency_name"` // shown in reasons when set, e.g. "Banjar"
	Role        Role     `json:"role"`
	Products    []string `json:"products"` // commodity IDs
	Eligible    bool     `json:"eligible"`
	// IneligibleReason says why an applicant is not Eligible, in
	// Indonesian and in English.
	IneligibleReason   string `json:"ineligible_reason"`
	IneligibleReasonEN string `json:"ineligible_reason_en"`
	LastYears          []int  `json:"last_years"` // years in which it took part in an event
}

// Need is one commodity the destination needs, with its weight (for
// example from the complementarity analysis or the buyers registered
// there). Name is shown in reasons ("beras"); Commodity when it is empty.
type Need struct {
	Commodity string  `json:"commodity"`
	Name      string  `json:"name"`
	Weight    float64 `json:"weight"`
}

// Destination is where the event takes place. Name is the short name used
// in sentences ("Kaltim").
type Destination struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Needs []Need `json:"needs"`
}

// Policy is the office's rule for choosing a delegation.
type Policy struct {
	Year int `json:"year"` // year of the event
	// Quota is the number of seats per role; nil means DefaultQuota.
	Quota map[Role]int `json:"quota"`
	// RotationYears N: a business that took part in Year-N … Year-1 is
	// excluded or penalised, according to RotationMode. 0 disables it.
	RotationYears int          `json:"rotation_years"`
	RotationMode  RotationMode `json:"rotation_mode"`
	PenaltyWeight float64      `json:"penalty_weight"`  // in need-weight units, for RotationPenalty
	MaxPerRegency int          `json:"max_per_regency"` // M, over all roles; 0 = no limit
}

// DefaultQuota is the article's six matching businesses and three
// exhibitors.
func DefaultQuota() map[Role]int {
	return map[Role]int{RoleMatching: 6, RoleExhibitor: 3}
}

// DefaultPolicy is the office's usual rule for an event in year: the
// default quota, nobody who went the year before, at most two businesses
// per regency.
func DefaultPolicy(year int) Policy {
	return Policy{Year: year, Quota: DefaultQuota(), RotationYears: 1,
		RotationMode: RotationExclude, MaxPerRegency: 2}
}

// ReasonCode classifies a decision, for filtering and for tests.
type ReasonCode string

// Reason codes.
const (
	WhyChosen      ReasonCode = "chosen"
	WhyIneligible  ReasonCode = "ineligible"
	WhyNoQuota     ReasonCode = "no_quota"     // no seat for its role
	WhyRotation    ReasonCode = "rotation"     // excluded by the rotation rule
	WhyRegencyCap  ReasonCode = "regency_cap"  // its regency is full
	WhyLowerScore  ReasonCode = "lower_score"  // lower score than the chosen
	WhyTieBreak    ReasonCode = "tie_break"    // same score, lost the tie-break
	WhyNotOptimal  ReasonCode = "not_optimal"  // any other loss to the optimum
	WhyAddedByUser ReasonCode = "override_add" // added by staff
	WhyRemovedBy   ReasonCode = "override_del" // removed by staff
)

// Decision is the outcome for one applicant.
type Decision struct {
	BusinessID  int64      `json:"business_id"`
	Name        string     `json:"name"`
	Regency     string     `json:"regency"`
	RegencyName string     `json:"regency_name"`
	Role        Role       `json:"role"`
	Fit         int64      `json:"fit"`     // Σ scaled weights of the matched needs
	Penalty     int64      `json:"penalty"` // scaled rotation penalty (0 unless applied)
	Score       int64      `json:"score"`   // Fit - Penalty
	Matched     []string   `json:"matched"` // commodity IDs of the matched needs, in need order
	Why         ReasonCode `json:"why"`
	Reason      string     `json:"reason"` // Indonesian
	ReasonEN    string     `json:"reason_en"`
	// Proposed holds the reason the algorithm gave when staff overrode it.
	Proposed   string    `json:"proposed"`
	ProposedEN string    `json:"proposed_en"`
	Override   *Override `json:"override"`
}

// Proposal is a proposed delegation. Shortfall is set (and the best partial
// delegation still returned) when some role could not be filled.
type Proposal struct {
	Destination string        `json:"destination"` // short name, e.g. "Kaltim"
	Policy      Policy        `json:"policy"`      // as applied, defaults filled in
	Filled      map[Role]int  `json:"filled"`
	Chosen      []Decision    `json:"chosen"`      // by role, then rank
	PassedOver  []Decision    `json:"passed_over"` // by role, then rank
	TotalScore  int64         `json:"total_score"` // Σ Score of the algorithm's choice
	Shortfall   *dagang.Error `json:"shortfall"`
	Overrides   []Override    `json:"overrides"`
}

// withDefaults fills the zero values of p.
func (p Policy) withDefaults() Policy {
	if p.Quota == nil {
		p.Quota = DefaultQuota()
	} else {
		p.Quota = maps.Clone(p.Quota)
	}
	if p.RotationMode == "" {
		p.RotationMode = RotationExclude
	}
	return p
}

// validate checks the input of Propose.
func validate(apps []Applicant, dest Destination, p Policy) error {
	var v dagang.Validation
	finite := func(w float64) bool { return !math.IsNaN(w) && w >= 0 && w <= maxWeight }
	for r, q := range p.Quota {
		v.Check(q >= 0 && q <= 1000, "policy.quota."+string(r),
			"kuota harus antara 0 dan 1000", "quota must be between 0 and 1000")
	}
	v.Check(p.RotationYears >= 0, "policy.rotation_years",
		"masa rotasi tidak boleh negatif", "rotation years must not be negative")
	v.Check(p.RotationMode.Valid(),
		"policy.rotation_mode", "mode rotasi harus exclude atau penalty",
		"rotation mode must be exclude or penalty")
	v.Check(finite(p.PenaltyWeight), "policy.penalty_weight",
		"bobot penalti harus antara 0 dan 1e9", "penalty weight must be between 0 and 1e9")
	v.Check(p.MaxPerRegency >= 0, "policy.max_per_regency",
		"batas per kabupaten/kota tidak boleh negatif", "the per-regency limit must not be negative")
	seen := map[string]bool{}
	for _, n := range dest.Needs {
		v.Check(n.Commodity != "", "needs.commodity",
			"komoditas kebutuhan wajib diisi", "the need's commodity is required")
		v.Check(!seen[n.Commodity], "needs."+n.Commodity,
			"komoditas kebutuhan tercantum dua kali", "the need is listed twice")
		v.Check(finite(n.Weight), "needs."+n.Commodity+".weight",
			"bobot kebutuhan harus antara 0 dan 1e9", "the need's weight must be between 0 and 1e9")
		seen[n.Commodity] = true
	}
	ids := make(map[int64]bool, len(apps))
	for _, a := range apps {
		v.Check(!ids[a.BusinessID], "applicants."+itoa(a.BusinessID),
			"pelaku usaha mendaftar dua kali", "the business applied twice")
		ids[a.BusinessID] = true
	}
	return v.Err()
}

// status is where an applicant stands before the optimisation.
type status uint8

const (
	inPool status = iota
	ineligible
	noQuota
	rotated
)

// eval is what Propose computes about one applicant.
type eval struct {
	a       *Applicant
	fit     int64
	penalty int64
	score   int64
	matched []int // indices into Destination.Needs
	recent  []int // years inside the rotation window, ascending
	last    int   // latest year before Policy.Year, 0 if none
	never   bool
	status  status
	chosen  bool
	pos     int // position in rank order
}

// better reports whether x ranks before y: higher score, then never taken
// before, then lower BusinessID.
func better(x, y *eval) bool {
	if x.score != y.score {
		return x.score > y.score
	}
	if x.never != y.never {
		return x.never
	}
	return x.a.BusinessID < y.a.BusinessID
}

// scale converts a weight to an integer score.
func scale(w float64) int64 { return int64(math.Round(w * ScoreScale)) }

// evaluate scores every applicant and sorts them in rank order.
func evaluate(apps []Applicant, dest Destination, p Policy) []*eval {
	needAt := make(map[string]int, len(dest.Needs))
	for i, n := range dest.Needs {
		needAt[n.Commodity] = i
	}
	pen := scale(p.PenaltyWeight)
	evs := make([]eval, len(apps))
	out := make([]*eval, len(apps))
	for i := range apps {
		a := &apps[i]
		e := &evs[i]
		e.a = a
		for _, c := range a.Products {
			if j, ok := needAt[c]; ok && !slices.Contains(e.matched, j) {
				e.matched = append(e.matched, j)
				e.fit += scale(dest.Needs[j].Weight)
			}
		}
		slices.Sort(e.matched)
		e.never = true
		for _, y := range a.LastYears {
			if y >= p.Year {
				continue
			}
			e.never = false
			e.last = max(e.last, y)
			if p.RotationYears > 0 && y >= p.Year-p.RotationYears && !slices.Contains(e.recent, y) {
				e.recent = append(e.recent, y)
			}
		}
		slices.Sort(e.recent)
		switch {
		case !a.Eligible:
			e.status = ineligible
		case p.Quota[a.Role] <= 0:
			e.status = noQuota
		case len(e.recent) > 0 && p.RotationMode == RotationExclude:
			e.status = rotated
		}
		if len(e.recent) > 0 && p.RotationMode == RotationPenalty {
			e.penalty = pen
		}
		e.score = e.fit - e.penalty
		out[i] = e
	}
	slices.SortFunc(out, func(x, y *eval) int {
		if better(x, y) {
			return -1
		}
		return 1
	})
	for i, e := range out {
		e.pos = i
	}
	return out
}

// Propose returns the optimal delegation for dest under p (see the package
// documentation for the objective), with a reason for every applicant. It
// fails only with an EINVALID *dagang.Error for invalid input; too few
// eligible applicants is reported in Proposal.Shortfall.
func Propose(apps []Applicant, dest Destination, p Policy) (Proposal, error) {
	p = p.withDefaults()
	if err := validate(apps, dest, p); err != nil {
		return Proposal{}, err
	}
	evs := evaluate(apps, dest, p)
	var pool []*eval
	for _, e := range evs {
		if e.status == inPool {
			pool = append(pool, e)
		}
	}
	for _, e := range solve(pool, p) {
		e.chosen = true
	}
	return explain(evs, dest, p), nil
}

// roleOrder lists the roles of quota: matching, exhibitor, then the others
// alphabetically.
func roleOrder(quota map[Role]int) []Role {
	rs := slices.Collect(maps.Keys(quota))
	slices.SortFunc(rs, func(a, b Role) int { return roleCompare(a, b, quota) })
	return rs
}
