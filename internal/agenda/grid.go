package agenda

import (
	"fmt"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/schedule"
)

// Defaults for an event grid left partly empty, and the lunch break the
// grid does not store.
const (
	defaultDayStart    = "09:00"
	defaultSlotMinutes = 20
	LunchMinutes       = 60
)

// Grid is an event's meeting grid with the clock time of every slot.
type Grid struct {
	Slots, Tables int
	LunchAfter    int // 0: no lunch break
	Start, End    []string
}

// NewGrid reads the grid of an event. It refuses an event without slots or
// tables.
func NewGrid(e *dagang.Event) (*Grid, error) {
	if e.Slots < 1 || e.Tables < 1 {
		return nil, dagang.Errorf(dagang.EINVALID,
			"kegiatan %q belum punya grid pertemuan: isi jumlah sesi dan jumlah meja",
			"event %q has no meeting grid yet: set the number of slots and tables", e.Name)
	}
	start := e.DayStart
	if start == "" {
		start = defaultDayStart
	}
	t0, err := time.Parse("15:04", start)
	if err != nil {
		return nil, dagang.Errorf(dagang.EINVALID, "jam mulai kegiatan %q tidak sah", "the event's day start %q is not valid", start)
	}
	minutes := e.SlotMinutes
	if minutes <= 0 {
		minutes = defaultSlotMinutes
	}
	g := &Grid{Slots: e.Slots, Tables: e.Tables, LunchAfter: e.LunchAfter}
	if g.LunchAfter >= g.Slots {
		g.LunchAfter = 0
	}
	at := t0
	for t := range g.Slots {
		if g.LunchAfter > 0 && t == g.LunchAfter {
			at = at.Add(LunchMinutes * time.Minute)
		}
		g.Start = append(g.Start, at.Format("15:04"))
		at = at.Add(time.Duration(minutes) * time.Minute)
		g.End = append(g.End, at.Format("15:04"))
	}
	return g, nil
}

// Time is the clock time of a slot, "09:20–09:40".
func (g *Grid) Time(slot int) string {
	if slot < 0 || slot >= g.Slots {
		return fmt.Sprintf("sesi %d", slot+1)
	}
	return g.Start[slot] + "–" + g.End[slot]
}

// Sessions are the morning and afternoon sessions, split at lunch.
func (g *Grid) Sessions() []schedule.Session {
	if g.LunchAfter <= 0 {
		return []schedule.Session{{Name: "hari", From: 0, To: g.Slots}}
	}
	return []schedule.Session{{Name: "pagi", From: 0, To: g.LunchAfter}, {Name: "siang", From: g.LunchAfter, To: g.Slots}}
}

// SlotName names a slot for messages: "sesi 2 (09:20–09:40)".
func (g *Grid) SlotName(slot int) string { return fmt.Sprintf("sesi %d (%s)", slot+1, g.Time(slot)) }

// SlotNameEN names a slot in English.
func (g *Grid) SlotNameEN(slot int) string { return fmt.Sprintf("slot %d (%s)", slot+1, g.Time(slot)) }
