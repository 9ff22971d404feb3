package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/matching"
)

// Self-service matchmaking: a participant (or staff in its name) sees its
// ranked suggestions with their reasons, asks for a meeting in one tap and
// answers the requests it received; staff decide many requests at once.
// Who may do what is the meeting-request service's rule (store); these
// handlers translate HTTP to its three calls.

// requestOfParticipant loads request rid of the {id} participation's
// event in which that participation is one side.
func (s *Server) requestOfParticipant(ctx context.Context, pid int64, rid string) (*dagang.MeetingRequest, error) {
	n, err := strconv.ParseInt(rid, 10, 64)
	if err != nil || n <= 0 {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "permintaan pertemuan %s tidak ditemukan", "meeting request %s not found", rid)
	}
	q, err := s.meetingRequestOfOffice(ctx, n)
	if err != nil {
		return nil, err
	}
	if q.FromID != pid && q.ToID != pid {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "permintaan pertemuan %d tidak ditemukan", "meeting request %d not found", n)
	}
	return q, nil
}

// handleRequestAnswer is the page form of the asked participant (or staff
// in its name): accept or decline, with an optional reply.
func (s *Server) handleRequestAnswer(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	q, err := s.requestOfParticipant(r.Context(), id, r.PathValue("rid"))
	if err != nil {
		return err
	}
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	version, err := formVersion(f)
	if err != nil {
		return err
	}
	if _, err := s.requests.AnswerMeetingRequest(r.Context(), q.ID, version, dagang.RequestStatus(f.Values.Get("status")), f.Values.Get("reply")); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/participations/%d/agenda#requests", id), http.StatusSeeOther)
	return nil
}

// handleRequestsBulk is the staff's form over many requests of an event.
func (s *Server) handleRequestsBulk(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	var ids []int64
	for _, v := range f.Values["ids"] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return invalidField("ids", "nomor permintaan "+strconv.Quote(v)+" tidak valid", "request number "+strconv.Quote(v)+" is not valid")
		}
		ids = append(ids, n)
	}
	if _, err := s.requests.DecideMeetingRequests(r.Context(), id, ids, dagang.RequestStatus(f.Values.Get("status")), f.Values.Get("reply")); err != nil {
		return err
	}
	s.backToRequests(w, r, id, "Permintaan pertemuan diperbarui.")
	return nil
}

// requestDecisions is the body of POST
// /api/v1/events/{id}/meeting-requests/decisions.
type requestDecisions struct {
	IDs    []int64              `json:"ids"`
	Status dagang.RequestStatus `json:"status"`
	Reply  string               `json:"reply,omitempty"`
}

func (s *Server) handleRequestsBulkAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	var b requestDecisions
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	rs, err := s.requests.DecideMeetingRequests(r.Context(), id, b.IDs, b.Status, b.Reply)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[*dagang.MeetingRequest]{Items: rs, Total: len(rs), Limit: len(rs)})
	return nil
}

// ownRequestBody is a request as a participant sends it: to whom, how much
// it matters, and a note. The requesting side is the path's participation.
type ownRequestBody struct {
	ToID     int64  `json:"to_participation_id"`
	Priority int    `json:"priority"`
	Note     string `json:"note,omitempty"`
}

func (s *Server) handleOwnRequestAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.participationOfOffice(r.Context(), id)
	if err != nil {
		return err
	}
	var b ownRequestBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	q := &dagang.MeetingRequest{EventID: p.EventID, FromID: id, ToID: b.ToID, Priority: b.Priority, Status: dagang.RequestPending, Note: b.Note}
	if err := s.requests.CreateMeetingRequest(r.Context(), q); err != nil {
		return err
	}
	writeRecord(w, http.StatusCreated, q)
	return nil
}

func (s *Server) handleOwnAnswerAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	q, err := s.requestOfParticipant(r.Context(), id, r.PathValue("rid"))
	if err != nil {
		return err
	}
	var b meetingRequestStatus
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	m, err := s.requests.AnswerMeetingRequest(r.Context(), q.ID, version, b.Status, b.Reply)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, m)
	return nil
}

func (s *Server) handleOwnRequestsAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.participationOfOffice(r.Context(), id)
	if err != nil {
		return err
	}
	pr := &params{r: r}
	f := dagang.MeetingFilter{ListOptions: pr.list(), EventID: p.EventID, ParticipationID: id, Status: enum(pr, "status", dagang.RequestStatus.Valid)}
	if err := pr.v.Err(); err != nil {
		return err
	}
	rs, n, err := s.requests.FindMeetingRequests(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[*dagang.MeetingRequest]{Items: rs, Total: n, Offset: f.Offset, Limit: f.Limit})
	return nil
}

// handleOwnSuggestionsAPI lists one participant's suggestions, best first,
// with the reasons of each.
func (s *Server) handleOwnSuggestionsAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.participationOfOffice(r.Context(), id)
	if err != nil {
		return err
	}
	pr := &params{r: r}
	limit := pr.limit("limit", 10)
	if err := pr.v.Err(); err != nil {
		return err
	}
	sg, err := agenda.Suggest(r.Context(), s.requests, p.EventID, limit)
	if err != nil {
		return err
	}
	out := suggestionList{ParticipationID: id, Suggestions: sg.Lists[id]}
	if person := sg.People[id]; person != nil {
		out.Name = person.Name
	}
	if out.Suggestions == nil {
		out.Suggestions = []matching.Suggestion{}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// formMaxMeetings reads the meeting cap of an availability form: empty is
// no cap; what is not a number is refused naming the field and the value.
func formMaxMeetings(f *form, v *dagang.Validation) int {
	m := strings.TrimSpace(f.Values.Get("max_meetings"))
	if m == "" {
		return 0
	}
	n, err := strconv.Atoi(m)
	if err != nil {
		id, en := locale.Both("error.availability.number", strconv.Quote(m))
		v.Add("max_meetings", id, en)
	}
	return n
}

// handleOwnAvailability is the participant's own form (or staff's in its
// name): the sessions it can meet in and its meeting cap. The
// availability service refuses another party's participation.
func (s *Server) handleOwnAvailability(w http.ResponseWriter, r *http.Request) error {
	a, p, err := s.agendaPerson(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	var v dagang.Validation
	av := &dagang.Availability{ParticipationID: p.Participation.ID, MaxMeetings: formMaxMeetings(f, &v)}
	av.Unavailable, err = a.Grid.UnavailableFor(p.Unavailable, f.Values["available_sessions"])
	v.Merge("", err)
	if err := v.Err(); err != nil {
		return err
	}
	if err := s.agenda.SetAvailability(r.Context(), av); err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/participations/%d/agenda#availability", p.Participation.ID), "Ketersediaan disimpan.")
	return nil
}
