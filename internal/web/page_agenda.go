package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
)

// The meeting agenda of an event (issue 6): the full grid for staff, each
// participant's day, the PDFs, solving and staff moves and locks.

// defaultScheduleTimeLimit is how long the solver may search from a page
// or the API when Config.ScheduleTimeLimit is zero.
const defaultScheduleTimeLimit = 5 * time.Second

// agendaPage is the data of the event's agenda page.
type agendaPage struct {
	E      *dagang.Event
	A      *agenda.Agenda
	Grid   []agenda.GridRow
	People []*agenda.Person
	Slots  []option // for the move form, counted from 1
	Tables []option
	Solved string // the notice after solving
}

// eventAgenda loads the agenda of an event of the office.
func (s *Server) eventAgenda(ctx context.Context, r *http.Request) (*agenda.Agenda, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.eventOfOffice(ctx, id); err != nil {
		return nil, err
	}
	return agenda.Load(ctx, s.agenda, id)
}

func (s *Server) handleAgenda(w http.ResponseWriter, r *http.Request) error {
	a, err := s.eventAgenda(r.Context(), r)
	if err != nil {
		return err
	}
	d := agendaPage{E: a.Event, A: a, Grid: a.FullGrid(), People: a.Participants()}
	for t := range a.Grid.Slots {
		d.Slots = append(d.Slots, option{Value: strconv.Itoa(t + 1), Label: fmt.Sprintf("%d · %s", t+1, a.Grid.Local(langOf(r), t))})
	}
	for t := range a.Grid.Tables {
		d.Tables = append(d.Tables, option{Value: strconv.Itoa(t + 1), Label: strconv.Itoa(t + 1)})
	}
	q := r.URL.Query()
	if n, err := strconv.Atoi(q.Get("scheduled")); err == nil {
		of, _ := strconv.Atoi(q.Get("of"))
		lang := langOf(r)
		d.Solved = fmt.Sprintf(translate(lang, "Jadwal tersimpan: %d dari %d pertemuan terjadwal."), n, of)
		wgap, werr := strconv.Atoi(q.Get("wgap"))
		bgap, berr := strconv.Atoi(q.Get("bgap"))
		switch {
		case werr != nil || berr != nil || wgap < 0 || bgap < 0:
		case wgap > 0:
			d.Solved += " " + fmt.Sprintf(translate(lang, "Paling banyak %d bobot di bawah yang terbaik mungkin."), wgap)
		case bgap > 0:
			d.Solved += " " + fmt.Sprintf(translate(lang, "Paling banyak %d jeda di atas yang terbaik mungkin."), bgap)
		default:
			d.Solved += " " + translate(lang, "Optimal (terbukti).")
		}
	}
	s.renderPage(w, r, http.StatusOK, "agenda", d)
	return nil
}

// personPage is the data of one participant's agenda.
type personPage struct {
	E      *dagang.Event
	A      *agenda.Agenda
	P      *agenda.Person
	Rows   []agenda.Row
	Count  int
	Office bool // the viewer is office staff or leadership (links back to the full agenda)
	// The participant's meeting requests and suggestions (page_requests.go).
	Requests    []requestRow
	Suggestions []suggestionItem
	Priorities  []option
	CanRequest  bool // the viewer may ask for meetings (and set availability) in the participant's name
	// The participant's availability by session, and its cap (0: none).
	Sessions    []agenda.SessionChoice
	MaxMeetings int
}

