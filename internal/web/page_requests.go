package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/matching"
)

// The meeting requests of an event (issue 6): requests from both sides
// with their priority, staff approval, each participant's cap and
// availability, and the matching suggestions.

// requestRow is one request with the names of both sides.
type requestRow struct {
	*dagang.MeetingRequest
	From, To string
	Mutual   bool
	Incoming bool // the page's participant is the asked side
}

// personRow is one participant with its approved requests, cap and
// availability.
type personRow struct {
	*agenda.Person
	Approved int
	Over     bool
	Slots    []slotBox
}

// slotBox is one checkbox of the availability form.
type slotBox struct {
	Value, Label string
	Off          bool
}

// suggestionRow is one participant's best suggestions.
type suggestionRow struct {
	Person *agenda.Person
	Items  []suggestionItem
}

type suggestionItem struct {
	matching.Suggestion
	Name string
}

// requestsPage is the data of the requests page.
type requestsPage struct {
	E        *dagang.Event
	Requests []requestRow
	People   []personRow
	Options  []option // participants for the request form
	// From and To are the pair the form starts on: the first suggestion
	// not asked for yet, else two different participants, never one with
	// itself.
	From, To    string
	Priorities  []option
	Suggestions []suggestionRow
}

func (s *Server) handleMeetingRequests(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	e, err := s.eventOfOffice(ctx, id)
	if err != nil {
		return err
	}
	sg, err := agenda.Suggest(ctx, s.requests, id, 3)
	if err != nil {
		return err
	}
	reqs, _, err := s.requests.FindMeetingRequests(ctx, dagang.MeetingFilter{EventID: id, ListOptions: all})
	if err != nil {
		return err
	}
	g, err := agenda.NewGrid(e)
	if err != nil {
		g = &agenda.Grid{}
	}
	name := func(pid int64) string {
		if p := sg.People[pid]; p != nil {
			return p.Name
		}
		return fmt.Sprintf("#%d", pid)
	}
	d := requestsPage{E: e}
	asked := map[[2]int64]bool{}
	approved := map[int64]int{}
	for _, q := range reqs {
		asked[[2]int64{q.FromID, q.ToID}] = true
	}
	for _, q := range reqs {
		d.Requests = append(d.Requests, requestRow{MeetingRequest: q, From: name(q.FromID), To: name(q.ToID), Mutual: asked[[2]int64{q.ToID, q.FromID}]})
		if q.Status == dagang.RequestApproved {
			approved[q.FromID]++
			approved[q.ToID]++
		}
	}
	ids := make([]int64, 0, len(sg.People))
	for pid := range sg.People {
		ids = append(ids, pid)
	}
	slices.SortFunc(ids, func(a, b int64) int { return strings.Compare(sg.People[a].Name, sg.People[b].Name) })
	for _, pid := range ids {
		p := sg.People[pid]
		row := personRow{Person: p, Approved: approved[pid], Over: p.MaxMeetings > 0 && approved[pid] > p.MaxMeetings}
		for t := range g.Slots {
			row.Slots = append(row.Slots, slotBox{Value: strconv.Itoa(t + 1), Label: g.Local(langOf(r), t), Off: slices.Contains(p.Unavailable, t)})
		}
		d.People = append(d.People, row)
		d.Options = append(d.Options, option{Value: strconv.FormatInt(pid, 10), Label: p.Name})
		if l := sg.Lists[pid]; len(l) > 0 {
			for _, x := range l {
				if d.From == "" && !asked[[2]int64{pid, x.Counterpart}] {
					d.From, d.To = strconv.FormatInt(pid, 10), strconv.FormatInt(x.Counterpart, 10)
				}
			}
			sr := suggestionRow{Person: p}
			for _, x := range l {
				sr.Items = append(sr.Items, suggestionItem{Suggestion: x, Name: name(x.Counterpart)})
			}
			d.Suggestions = append(d.Suggestions, sr)
		}
	}
	if d.From == "" && len(d.Options) > 1 {
		d.From, d.To = d.Options[0].Value, d.Options[1].Value
	}
	d.Priorities = priorities()
	s.renderPage(w, r, http.StatusOK, "meeting_requests", d)
	return nil
}

// priorities are the choices of a request's priority, highest first.
func priorities() []option {
	var out []option
	for p := 5; p >= 1; p-- {
		out = append(out, option{Value: strconv.Itoa(p), Label: strconv.Itoa(p)})
	}
	return out
}

// personRequests fills a participant's page with its requests and its
// best suggestions.
func (s *Server) personRequests(ctx context.Context, a *agenda.Agenda, p *agenda.Person, d *personPage) error {
	id := p.Participation.ID
	reqs, _, err := s.requests.FindMeetingRequests(ctx, dagang.MeetingFilter{EventID: a.Event.ID, ParticipationID: id, ListOptions: all})
	if err != nil {
		return err
	}
	asked := map[[2]int64]bool{}
	for _, q := range reqs {
		asked[[2]int64{q.FromID, q.ToID}] = true
	}
	for _, q := range reqs {
		d.Requests = append(d.Requests, requestRow{MeetingRequest: q, From: a.Name(q.FromID), To: a.Name(q.ToID), Mutual: asked[[2]int64{q.ToID, q.FromID}], Incoming: q.ToID == id})
	}
	sg, err := agenda.Suggest(ctx, s.requests, a.Event.ID, 5)
	if err != nil {
		return err
	}
	for _, x := range sg.Lists[id] {
		d.Suggestions = append(d.Suggestions, suggestionItem{Suggestion: x, Name: a.Name(x.Counterpart)})
	}
	return nil
}

