package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/locale"
)

// The event day at the venue: staff check participants in by the QR code
// of their badge or agenda (the phone's camera where the browser has
// BarcodeDetector), by typing the code, or by finding the name; and mark
// each meeting held, a no-show of one side or both, or moved.

// checkinBody is the body of POST /api/v1/events/{id}/checkins: the code
// on the badge, or the participation found by name.
type checkinBody struct {
	Code            string `json:"code,omitempty"`
	ParticipationID int64  `json:"participation_id,omitempty"`
}

// checkinAnswer is a check-in with the participant's name, and whether
// this call made it (false: the participant had checked in before).
type checkinAnswer struct {
	dagang.Checkin
	Name    string `json:"name"`
	Code    string `json:"code"`
	Created bool   `json:"created"`
}

// rosterEntry is one participant of the event day: its code and whether
// it has arrived.
type rosterEntry struct {
	ParticipationID int64      `json:"participation_id"`
	Name            string     `json:"name"`
	Code            string     `json:"code"`
	CheckedInAt     *time.Time `json:"checked_in_at,omitempty"`
}

// checkIn resolves the code or participation of b in event eventID and
// checks it in; render is the answer of an idempotent request.
func (s *Server) checkIn(r *http.Request, eventID int64, b checkinBody, render func(*checkinAnswer) (dagang.Answer, error)) (*checkinAnswer, error) {
	ctx := r.Context()
	pid := b.ParticipationID
	if strings.TrimSpace(b.Code) != "" {
		id, err := dagang.ParseCheckinCode(b.Code)
		if err != nil {
			return nil, invalidField("code", "kode check-in "+strconv.Quote(b.Code)+" tidak valid", "check-in code "+strconv.Quote(b.Code)+" is not valid")
		}
		pid = id
	}
	if pid <= 0 {
		return nil, invalidField("code", "kode check-in atau peserta wajib diisi", "a check-in code or a participant is required")
	}
	a, err := agenda.Load(ctx, s.eventDay, eventID)
	if err != nil {
		return nil, err
	}
	answer := func(c *dagang.Checkin, created bool) *checkinAnswer {
		return &checkinAnswer{Checkin: *c, Name: a.Name(c.ParticipationID), Code: dagang.CheckinCode(c.ParticipationID), Created: created}
	}
	answerWith(r, func(o dagang.CheckedIn) (dagang.Answer, error) { return render(answer(o.Checkin, o.Created)) })
	c := &dagang.Checkin{EventID: eventID, ParticipationID: pid}
	created, err := s.eventDay.CheckIn(ctx, c)
	if err != nil {
		return nil, err
	}
	return answer(c, created), nil
}

func (s *Server) handleCheckinAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	var b checkinBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	a, err := s.checkIn(r, id, b, func(a *checkinAnswer) (dagang.Answer, error) { return jsonAnswer(http.StatusOK, a) })
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, a)
	return nil
}

// roster lists the event's participants with their codes and arrivals,
// those whose name contains q (case ignored) when q is not empty.
func (s *Server) roster(ctx context.Context, eventID int64, q string) (*agenda.Agenda, []rosterEntry, error) {
	a, err := agenda.Load(ctx, s.eventDay, eventID)
	if err != nil {
		return nil, nil, err
	}
	cs, err := s.eventDay.FindCheckins(ctx, eventID)
	if err != nil {
		return nil, nil, err
	}
	at := map[int64]time.Time{}
	for _, c := range cs {
		at[c.ParticipationID] = c.At
	}
	q = strings.ToLower(strings.TrimSpace(q))
	out := []rosterEntry{}
	for _, p := range a.Everyone() {
		if q != "" && !strings.Contains(strings.ToLower(p.Name), q) {
			continue
		}
		e := rosterEntry{ParticipationID: p.Participation.ID, Name: p.Name, Code: dagang.CheckinCode(p.Participation.ID)}
		if t, ok := at[p.Participation.ID]; ok {
			e.CheckedInAt = &t
		}
		out = append(out, e)
	}
	return a, out, nil
}

func (s *Server) handleRosterAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	p := &params{r: r}
	q := p.str("q")
	if err := p.v.Err(); err != nil {
		return err
	}
	_, out, err := s.roster(r.Context(), id, q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[rosterEntry]{Items: out, Total: len(out), Limit: len(out)})
	return nil
}

// meetingOutcome is the body of POST /api/v1/meetings/{id}/outcome.
type meetingOutcome struct {
	// Outcome is required; "" clears the mark.
	Outcome *dagang.MeetingOutcome `json:"outcome"`
}

func errOutcomeRequired() error {
	return invalidField("outcome", "hasil wajib diisi: held, no_show_a, no_show_b, no_show_both, moved (kosong: hapus tanda)", "outcome is required: held, no_show_a, no_show_b, no_show_both, moved (empty: clear the mark)")
}

func (s *Server) handleMeetingOutcomeAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	if _, err := s.meetingOfOffice(r.Context(), id); err != nil {
		return err
	}
	var b meetingOutcome
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	if b.Outcome == nil {
		return errOutcomeRequired()
	}
	answerWith(r, func(m *dagang.Meeting) (dagang.Answer, error) { return jsonAnswer(http.StatusOK, m) })
	m, err := s.eventDay.MarkMeeting(r.Context(), id, version, *b.Outcome)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, m)
	return nil
}

