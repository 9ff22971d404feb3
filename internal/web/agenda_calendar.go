package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/ical"
)

// Calendar files of the agenda (RFC 5545): the whole event's for staff,
// one participant's for that participant and staff. A calendar that
// imports a file again updates each meeting by its UID and SEQUENCE
// instead of adding a copy, and removes the cancelled ones.

// calendarType is the media type of an iCalendar file.
const calendarType = "text/calendar"

func writeCalendar(w http.ResponseWriter, name string, c *ical.Calendar) error {
	w.Header().Set("Content-Type", calendarType+"; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	_, err := c.WriteTo(w)
	return err
}

// handleEventCalendar answers the calendar of every meeting of the event.
func (s *Server) handleEventCalendar(w http.ResponseWriter, r *http.Request) error {
	a, err := s.eventAgenda(r.Context(), r)
	if err != nil {
		return err
	}
	return writeCalendar(w, agenda.CalendarName(a.Event.ID, 0), a.Calendar(langOf(r), 0))
}

// handleParticipantCalendar answers the calendar of one participant's
// meetings, those taken off its schedule included as cancelled.
func (s *Server) handleParticipantCalendar(w http.ResponseWriter, r *http.Request) error {
	pid, err := pathInt(r, "pid")
	if err != nil {
		return err
	}
	a, err := s.eventAgenda(r.Context(), r)
	if err != nil {
		return err
	}
	if a.People[pid] == nil {
		return notYours(nounParticipation, pid)
	}
	return writeCalendar(w, agenda.CalendarName(a.Event.ID, pid), a.Calendar(langOf(r), pid))
}

// eventParticipant is the scope of a route of one participant of an
// event, {id} the event and {pid} the participation: the user's business
// or organisation must take part in the event (else the event is not
// found) and own the participation (else it is not found).
func eventParticipant(name string, owns func(p *dagang.Participation, u *dagang.User) bool) *Scope {
	return &Scope{Name: name, Apply: func(s *Server, r *http.Request, u *dagang.User) (*http.Request, error) {
		eventID, err := pathID(r)
		if err != nil {
			return nil, err
		}
		pid, err := pathInt(r, "pid")
		if err != nil {
			return nil, err
		}
		ps, _, err := s.events.FindParticipations(r.Context(), dagang.ParticipationFilter{EventID: eventID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
		if err != nil {
			return nil, err
		}
		mine, found := false, false
		for _, p := range ps {
			if owns(p, u) {
				mine = true
				found = found || p.ID == pid
			}
		}
		switch {
		case !mine:
			return nil, notYours(nounEvent, eventID)
		case !found:
			return nil, notYours(nounParticipation, pid)
		}
		return r, nil
	}}
}

var (
	businessEventParticipant = eventParticipant("application of own business in the event", func(p *dagang.Participation, u *dagang.User) bool {
		return u.BusinessID != 0 && p.BusinessID == u.BusinessID
	})
	orgEventParticipant = eventParticipant("participation of own organisation in the event", func(p *dagang.Participation, u *dagang.User) bool {
		return u.OrganisationID != 0 && p.OrganisationID == u.OrganisationID
	})
)

// publishAnswer is the answer of POST /api/v1/events/{id}/agenda/publish.
type publishAnswer struct {
	EventID int64   `json:"event_id"`
	Told    []int64 `json:"participation_ids"` // the participants told
}

// publishEvent publishes the agenda of the {id} event of the office.
func (s *Server) publishEvent(ctx context.Context, r *http.Request) (int64, []int64, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	if _, err := s.eventOfOffice(ctx, id); err != nil {
		return 0, nil, err
	}
	told, err := agenda.Publish(ctx, s.agenda, id)
	return id, told, err
}

func (s *Server) handleAgendaPublishAPI(w http.ResponseWriter, r *http.Request) error {
	if err := emptyBody(w, r); err != nil {
		return err
	}
	id, told, err := s.publishEvent(r.Context(), r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, publishAnswer{EventID: id, Told: told})
	return nil
}

func (s *Server) handleAgendaPublish(w http.ResponseWriter, r *http.Request) error {
	id, ok, err := s.agendaConfirmed(w, r, "Setiap peserta kegiatan ini menerima agendanya lewat e-mail dan WhatsApp, beserta berkas kalender; sesudahnya setiap perubahan diberitahukan kepada peserta yang terdampak.",
		"Every participant of this event receives its agenda by e-mail and WhatsApp, with a calendar file; afterwards every change is announced to the participants it affects.",
		"Terbitkan agenda")
	if !ok || err != nil {
		return err
	}
	_, _, err = s.publishEvent(r.Context(), r)
	if err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/events/%d/agenda", id), "Agenda diterbitkan: setiap peserta menerima agendanya.")
	return nil
}
