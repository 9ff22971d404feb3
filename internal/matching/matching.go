// Package matching suggests who should meet whom at a business meeting: the
// offers of one side against the needs of the other, in both directions
// (home businesses sell to partner buyers, and buy from them), scored by
// commodity (the HS hierarchy), processing stage, volume against capacity,
// the similarity of the descriptions and the complementarity of the two
// provinces. Every suggestion carries its reasons in Indonesian and English.
//
// It also turns meeting requests into weighted pairs for the scheduler:
// mutual interest weighs more than a one-sided request.
//
// The package is pure: values in, values out; no database, clock or
// globals. docs/matching.md explains the score.
package matching

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/dagang/dagang"
)

// Side says which side of the trade a participant is on.
type Side string

// Sides.
const (
	Home    Side = "home"    // a business of the office's home province
	Partner Side = "partner" // a buyer or supplier from a partner province
)

// Item is one offer or need: a commodity, a monthly volume (0 when not
// stated) in a unit, and a free-text description.
type Item struct {
	CommodityID int64
	Volume      float64
	Unit        string
	Description string
}

// Participant is one party that can be matched. Offers are what it sells
// (for a business: its products with their capacity); Needs what it buys.
type Participant struct {
	ID           int64
	Name         string
	Side         Side
	Province     string // code, "64"
	ProvinceName string // short name used in reasons, "Kaltim"
	Offers       []Item
	Needs        []Item
}

// Commodity is one catalogue entry. Inputs are the commodities it is made
// from (corn is feed for chicken meat and eggs): a producer of it is taken
// to need them even when it has not said so.
type Commodity struct {
	ID     int64
	Name   string
	NameEN string
	HSCode string // 6 digits
	Stage  dagang.Stage
	Inputs []int64
}

// Input is everything Suggest looks at.
type Input struct {
	Participants []Participant
	Commodities  []Commodity
	// Complementarity is each partner province's two-way complementarity
	// with home, from 0 to 1, e.g. the score of internal/complement divided
	// by the best partner's. Provinces not in the map, or a nil map, leave
	// this part of the score out.
	Complementarity map[string]float64
	// Stemmer for the text similarity; nil compares words as written.
	Stemmer Stemmer
}

// Options tune Suggest.
type Options struct {
	Limit    int     // suggestions per participant; 0 means 10
	MinScore float64 // drop suggestions below this score (0–100)
}

// Direction says what the participant whose list it is does in a match.
type Direction string

// Directions.
const (
	Sells Direction = "sell" // the participant sells to the counterpart
	Buys  Direction = "buy"  // the participant buys from the counterpart
)

// Parts are the components of a score, each from 0 to 1. Complement is -1
// when the province's complementarity is unknown.
type Parts struct {
	Commodity  float64 `json:"commodity"`
	Stage      float64 `json:"stage"`
	Volume     float64 `json:"volume"`
	Text       float64 `json:"text"`
	Complement float64 `json:"complement"`
}

// Reason explains one part of a suggestion.
type Reason struct {
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}

// Suggestion is one counterpart proposed to a participant.
type Suggestion struct {
	Participant int64     `json:"participant"`
	Counterpart int64     `json:"counterpart"`
	Direction   Direction `json:"direction"`
	Offer       int64     `json:"offer_commodity_id"` // what the seller offers
	Need        int64     `json:"need_commodity_id"`  // what the buyer needs
	Score       float64   `json:"score"`              // 0–100
	Parts       Parts     `json:"parts"`
	Reasons     []Reason  `json:"reasons"`
	Implied     bool      `json:"implied_need,omitempty"` // the need is an input of the buyer's own products
}

// Weights of the parts in the score, out of 100.
const (
	weightCommodity  = 40
	weightStage      = 10
	weightVolume     = 15
	weightText       = 15
	weightComplement = 20
)

