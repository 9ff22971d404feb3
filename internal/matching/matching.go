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
// participants are on different sides. Reasons are written only for the
// suggestions returned.
func Suggest(in Input, opt Options) map[int64][]Suggestion {
	if opt.Limit <= 0 {
		opt.Limit = 10
	}
	m := newMatcher(in)
	ps := in.Participants
	top := make([][]pick, len(ps))
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[i].Side == ps[j].Side || ps[i].ID == ps[j].ID {
				continue
			}
			a, okA := m.bestPair(i, j, opt.MinScore) // i sells to j
			b, okB := m.bestPair(j, i, opt.MinScore) // j sells to i
			if !okA && !okB {
				continue
			}
			for _, side := range [2]struct{ who, other int }{{i, j}, {j, i}} {
				var cands []pick
				if okA {
					cands = append(cands, a.from(side.who, ps))
				}
				if okB {
					cands = append(cands, b.from(side.who, ps))
				}
				best := cands[0]
				if len(cands) == 2 && cands[1].before(best) {
					best = cands[1]
				}
				top[side.who] = insert(top[side.who], best, opt.Limit)
			}
		}
	}
	out := map[int64][]Suggestion{}
	for i, picks := range top {
		for _, pk := range picks {
			s := m.explain(pk)
			if pk.dir == Buys {
				s = m.mirror(s, &ps[pk.seller], &ps[pk.buyer])
			}
			out[ps[i].ID] = append(out[ps[i].ID], s)
		}
	}
	return out
}

// pick is a scored pair of an offer and a need, from the point of view of
// one of the two participants, without its reasons.
type pick struct {
	score           float64
	implied         bool
	counterpart     int64
	dir             Direction
	offer, need     int64 // commodity IDs
	seller, buyer   int   // participant indices
	offerIx, needIx int
}

// from sets the point of view of participant who.
func (p pick) from(who int, ps []Participant) pick {
	if who == p.seller {
		p.dir, p.counterpart = Sells, ps[p.buyer].ID
	} else {
		p.dir, p.counterpart = Buys, ps[p.seller].ID
	}
	return p
}

// before orders picks: higher score first, then explicit needs before
// implied ones, then by counterpart, direction (selling first), offer and
// need for a stable order.
func (p pick) before(q pick) bool {
	if p.score != q.score {
		return p.score > q.score
	}
	if p.implied != q.implied {
		return !p.implied
	}
	if c := cmp.Compare(p.counterpart, q.counterpart); c != 0 {
		return c < 0
	}
	if p.dir != q.dir {
		return p.dir == Sells
	}
	if c := cmp.Compare(p.offer, q.offer); c != 0 {
		return c < 0
	}
	return p.need < q.need
}

// insert keeps the limit best picks in order.
func insert(top []pick, p pick, limit int) []pick {
	if len(top) == limit && !p.before(top[len(top)-1]) {
		return top
	}
	i := len(top)
	for i > 0 && p.before(top[i-1]) {
		i--
	}
	top = slices.Insert(top, i, p)
	if len(top) > limit {
		top = top[:limit]
	}
	return top
}

// bestPair is the best pair of an offer of participant si and a need of
// participant bi, at or above minScore.
func (m *matcher) bestPair(si, bi int, minScore float64) (pick, bool) {
	var best pick
	found := false
	seller, buyer := &m.in.Participants[si], &m.in.Participants[bi]
	for oi := range m.offers[si] {
		o := &m.offers[si][oi]
		for ni := range m.needs[bi] {
			n := &m.needs[bi][ni]
			p, _, ok := m.parts(seller, buyer, o, n)
			if !ok {
				continue
			}
			pk := pick{score: total(p), implied: n.implied, counterpart: buyer.ID, dir: Sells, offer: o.item.CommodityID, need: n.item.CommodityID,
				seller: si, buyer: bi, offerIx: oi, needIx: ni}
			if pk.score < minScore {
				continue
			}
			if !found || pk.before(best) {
				best, found = pk, true
			}
		}
	}
	return best, found
}

// offer is an offer with its description's words.
type offer struct {
	item *Item
	vec  vector
}

// need is a stated need or one implied by the inputs of a product.
type need struct {
	item    *Item
	implied bool
	vec     vector
}

// matcher holds what every pair looks up.
type matcher struct {
	in     Input
	com    map[int64]*Commodity
	offers [][]offer // per participant
	needs  [][]need  // per participant, stated then implied
}

func newMatcher(in Input) *matcher {
	m := &matcher{in: in, com: map[int64]*Commodity{}}
	for i := range in.Commodities {
		m.com[in.Commodities[i].ID] = &in.Commodities[i]
	}
	lex := newLexicon()
	m.offers = make([][]offer, len(in.Participants))
	m.needs = make([][]need, len(in.Participants))
	for pi := range in.Participants {
		p := &in.Participants[pi]
		stated := map[int64]bool{}
		for i := range p.Needs {
			stated[p.Needs[i].CommodityID] = true
			m.needs[pi] = append(m.needs[pi], need{item: &p.Needs[i], vec: lex.vector(tokens(p.Needs[i].Description, in.Stemmer))})
		}
		for i := range p.Offers {
			o := &p.Offers[i]
			m.offers[pi] = append(m.offers[pi], offer{item: o, vec: lex.vector(tokens(o.Description, in.Stemmer))})
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