// agendaPerson loads the participation of the {id} path value and the
// agenda of its event.
func (s *Server) agendaPerson(r *http.Request) (*agenda.Agenda, *agenda.Person, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.participationOfOffice(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	a, err := agenda.Load(r.Context(), s.agenda, p.EventID)
	if err != nil {
		return nil, nil, err
	}
	if a.People[id] == nil {
		return nil, nil, dagang.Errorf(dagang.ENOTFOUND, "peserta %d tidak ikut kegiatan ini (pendaftaran ditolak)", "participant %d does not take part in this event (application rejected)", id)
	}
	return a, a.People[id], nil
}

func (s *Server) handleAgendaPerson(w http.ResponseWriter, r *http.Request) error {
	a, p, err := s.agendaPerson(r)
	if err != nil {
		return err
	}
	u := dagang.UserFromContext(r.Context())
	d := personPage{E: a.Event, A: a, P: p, Rows: a.Rows(p.Participation.ID), Count: a.Count(p.Participation.ID),
		Office:     u != nil && hasRole(u, dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership),
		CanRequest: u != nil && u.Role != dagang.UserLeadership, Priorities: priorities(),
		Sessions: a.Grid.SessionChoices(p.Unavailable), MaxMeetings: p.MaxMeetings}
	if err := s.personRequests(r.Context(), a, p, &d); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "agenda_person", d)
	return nil
}

// writePDF sends a PDF built into memory, so an error is still a clean page.
func writePDF(w http.ResponseWriter, name string, a *agenda.Agenda, what agenda.Print) error {
	var buf bytes.Buffer
	if err := agenda.WritePDF(&buf, a, what); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf("inline; filename=%q", name))
	_, err := w.Write(buf.Bytes())
	return err
}

// handleAgendaPDF prints the whole agenda, or with ?part=tables or
// ?part=grid only the table cards or the grid.
func (s *Server) handleAgendaPDF(w http.ResponseWriter, r *http.Request) error {
	a, err := s.eventAgenda(r.Context(), r)
	if err != nil {
		return err
	}
	what := agenda.Print{AllParticipants: true, Tables: true, Grid: true}
	switch part := r.URL.Query().Get("part"); part {
	case "", "all":
	case "tables":
		what = agenda.Print{Tables: true}
	case "grid":
		what = agenda.Print{Grid: true}
	case "badges":
		what = agenda.Print{AllParticipants: true, Badges: true}
	default:
		return invalidField("part", "bagian harus all, tables, grid atau badges", "part must be all, tables, grid or badges")
	}
	what.Lang = langOf(r)
	return writePDF(w, fmt.Sprintf("agenda-%d.pdf", a.Event.ID), a, what)
}

func (s *Server) handleAgendaPersonPDF(w http.ResponseWriter, r *http.Request) error {
	a, p, err := s.agendaPerson(r)
	if err != nil {
		return err
	}
	what := agenda.Print{Participants: []int64{p.Participation.ID}, Lang: langOf(r)}
	switch part := r.URL.Query().Get("part"); part {
	case "", "agenda":
	case "badge":
		what.Badges = true
	default:
		return invalidField("part", "bagian harus agenda atau badge", "part must be agenda or badge")
	}
	return writePDF(w, fmt.Sprintf("agenda-%d-%d.pdf", a.Event.ID, p.Participation.ID), a, what)
}

// orgParticipation: the {id} path value is a participation of the user's
// own organisation.
var orgParticipation = ownRecord("participation of own organisation", nounParticipation, func(ctx context.Context, s *Server, id int64, u *dagang.User) (bool, error) {
	p, err := s.participationOfOffice(ctx, id)
	return err == nil && u.OrganisationID != 0 && p.OrganisationID == u.OrganisationID, err
})

// solveEvent schedules the {id} event of the office.
func (s *Server) solveEvent(r *http.Request) (*agenda.Result, int64, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, 0, err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return nil, 0, err
	}
	limit := s.cfg.ScheduleTimeLimit
	if limit <= 0 {
		limit = defaultScheduleTimeLimit
	}
	res, err := agenda.Solve(r.Context(), s.agenda, id, agenda.Options{TimeLimit: limit, Seed: 1})
	return res, id, err
}

