package agenda

import (
	"slices"
	"strconv"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
)

// A participant says when it can meet by day and session (morning,
// afternoon), not slot by slot: that is how people plan their days. Staff may still block
// single slots; a session with some of its slots blocked counts as
// available, and keeps those blocks when the participant leaves it so.

// SessionChoice is one session of the event as a participant sees it when
// setting its availability.
type SessionChoice struct {
	Index     int    // position in Grid.Sessions(): the form's value
	Name      string // "pagi", "siang", or "hari" for a day without lunch
	Day       int    // the meeting day, counted from 0
	Date      dagang.Date
	MultiDay  bool   // the event has several meeting days: show the date
	Time      string // "09:00–11:40"
	Available bool   // not every slot of it is blocked
	Partial   bool   // some but not all of its slots are blocked
}

// SessionChoices describes each session of g for a participant whose
// unavailable slots are unavailable.
func (g *Grid) SessionChoices(unavailable []int) []SessionChoice {
	var out []SessionChoice
	for i, s := range g.DaySessions() {
		blocked := 0
		for t := s.From; t < s.To; t++ {
			if slices.Contains(unavailable, t) {
				blocked++
			}
		}
		c := SessionChoice{Index: i, Name: s.Name, Day: s.Day, Date: s.Date, MultiDay: g.MultiDay(), Available: blocked < s.To-s.From, Partial: blocked > 0 && blocked < s.To-s.From}
		if s.To > s.From {
			c.Time = g.Start[s.From] + "–" + g.End[s.To-1]
		}
		out = append(out, c)
	}
	return out
}

// UnavailableFor returns the unavailable slots of a participant that was
// unavailable in old and is now available in the sessions available (their
// indexes in Grid.Sessions(), as sent): every slot of a session left out
// is blocked; a session kept keeps the single slots staff blocked in it,
// unless all of it was blocked, which frees it. An index that names no
// session is EINVALID on field "available_sessions".
func (g *Grid) UnavailableFor(old []int, available []string) ([]int, error) {
	sessions := g.Sessions()
	keep := make([]bool, len(sessions))
	for _, a := range available {
		i, err := strconv.Atoi(a)
		if err != nil || i < 0 || i >= len(sessions) {
			var v dagang.Validation
			id, en := locale.Both("error.availability.session", strconv.Quote(a))
			v.Add("available_sessions", id, en)
			return nil, v.Err()
		}
		keep[i] = true
	}
	choices := g.SessionChoices(old)
	out := []int{}
	for i, s := range sessions {
		for t := s.From; t < s.To; t++ {
			switch {
			case !keep[i]:
				out = append(out, t)
			case choices[i].Partial && slices.Contains(old, t):
				out = append(out, t)
			}
		}
	}
	return out, nil
}