// checkinPage is the data of the event-day page.
type checkinPage struct {
	E       *dagang.Event
	Q       string
	Roster  []rosterEntry
	Arrived int
	// Arrival is the participant the last check-in named; New: it was not
	// checked in before.
	Arrival  *rosterEntry
	New      bool
	Slots    []slotMeetings
	Outcomes []option
	// Repair is what the repair just did (the answer to its form).
	Repair *agenda.RepairResult
}

// slotMeetings is one slot of the day with its meetings.
type slotMeetings struct {
	Time     string
	Meetings []dayMeeting
}

type dayMeeting struct {
	*dagang.Meeting
	A, B string
}

func (s *Server) handleCheckinPage(w http.ResponseWriter, r *http.Request) error {
	return s.dayPage(w, r, nil)
}

// dayPage renders the event-day page, with the repair just made if any.
func (s *Server) dayPage(w http.ResponseWriter, r *http.Request, rep *agenda.RepairResult) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.eventOfOffice(r.Context(), id)
	if err != nil {
		return err
	}
	q := r.URL.Query().Get("q")
	a, roster, err := s.roster(r.Context(), id, q)
	if err != nil {
		return err
	}
	d := checkinPage{E: e, Q: q, Roster: roster, New: r.URL.Query().Get("new") == "true", Repair: rep}
	arrived, _ := strconv.ParseInt(r.URL.Query().Get("arrived"), 10, 64)
	for i, x := range roster {
		if x.CheckedInAt != nil {
			d.Arrived++
		}
		if x.ParticipationID == arrived {
			d.Arrival = &roster[i]
		}
	}
	bySlot := map[int][]dayMeeting{}
	for _, m := range a.Meetings {
		bySlot[m.Slot] = append(bySlot[m.Slot], dayMeeting{Meeting: m, A: a.Name(m.AID), B: a.Name(m.BID)})
	}
	for t := range a.Grid.Slots {
		if ms := bySlot[t]; len(ms) > 0 {
			d.Slots = append(d.Slots, slotMeetings{Time: a.Grid.Local(langOf(r), t), Meetings: ms})
		}
	}
	for _, o := range dagang.MeetingOutcomes {
		d.Outcomes = append(d.Outcomes, option{Value: string(o), Label: locale.Label(langOf(r), string(o))})
	}
	s.renderPage(w, r, http.StatusOK, "checkin", d)
	return nil
}

// handleCheckinForm checks in from the page (code typed or scanned, or a
// name found) and says who arrived.
func (s *Server) handleCheckinForm(w http.ResponseWriter, r *http.Request) error {
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
	b := checkinBody{Code: f.Values.Get("code")}
	if v := f.Values.Get("participation_id"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return invalidField("participation_id", "peserta tidak valid", "participant is not valid")
		}
		b.ParticipationID = n
	}
	arrival := func(a *checkinAnswer) string {
		return fmt.Sprintf("/events/%d/checkin?arrived=%d&new=%t", id, a.ParticipationID, a.Created)
	}
	a, err := s.checkIn(r, id, b, func(a *checkinAnswer) (dagang.Answer, error) { return redirectAnswer(arrival(a)) })
	if err != nil {
		return err
	}
	http.Redirect(w, r, arrival(a), http.StatusSeeOther)
	return nil
}

func (s *Server) handleMeetingOutcome(w http.ResponseWriter, r *http.Request) error {
	m, f, err := s.meetingForm(w, r)
	if err != nil {
		return err
	}
	version, err := formVersion(f)
	if err != nil {
		return err
	}
	o := f.Values.Get("outcome")
	if o == "" {
		return errOutcomeRequired()
	}
	next := fmt.Sprintf("/events/%d/checkin#meeting-%d", m.EventID, m.ID)
	answerWith(r, func(*dagang.Meeting) (dagang.Answer, error) { return redirectAnswer(next) })
	if _, err := s.eventDay.MarkMeeting(r.Context(), m.ID, version, dagang.MeetingOutcome(o)); err != nil {
		return err
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// repairBody is the body of POST /api/v1/events/{id}/agenda/repair.
type repairBody struct {
	// From is the first slot that may change, counted from 1; 0: the slot
	// after the latest marked meeting.
	From   int  `json:"from,omitempty"`
	DryRun bool `json:"dry_run,omitempty"`
}

func (s *Server) repair(r *http.Request, b repairBody) (*agenda.RepairResult, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return nil, err
	}
	if b.From < 0 {
		return nil, invalidField("from", "sesi harus nomor mulai 1 (0: sesudah sesi terakhir yang ditandai)", "slot must be a number from 1 (0: after the latest marked slot)")
	}
	return agenda.RepairDay(r.Context(), s.eventDay, id, agenda.RepairOptions{Now: b.From - 1, DryRun: b.DryRun})
}

func (s *Server) handleRepairAPI(w http.ResponseWriter, r *http.Request) error {
	var b repairBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	res, err := s.repair(r, b)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// handleRepairForm repairs from the event-day page and shows what changed
// and whom it affects.
func (s *Server) handleRepairForm(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	var b repairBody
	if v := strings.TrimSpace(f.Values.Get("from")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return invalidField("from", "sesi harus berupa nomor", "slot must be a number")
		}
		b.From = n
	}
	res, err := s.repair(r, b)
	if err != nil {
		return err
	}
	return s.dayPage(w, r, res)
}
