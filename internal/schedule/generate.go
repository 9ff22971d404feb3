package schedule

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/dagang/dagang"
)

// GenOptions size a generated trade-office instance.
type GenOptions struct {
	Participants int
	Requests     int
	Slots        int
	Tables       int // 0: about 15% above the meetings a greedy schedule places per slot
	Seed         uint64
}

// Generate builds an instance of the trade-office class: sellers and buyers
// (every meeting joins a seller and a buyer), weights 1–5, a few popular
// buyers requested far beyond their slots, a fifth of the participants
// available only in the morning or only in the afternoon, some with
// scattered unavailable slots, caps on some participants, some meetings
// tied to a session, and tables about 15% above the meetings the sellers'
// time allows per slot, so that participants' time, not tables, binds.
func Generate(g GenOptions) (*Instance, error) {
	var v dagang.Validation
	v.Check(g.Participants >= 4 && g.Participants <= 100000, "participants", "jumlah peserta harus 4 sampai 100000", "participants must be 4 to 100000")
	v.Check(g.Slots >= 2 && g.Slots <= maxSlots, "slots", fmt.Sprintf("jumlah slot harus 2 sampai %d", maxSlots), fmt.Sprintf("slots must be 2 to %d", maxSlots))
	v.Check(g.Requests >= 0 && g.Requests <= maxMeetings, "requests", "jumlah permintaan di luar rentang", "requests out of range")
	v.Check(g.Tables >= 0 && g.Tables <= maxTables, "tables", "jumlah meja di luar rentang", "tables out of range")
	if err := v.Err(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(g.Seed, 0x5eed))
	S := g.Slots
	half := S / 2
	in := &Instance{
		Format: InstanceFormat,
		Name:   fmt.Sprintf("trade-p%d-r%d-s%d-seed%d", g.Participants, g.Requests, S, g.Seed),
		Slots:  S,
		Tables: max(g.Tables, 1),
		Sessions: []Session{
			{Name: "pagi", From: 0, To: half},
			{Name: "siang", From: half, To: S},
		},
	}
	// Availability and caps first; roles after, so that the sellers'
	// time can be sized against the tables.
	for i := 0; i < g.Participants; i++ {
		var p Participant
		switch r := rng.IntN(100); {
		case r < 10: // mornings only
			for t := half; t < S; t++ {
				p.Unavailable = append(p.Unavailable, t)
			}
		case r < 20: // afternoons only
			for t := 0; t < half; t++ {
				p.Unavailable = append(p.Unavailable, t)
			}
		case r < 35: // a few scattered unavailable slots
			for k := 1 + rng.IntN(3); k > 0; k-- {
				t := rng.IntN(S)
				if !slices.Contains(p.Unavailable, t) {
					p.Unavailable = append(p.Unavailable, t)
				}
			}
			slices.Sort(p.Unavailable)
		}
		if rng.IntN(100) < 10 {
			c := S/4 + rng.IntN(S/2+1)
			p.MaxMeetings = &c
		}
		in.Participants = append(in.Participants, p)
	}
	// Every seller is requested beyond its time, so the sellers' time is
	// the meetings the forum can expect. With tables given, there are
	// just enough sellers for that time to fill the tables to 1/1.15 of
	// each slot (tables about 15% above the expected meetings), never
	// more than half the participants; without, half are sellers.
	nSell := g.Participants / 2
	if g.Tables > 0 {
		want, have := g.Tables*S*100/115, 0
		nSell = 0
		for nSell < g.Participants/2 && have < want {
			p := in.Participants[nSell]
			n := S - len(p.Unavailable)
			if p.MaxMeetings != nil {
				n = min(n, *p.MaxMeetings)
			}
			have += n
			nSell++
		}
		nSell = max(nSell, 1)
	}
	for i := range in.Participants {
		p := &in.Participants[i]
		p.ID, p.Role = fmt.Sprintf("S%d", i+1), "seller"
		if i >= nSell {
			p.ID, p.Role = fmt.Sprintf("B%d", i-nSell+1), "buyer"
		}
	}
	nBuy := g.Participants - nSell
	// Buyer popularity: a few buyers (about 3%) draw ten times the requests.
	pop := make([]float64, nBuy)
	sum := 0.0
	for i := range pop {
		pop[i] = 0.5 + rng.Float64()
		if rng.IntN(100) < 3 {
			pop[i] = 10
		}
		sum += pop[i]
	}
	cum := make([]float64, nBuy)
	acc := 0.0
	for i, x := range pop {
		acc += x / sum
		cum[i] = acc
	}
	type pair struct{ s, b int }
	seen := make(map[pair]bool, g.Requests)
	maxPairs := nSell * nBuy
	for len(in.Meetings) < g.Requests && len(seen) < maxPairs {
		s := rng.IntN(nSell)
		b, _ := slices.BinarySearch(cum, rng.Float64())
		b = min(b, nBuy-1)
		if seen[pair{s, b}] {
			continue
		}
		seen[pair{s, b}] = true
		m := Meeting{A: in.Participants[s].ID, B: in.Participants[nSell+b].ID, Weight: 1 + rng.IntN(5)}
		if rng.IntN(100) < 5 {
			m.Session = in.Sessions[rng.IntN(2)].Name
		}
		in.Meetings = append(in.Meetings, m)
	}
	if g.Tables == 0 {
		in.Tables = len(in.Meetings) + 1
		placed := Greedy(in).Objective.Scheduled
		in.Tables = max(1, (placed*115+S*100-1)/(S*100))
	}
	return in, nil
}
