package agenda

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/dagang/dagang"
)

// Agenda is an event's stored schedule, ready to show or print.
type Agenda struct {
	Event    *dagang.Event
	Grid     *Grid
	People   map[int64]*Person
	Meetings []*dagang.Meeting // by slot, then table
	// Requests between participants: approved pairs not in the schedule.
	Waiting []string
	// Entries are the calendar entries of the meetings, cancelled ones
	// included, by slot.
	Entries []*dagang.CalendarEntry
}

// Load reads an event's schedule.
func Load(ctx context.Context, st Store, eventID int64) (*Agenda, error) {
	r, err := read(ctx, st, eventID)
	if err != nil {
		return nil, err
	}
	e, g, ppl, ms, reqs := r.event, r.grid, r.people, r.meetings, r.approved
	a := &Agenda{Event: e, Grid: g, People: ppl}
	if a.Entries, err = st.FindCalendarEntries(ctx, eventID, 0); err != nil {
		return nil, err
	}
	met := map[[2]int64]bool{}
	for _, m := range ms {
		if ppl[m.AID] == nil || ppl[m.BID] == nil {
			continue
		}
		a.Meetings = append(a.Meetings, m)
		met[[2]int64{min(m.AID, m.BID), max(m.AID, m.BID)}] = true
	}
	slices.SortFunc(a.Meetings, func(x, y *dagang.Meeting) int {
		return cmp.Or(cmp.Compare(x.Slot, y.Slot), cmp.Compare(x.Table, y.Table))
	})
	for _, r := range reqs {
		k := [2]int64{min(r.FromID, r.ToID), max(r.FromID, r.ToID)}
		if ppl[r.FromID] == nil || ppl[r.ToID] == nil || met[k] {
			continue
		}
		met[k] = true
		a.Waiting = append(a.Waiting, ppl[k[0]].Name+" – "+ppl[k[1]].Name)
	}
	return a, nil
}

// Row is one slot of a participant's agenda.
type Row struct {
	Slot        int
	Time        string
	Table       int // counted from 1; 0 when free
	Counterpart *Person
	Meeting     *dagang.Meeting
	Unavailable bool
	Lunch       bool // the lunch break comes before this slot
}

// Rows is a participant's day, slot by slot.
func (a *Agenda) Rows(participationID int64) []Row {
	rows := make([]Row, a.Grid.Slots)
	for t := range rows {
		rows[t] = Row{Slot: t, Time: a.Grid.Time(t), Lunch: a.Grid.LunchBefore(t)}
		if p := a.People[participationID]; p != nil && slices.Contains(p.Unavailable, t) {
			rows[t].Unavailable = true
		}
	}
	for _, m := range a.Meetings {
		if m.Slot < 0 || m.Slot >= len(rows) {
			continue
		}
		other := int64(0)
		switch participationID {
		case m.AID:
			other = m.BID
		case m.BID:
			other = m.AID
		default:
			continue
		}
		rows[m.Slot].Table, rows[m.Slot].Counterpart, rows[m.Slot].Meeting = m.Table+1, a.People[other], m
	}
	return rows
}

// Count is the number of meetings of a participant.
func (a *Agenda) Count(participationID int64) int {
	n := 0
	for _, m := range a.Meetings {
		if m.AID == participationID || m.BID == participationID {
			n++
		}
	}
	return n
}

// Participants lists the participants that have at least one meeting, by
// name.
func (a *Agenda) Participants() []*Person {
	var out []*Person
	for _, p := range a.People {
		if a.Count(p.Participation.ID) > 0 {
			out = append(out, p)
		}
	}
	return byName(out)
}

// Everyone lists every participant of the event, with or without
// meetings, by name.
func (a *Agenda) Everyone() []*Person {
	out := make([]*Person, 0, len(a.People))
	for _, p := range a.People {
		out = append(out, p)
	}
	return byName(out)
}

func byName(out []*Person) []*Person {
	slices.SortFunc(out, func(x, y *Person) int {
		return cmp.Or(strings.Compare(x.Name, y.Name), cmp.Compare(x.Participation.ID, y.Participation.ID))
	})
	return out
}

// Cell is the meeting at a slot and table, or nil.
func (a *Agenda) Cell(slot, table int) *dagang.Meeting {
	i, ok := slices.BinarySearchFunc(a.Meetings, [2]int{slot, table}, func(m *dagang.Meeting, k [2]int) int {
		return cmp.Or(cmp.Compare(m.Slot, k[0]), cmp.Compare(m.Table, k[1]))
	})
	if !ok {
		return nil
	}
	return a.Meetings[i]
}

// GridRow is one slot of the full grid.
type GridRow struct {
	Slot  int
	Time  string
	Cells []*dagang.Meeting // per table
	Lunch bool              // the lunch break comes before this slot
	// Day is the date heading before the first slot of each day on an
	// event of several days (zero otherwise).
	Day dagang.Date
}

// FullGrid is every slot with the meeting at each table.
func (a *Agenda) FullGrid() []GridRow {
	rows := make([]GridRow, a.Grid.Slots)
	for t := range rows {
		rows[t] = GridRow{Slot: t, Time: a.Grid.Time(t), Cells: make([]*dagang.Meeting, a.Grid.Tables), Lunch: a.Grid.LunchBefore(t)}
		if st, _ := a.Grid.At(t); a.Grid.MultiDay() && st.Index == 0 {
			rows[t].Day = st.Date
		}
	}
	for _, m := range a.Meetings {
		if m.Slot >= 0 && m.Slot < a.Grid.Slots && m.Table >= 0 && m.Table < a.Grid.Tables {
			rows[m.Slot].Cells[m.Table] = m
		}
	}
	return rows
}

// Name is a participant's name, or "?" when it is not part of the event.
func (a *Agenda) Name(participationID int64) string {
	if p := a.People[participationID]; p != nil {
		return p.Name
	}
	return "?"
}
