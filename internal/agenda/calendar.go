package agenda

import (
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/ical"
	"github.com/dagang/dagang/internal/locale"
)

// HomeZone is the zone of the participant's home province; nil when it
// is not known.
func (p *Person) HomeZone() *time.Location {
	if p == nil || !dagang.ValidProvinceCode(p.Province) {
		return nil
	}
	return dagang.ProvinceZone(p.Province)
}

// When is a slot as the participant reads it: the event's local time and,
// when its home is in another zone, its home time beside it.
func (a *Agenda) When(lang string, slot int, participationID int64) string {
	return a.Grid.When(lang, slot, a.People[participationID].HomeZone())
}

// Calendar is the iCalendar file of the event's meetings in lang: of one
// participant when participationID is not 0 (its meetings named by the
// other side), else of every meeting. Each pair's entry keeps its UID;
// meetings taken off the schedule are in it as cancelled.
func (a *Agenda) Calendar(lang string, participationID int64) *ical.Calendar {
	e := a.Event
	c := &ical.Calendar{ProdID: "-//dagang//agenda//" + strings.ToUpper(lang), Name: e.Name, Zone: a.Grid.Zone}
	if p := a.People[participationID]; p != nil {
		c.Name = e.Name + " · " + p.Name
	}
	for _, en := range a.Entries {
		if participationID != 0 && en.AID != participationID && en.BID != participationID {
			continue
		}
		st, ok := a.Grid.At(en.Slot)
		if !ok {
			continue // the grid shrank under an old cancelled meeting
		}
		ev := ical.Event{UID: en.UID(), Sequence: en.Sequence, Stamp: en.ChangedAt, Start: st.Start, End: st.End, Cancelled: en.Cancelled}
		var desc []string
		if participationID != 0 {
			other := en.AID
			if other == participationID {
				other = en.BID
			}
			ev.Summary = locale.Msg(lang, "ical.meeting_with", a.Name(other))
			if o := a.People[other]; o != nil {
				if len(o.Products) > 0 {
					desc = append(desc, locale.Msg(lang, "ical.products", strings.Join(o.Products, ", ")))
				}
				if len(o.Needs) > 0 {
					desc = append(desc, locale.Msg(lang, "ical.needs", strings.Join(o.Needs, ", ")))
				}
			}
		} else {
			ev.Summary = a.Name(en.AID) + " – " + a.Name(en.BID)
		}
		ev.Location = locale.Msg(lang, "ical.table", strconv.Itoa(en.Table+1))
		if e.Venue != "" {
			ev.Location = e.Venue + ", " + ev.Location
		}
		ev.Description = strings.Join(append([]string{e.Name}, desc...), "\n")
		c.Events = append(c.Events, ev)
	}
	return c
}

// CalendarName is the file name of a calendar: agenda-12.ics for the
// event, agenda-12-34.ics for one participant.
func CalendarName(eventID, participationID int64) string {
	name := "agenda-" + strconv.FormatInt(eventID, 10)
	if participationID != 0 {
		name += "-" + strconv.FormatInt(participationID, 10)
	}
	return name + ".ics"
}