// handleOwnRequest asks for a meeting in the name of the {id}
// participation: staff for anyone, a business or counterpart for itself.
func (s *Server) handleOwnRequest(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.participationOfOffice(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	var v dagang.Validation
	to, err := strconv.ParseInt(f.Values.Get("to_participation_id"), 10, 64)
	v.Check(err == nil && to > 0, "to_participation_id", "peserta yang diminta wajib dipilih", "requested participant is required")
	prio, err := strconv.Atoi(f.Values.Get("priority"))
	v.Check(err == nil, "priority", "prioritas harus 1–5", "priority must be 1–5")
	if err := v.Err(); err != nil {
		return err
	}
	q := &dagang.MeetingRequest{EventID: p.EventID, FromID: id, ToID: to, Priority: prio, Status: dagang.RequestPending,
		Note: strings.TrimSpace(f.Values.Get("note"))}
	if err := s.requests.CreateMeetingRequest(r.Context(), q); err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/participations/%d/agenda#requests", id), "Permintaan pertemuan dicatat.")
	return nil
}

// backToRequests ends a post on the event's requests page, which then
// says what was done.
func (s *Server) backToRequests(w http.ResponseWriter, r *http.Request, eventID int64, msg string) {
	s.done(w, r, fmt.Sprintf("/events/%d/requests", eventID), msg)
}

func (s *Server) handleMeetingRequestCreate(w http.ResponseWriter, r *http.Request) error {
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
	var v dagang.Validation
	num := func(field, id, en string) int64 {
		n, err := strconv.ParseInt(f.Values.Get(field), 10, 64)
		v.Check(err == nil && n > 0, field, id, en)
		return n
	}
	q := &dagang.MeetingRequest{EventID: id, Status: dagang.RequestPending, Note: strings.TrimSpace(f.Values.Get("note"))}
	q.FromID = num("from_participation_id", "peminta pertemuan wajib dipilih", "requesting participant is required")
	q.ToID = num("to_participation_id", "peserta yang diminta wajib dipilih", "requested participant is required")
	q.Priority = int(num("priority", "prioritas harus 1–5", "priority must be 1–5"))
	if err := v.Err(); err != nil {
		return err
	}
	if err := s.requests.CreateMeetingRequest(r.Context(), q); err != nil {
		return err
	}
	s.backToRequests(w, r, id, "Permintaan pertemuan dicatat.")
	return nil
}

func (s *Server) handleMeetingRequestDecide(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rid, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil {
		return dagang.Errorf(dagang.ENOTFOUND, "permintaan pertemuan %s tidak ditemukan", "meeting request %s not found", r.PathValue("rid"))
	}
	q, err := s.meetingRequestOfOffice(r.Context(), rid)
	if err != nil {
		return err
	}
	if q.EventID != id {
		return dagang.Errorf(dagang.ENOTFOUND, "permintaan pertemuan %d tidak ditemukan", "meeting request %d not found", rid)
	}
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	version, err := formVersion(f)
	if err != nil {
		return err
	}
	if f.Values.Get("status") == string(dagang.RequestDeclined) && !s.confirmed(w, r, f.Values,
		"Permintaan pertemuan ini ditolak: tidak dijadwalkan, dan yang meminta melihat penolakannya di agendanya.",
		"This meeting request is declined: it is not scheduled, and the participant who asked sees the refusal on its agenda.",
		"Tolak", fmt.Sprintf("/events/%d/requests#request-%d", id, rid)) {
		return nil
	}
	answered, err := s.requests.AnswerMeetingRequest(r.Context(), rid, version, dagang.RequestStatus(f.Values.Get("status")), f.Values.Get("reply"))
	if err != nil {
		return err
	}
	msg := "Permintaan pertemuan diperbarui."
	switch answered.Status {
	case dagang.RequestApproved:
		msg = "Permintaan pertemuan disetujui."
	case dagang.RequestDeclined:
		msg = "Permintaan pertemuan ditolak."
	}
	s.backToRequests(w, r, id, msg)
	return nil
}

func (s *Server) handleAvailabilitySave(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pid, err := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	if err != nil {
		return dagang.Errorf(dagang.ENOTFOUND, "peserta %s tidak ditemukan", "participant %s not found", r.PathValue("pid"))
	}
	p, err := s.participationOfOffice(r.Context(), pid)
	if err != nil {
		return err
	}
	if p.EventID != id {
		return dagang.Errorf(dagang.ENOTFOUND, "peserta %d tidak terdaftar di kegiatan ini", "participant %d is not registered for this event", pid)
	}
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	var v dagang.Validation
	a := &dagang.Availability{ParticipationID: pid, MaxMeetings: formMaxMeetings(f, &v), Unavailable: []int{}}
	for _, sv := range f.Values["unavailable"] {
		n, err := strconv.Atoi(sv)
		if err != nil {
			id, en := locale.Both("error.availability.number", strconv.Quote(sv))
			v.Add("unavailable_slots", id, en)
		}
		a.Unavailable = append(a.Unavailable, n-1)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := s.requests.SetAvailability(r.Context(), a); err != nil {
		return err
	}
	s.backToRequests(w, r, id, "Ketersediaan peserta disimpan.")
	return nil
}
