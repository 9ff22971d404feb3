package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/matching"
)

// JSON API of the matching and the agenda (issue 6).

// suggestionList is one participant's suggestions in the API.
type suggestionList struct {
	ParticipationID int64                 `json:"participation_id"`
	Name            string                `json:"name"`
	Suggestions     []matching.Suggestion `json:"suggestions"`
}

func (s *Server) handleSuggestionsAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	p := &params{r: r}
	limit := p.limit("limit", 100)
	if err := p.v.Err(); err != nil {
		return err
	}
	sg, err := agenda.Suggest(r.Context(), s.agenda, id, limit)
	if err != nil {
		return err
	}
	out := []suggestionList{}
	for _, pid := range sortedIDs(sg.Lists) {
		out = append(out, suggestionList{ParticipationID: pid, Name: sg.People[pid].Name, Suggestions: sg.Lists[pid]})
	}
	writeJSON(w, http.StatusOK, page[suggestionList]{Items: out, Total: len(out), Limit: len(out)})
	return nil
}

func sortedIDs[V any](m map[int64]V) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func (s *Server) handleAvailabilityAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	av, err := s.agenda.FindAvailability(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[*dagang.Availability]{Items: av, Total: len(av), Limit: len(av)})
	return nil
}

// availabilityBody is the body of PUT /api/v1/participations/{id}/availability.
type availabilityBody struct {
	MaxMeetings int   `json:"max_meetings"`
	Unavailable []int `json:"unavailable_slots"`
}

func (s *Server) handleAvailabilitySetAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.participationOfOffice(r.Context(), id); err != nil {
		return err
	}
	var b availabilityBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	a := &dagang.Availability{ParticipationID: id, MaxMeetings: b.MaxMeetings, Unavailable: b.Unavailable}
	if a.Unavailable == nil {
		a.Unavailable = []int{}
	}
	if err := s.agenda.SetAvailability(r.Context(), a); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, a)
	return nil
}

func (s *Server) handleScheduleAPI(w http.ResponseWriter, r *http.Request) error {
	if err := emptyBody(w, r); err != nil {
		return err
	}
	res, _, err := s.solveEvent(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// agendaMeeting is one meeting of the agenda in the API: slot and table
// counted from 0 as stored, with the clock time and both names.
type agendaMeeting struct {
	*dagang.Meeting
	Time  string `json:"time"`
	AName string `json:"a_name"`
	BName string `json:"b_name"`
}

// agendaJSON is the body of GET /api/v1/events/{id}/agenda.
type agendaJSON struct {
	EventID  int64           `json:"event_id"`
	Slots    []string        `json:"slots"` // clock time of each slot
	Tables   int             `json:"tables"`
	Meetings []agendaMeeting `json:"meetings"`
	Waiting  []string        `json:"waiting"` // approved pairs without a place
}

func (s *Server) handleAgendaAPI(w http.ResponseWriter, r *http.Request) error {
	a, err := s.eventAgenda(r.Context(), r)
	if err != nil {
		return err
	}
	out := agendaJSON{EventID: a.Event.ID, Tables: a.Grid.Tables, Meetings: []agendaMeeting{}, Waiting: a.Waiting}
	if out.Waiting == nil {
		out.Waiting = []string{}
	}
	for t := range a.Grid.Slots {
		out.Slots = append(out.Slots, a.Grid.Time(t))
	}
	for _, m := range a.Meetings {
		out.Meetings = append(out.Meetings, agendaMeeting{Meeting: m, Time: a.Grid.Time(m.Slot), AName: a.Name(m.AID), BName: a.Name(m.BID)})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// meetingOfOffice finds a meeting of an event of the office.
func (s *Server) meetingOfOffice(ctx context.Context, id int64) (*dagang.Meeting, error) {
	m, err := s.agenda.FindMeetingByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.eventOfOffice(ctx, m.EventID); err != nil {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "pertemuan %d tidak ditemukan", "meeting %d not found", id)
	}
	return m, nil
}

// meetingMove is the body of POST /api/v1/meetings/{id}/move: slot and
// table counted from 0.
type meetingMove struct {
	Slot  *int `json:"slot"`
	Table *int `json:"table"`
}

func (s *Server) handleMeetingMoveAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.meetingOfOffice(r.Context(), id); err != nil {
		return err
	}
	var b meetingMove
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	var v dagang.Validation
	v.Check(b.Slot != nil, "slot", "sesi wajib diisi (dihitung dari 0)", "slot is required (counted from 0)")
	v.Check(b.Table != nil, "table", "meja wajib diisi (dihitung dari 0)", "table is required (counted from 0)")
	if err := v.Err(); err != nil {
		return err
	}
	m, err := s.agenda.MoveMeeting(r.Context(), id, *b.Slot, *b.Table)
	if err != nil {
		return err
	}
	if _, err := agenda.Announce(r.Context(), s.agenda, m.EventID); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

// meetingLock is the body of POST /api/v1/meetings/{id}/lock.
type meetingLock struct {
	Locked *bool `json:"locked"`
}

func (s *Server) handleMeetingLockAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.meetingOfOffice(r.Context(), id); err != nil {
		return err
	}
	var b meetingLock
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	if b.Locked == nil {
		return invalidField("locked", "locked wajib diisi (true atau false)", "locked is required (true or false)")
	}
	m, err := s.agenda.LockMeeting(r.Context(), id, *b.Locked)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}
