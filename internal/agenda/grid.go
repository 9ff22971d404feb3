package agenda

import (
	"fmt"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/schedule"
)

// LunchMinutes is the lunch break the grid does not store.
const LunchMinutes = dagang.LunchMinutes

// Grid is an event's meeting grid with the time of every slot. Slots are
// numbered across the meeting days (dagang.Event.SlotAt).
type Grid struct {
	Slots, Tables int // Slots: over all days
	PerDay        int // slots of one day
	LunchAfter    int // 0: no lunch break; counted within a day
	Days          []dagang.Date
	Zone          *time.Location
	Start, End    []string // wall clock of each slot, "09:00"
	at            []dagang.SlotTime
	sessions      []dagang.DaySession
}

// NewGrid reads the grid of an event. It refuses an event without slots or
// tables.
func NewGrid(e *dagang.Event) (*Grid, error) {
	if e.Slots < 1 || e.Tables < 1 {
		return nil, dagang.Errorf(dagang.EINVALID,
			"kegiatan %q belum punya grid pertemuan: isi jumlah sesi dan jumlah meja",
			"event %q has no meeting grid yet: set the number of slots and tables", e.Name)
	}
	if _, ok := e.SlotAt(0); !ok {
		return nil, dagang.Errorf(dagang.EINVALID, "jam mulai kegiatan %q tidak sah", "the event's day start %q is not valid", e.DayStart)
	}
	g := &Grid{Slots: e.GridSlots(), Tables: e.Tables, PerDay: e.Slots, LunchAfter: e.LunchAfter, Days: e.MeetingDates(), Zone: e.Zone(), sessions: e.Sessions()}
	if g.LunchAfter >= g.PerDay {
		g.LunchAfter = 0
	}
	for t := range g.Slots {
		st, _ := e.SlotAt(t)
		g.at = append(g.at, st)
		g.Start = append(g.Start, st.Start.Format("15:04"))
		g.End = append(g.End, st.End.Format("15:04"))
	}
	return g, nil
}

// MultiDay reports whether the meetings run over more than one day.
func (g *Grid) MultiDay() bool { return len(g.Days) > 1 }

// At is a slot in time; false outside the grid.
func (g *Grid) At(slot int) (dagang.SlotTime, bool) {
	if slot < 0 || slot >= len(g.at) {
		return dagang.SlotTime{}, false
	}
	return g.at[slot], true
}

// Time is the clock time of a slot, "09:20–09:40", after its day on an
// event of several days: "hari 2, 09:20–09:40".
func (g *Grid) Time(slot int) string {
	if slot < 0 || slot >= g.Slots {
		return fmt.Sprintf("sesi %d", slot+1)
	}
	s := g.Start[slot] + "–" + g.End[slot]
	if g.MultiDay() {
		s = fmt.Sprintf("hari %d, %s", g.at[slot].Day+1, s)
	}
	return s
}

// When is how people read a slot in lang: the day's date on an event of
// several days, then Span.
func (g *Grid) When(lang string, slot int, home *time.Location) string {
	st, ok := g.At(slot)
	if !ok || !g.MultiDay() {
		return g.Span(lang, slot, home)
	}
	return locale.DayShort(lang, st.Start) + " · " + g.Span(lang, slot, home)
}

// Span is a slot's local time with the zone and, for a reader whose home
// zone differs (home not nil), the home time beside it: the one format
// of meeting times (locale.SlotTime) on pages, PDFs and e-mails.
func (g *Grid) Span(lang string, slot int, home *time.Location) string {
	st, ok := g.At(slot)
	if !ok {
		return g.Time(slot)
	}
	return locale.SlotTime(lang, st.Start, st.End, home)
}

// Local is When for a reader without a home zone (staff at the venue).
func (g *Grid) Local(lang string, slot int) string { return g.When(lang, slot, nil) }

// DayStarts reports whether slot is the first of a meeting day after the
// first day.
func (g *Grid) DayStarts(slot int) bool {
	return g.MultiDay() && slot > 0 && slot < g.Slots && slot%g.PerDay == 0
}

// LunchBefore reports whether the lunch break comes right before slot.
func (g *Grid) LunchBefore(slot int) bool {
	return g.LunchAfter > 0 && slot >= 0 && slot%g.PerDay == g.LunchAfter
}

// Sessions are the sessions of every meeting day, in the scheduler's terms
// (named by their key, unique in the event).
func (g *Grid) Sessions() []schedule.Session {
	out := make([]schedule.Session, len(g.sessions))
	for i, s := range g.sessions {
		out[i] = schedule.Session{Name: s.Key, From: s.From, To: s.To}
	}
	return out
}

// DaySessions are the sessions of every meeting day with their dates.
func (g *Grid) DaySessions() []dagang.DaySession { return g.sessions }

// SlotName names a slot for messages: "sesi 2 (09:20–09:40)".
func (g *Grid) SlotName(slot int) string { return fmt.Sprintf("sesi %d (%s)", slot+1, g.Time(slot)) }

// SlotNameEN names a slot in English.
func (g *Grid) SlotNameEN(slot int) string { return fmt.Sprintf("slot %d (%s)", slot+1, g.Time(slot)) }