// agendaConfirmed reads the form of an action on the agenda of the path's
// event of the office and asks staff to confirm what it does (id, en),
// answering the question page itself; ok says the action may go on.
func (s *Server) agendaConfirmed(w http.ResponseWriter, r *http.Request, id, en, button string) (event int64, ok bool, err error) {
	f, err := readForm(w, r, nil)
	if err != nil {
		return 0, false, err
	}
	event, err = pathID(r)
	if err != nil {
		return 0, false, err
	}
	if _, err := s.eventOfOffice(r.Context(), event); err != nil {
		return 0, false, err
	}
	return event, s.confirmed(w, r, f.Values, id, en, button, fmt.Sprintf("/events/%d/agenda", event)), nil
}

func (s *Server) handleAgendaSolve(w http.ResponseWriter, r *http.Request) error {
	_, ok, err := s.agendaConfirmed(w, r, "Jadwal pertemuan kegiatan ini disusun ulang: setiap pertemuan yang tidak dikunci dapat berpindah sesi dan meja, dan agenda peserta berubah.",
		"The meeting schedule of this event is made again: every meeting that is not locked may move to another slot and table, and the participants' agendas change.",
		"Jadwalkan ulang")
	if !ok || err != nil {
		return err
	}
	res, id, err := s.solveEvent(r)
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/events/%d/agenda?scheduled=%d&of=%d&wgap=%d&bgap=%d", id, res.Scheduled, res.Requested, res.WeightGap, res.BreaksGap), http.StatusSeeOther)
	return nil
}

// meetingForm finds the {mid} meeting of the {id} event of the office and
// reads the posted form.
func (s *Server) meetingForm(w http.ResponseWriter, r *http.Request) (*dagang.Meeting, *form, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return nil, nil, err
	}
	mid, err := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	if err != nil {
		return nil, nil, dagang.Errorf(dagang.ENOTFOUND, "pertemuan %s tidak ditemukan", "meeting %s not found", r.PathValue("mid"))
	}
	m, err := s.agenda.FindMeetingByID(r.Context(), mid)
	if err != nil {
		return nil, nil, err
	}
	if m.EventID != id {
		return nil, nil, dagang.Errorf(dagang.ENOTFOUND, "pertemuan %d tidak ditemukan", "meeting %d not found", mid)
	}
	f, err := readForm(w, r, nil)
	return m, f, err
}

func (s *Server) handleMeetingLock(w http.ResponseWriter, r *http.Request) error {
	m, f, err := s.meetingForm(w, r)
	if err != nil {
		return err
	}
	locked := f.Values.Get("locked")
	if locked != "" && locked != "0" && locked != "1" {
		return invalidField("locked", "kunci harus 0 atau 1", "locked must be 0 or 1")
	}
	if _, err := s.agenda.LockMeeting(r.Context(), m.ID, locked == "1"); err != nil {
		return err
	}
	msg := "Pertemuan dikunci."
	if locked != "1" {
		msg = "Kunci pertemuan dibuka."
	}
	s.done(w, r, fmt.Sprintf("/events/%d/agenda#meeting-%d", m.EventID, m.ID), msg)
	return nil
}

func (s *Server) handleMeetingMove(w http.ResponseWriter, r *http.Request) error {
	m, f, err := s.meetingForm(w, r)
	if err != nil {
		return err
	}
	var v dagang.Validation
	slot, err := strconv.Atoi(f.Values.Get("slot"))
	v.Check(err == nil, "slot", "sesi harus berupa nomor", "slot must be a number")
	table, err := strconv.Atoi(f.Values.Get("table"))
	v.Check(err == nil, "table", "meja harus berupa nomor", "table must be a number")
	if err := v.Err(); err != nil {
		return err
	}
	if _, err := s.agenda.MoveMeeting(r.Context(), m.ID, slot-1, table-1); err != nil {
		return err
	}
	if _, err := agenda.Announce(r.Context(), s.agenda, m.EventID); err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/events/%d/agenda#meeting-%d", m.EventID, m.ID), "Pertemuan dipindahkan dan dikunci.")
	return nil
}