// Suggest returns, for every participant with at least one match, its best
// counterparts, best first: one suggestion per counterpart, from the
// best-scoring pair of an offer and a need between the two. A pair only
// counts when the commodities share at least an HS chapter and the two
// participants are on different sides.
func Suggest(in Input, opt Options) map[int64][]Suggestion {
	if opt.Limit <= 0 {
		opt.Limit = 10
	}
	m := newMatcher(in)
	best := map[[2]int64]Suggestion{} // (participant, counterpart) → best
	keep := func(s Suggestion) {
		k := [2]int64{s.Participant, s.Counterpart}
		if old, ok := best[k]; !ok || better(s, old) {
			best[k] = s
		}
	}
	for si := range in.Participants {
		seller := &in.Participants[si]
		for bi := range in.Participants {
			buyer := &in.Participants[bi]
			if seller.Side == buyer.Side || seller.ID == buyer.ID {
				continue
			}
			for oi := range seller.Offers {
				for _, need := range m.needs[bi] {
					s, ok := m.score(seller, buyer, &seller.Offers[oi], need)
					if !ok || s.Score < opt.MinScore {
						continue
					}
					keep(s)
					keep(m.mirror(s, seller, buyer))
				}
			}
		}
	}
	out := map[int64][]Suggestion{}
	for _, s := range best {
		out[s.Participant] = append(out[s.Participant], s)
	}
	for id, ss := range out {
		slices.SortFunc(ss, func(a, b Suggestion) int {
			if better(a, b) {
				return -1
			}
			if better(b, a) {
				return 1
			}
			return 0
		})
		if len(ss) > opt.Limit {
			ss = ss[:opt.Limit]
		}
		out[id] = ss
	}
	return out
}

// better orders suggestions: higher score first, then explicit needs before
// implied ones, then by counterpart, offer and need for a stable order.
func better(a, b Suggestion) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	if a.Implied != b.Implied {
		return !a.Implied
	}
	if c := cmp.Compare(a.Counterpart, b.Counterpart); c != 0 {
		return c < 0
	}
	if a.Direction != b.Direction {
		return a.Direction == Sells
	}
	if c := cmp.Compare(a.Offer, b.Offer); c != 0 {
		return c < 0
	}
	return a.Need < b.Need
}

// need is a stated need or one implied by the inputs of a product.
type need struct {
	item    *Item
	implied bool
	vec     vector
}

// matcher holds what every pair looks up.
type matcher struct {
	in    Input
	com   map[int64]*Commodity
	needs [][]need         // per participant, stated then implied
	offer map[*Item]vector // description vectors of offers
}

func newMatcher(in Input) *matcher {
	m := &matcher{in: in, com: map[int64]*Commodity{}, offer: map[*Item]vector{}}
	for i := range in.Commodities {
		m.com[in.Commodities[i].ID] = &in.Commodities[i]
	}
	m.needs = make([][]need, len(in.Participants))
	for pi := range in.Participants {
		p := &in.Participants[pi]
		stated := map[int64]bool{}
		for i := range p.Needs {
			stated[p.Needs[i].CommodityID] = true
			m.needs[pi] = append(m.needs[pi], need{item: &p.Needs[i], vec: newVector(tokens(p.Needs[i].Description, in.Stemmer))})
		}
		for i := range p.Offers {
			o := &p.Offers[i]
			m.offer[o] = newVector(tokens(o.Description, in.Stemmer))
			c := m.com[o.CommodityID]
			if c == nil {
				continue
			}
			for _, inp := range c.Inputs {
				if stated[inp] {
					continue
				}
				stated[inp] = true
				m.needs[pi] = append(m.needs[pi], need{item: &Item{CommodityID: inp}, implied: true})
			}
		}
	}
	return m
}

// label names a commodity in both languages.
func (m *matcher) label(id int64) (string, string) {
	if c := m.com[id]; c != nil {
		return c.Name, cmp.Or(c.NameEN, c.Name)
	}
	return fmt.Sprintf("komoditas %d", id), fmt.Sprintf("commodity %d", id)
}

// mirror turns the seller's suggestion into the buyer's.
func (m *matcher) mirror(s Suggestion, seller, buyer *Participant) Suggestion {
	r := s
	r.Participant, r.Counterpart, r.Direction = buyer.ID, seller.ID, Buys
	r.Reasons = append([]Reason{m.headline(Buys, s.Offer, seller)}, s.Reasons[1:]...)
	return r
}

// headline is the first reason: who buys what from whom.
func (m *matcher) headline(d Direction, commodity int64, counterpart *Participant) Reason {
	id, en := m.label(commodity)
	if d == Sells {
		return Reason{fmt.Sprintf("Dapat menjual %s kepada %s", id, counterpart.Name), fmt.Sprintf("Can sell %s to %s", en, counterpart.Name)}
	}
	return Reason{fmt.Sprintf("Dapat membeli %s dari %s", id, counterpart.Name), fmt.Sprintf("Can buy %s from %s", en, counterpart.Name)}
}
