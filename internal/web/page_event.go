package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/mission"
)

var eventKinds = []dagang.EventKind{dagang.EventBusinessMeeting, dagang.EventTradeMission, dagang.EventFair}

// eventList is the data of the Kegiatan list.
type eventList struct {
	List      *listView
	Items     []*dagang.Event
	Refs      *refs
	Kinds     []option
	Statuses  []option
	Provinces []option
}

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	lv := readList(r, p)
	// organisation_id is forced to the user's own for counterparts.
	f := dagang.EventFilter{ListOptions: lv.Opt, OfficeID: officeOf(r.Context()), Year: p.year("year"), HostProvince: p.str("host_province_code"),
		Kind: enum(p, "kind", dagang.EventKind.Valid), Status: enum(p, "status", dagang.EventStatus.Valid), OrganisationID: p.int64("organisation_id")}
	if err := p.v.Err(); err != nil {
		return err
	}
	items, total, err := s.events.FindEvents(r.Context(), f)
	if err != nil {
		return err
	}
	lv.Total = total
	x := s.refs(r.Context(), lv.lang)
	d := eventList{List: lv, Items: items, Refs: x, Kinds: enumOptions(lv.lang, "Semua jenis", eventKinds), Statuses: enumOptions(lv.lang, "Semua status", dagang.EventStatuses)}
	if d.Provinces, err = x.ProvinceOptions(); err != nil {
		return err
	}
	d.Provinces[0].Label = translate(lv.lang, "Semua provinsi")
	s.renderPage(w, r, http.StatusOK, "events", d)
	return nil
}

// participant is one participation with the name of who takes part.
type participant struct {
	*dagang.Participation
	Name string
	Href string
}

// meetingRow is a scheduled B2B meeting with both parties' names.
type meetingRow struct {
	*dagang.Meeting
	A, B string
}

// eventDetail is the data of one event's page.
type eventDetail struct {
	E            *dagang.Event
	Refs         *refs
	Participants []participant
	Meetings     []meetingRow
	Deals        []*dagang.Deal
	DealsTotal   int
	TotalIDR     int64
	Own          bool // the viewer sees only its own part of the event

	// A business user's application while the event is open: the form
	// (as typed after a refusal), or its own application, or why it may
	// not apply, in place of the button.
	Apply   *form
	Applied *dagang.Participation
	Verdict mission.Verdict

	// Announce is the office's announcement while the event takes
	// applications (page_poster.go).
	Announce *announcement
}

func (s *Server) handleEvent(w http.ResponseWriter, r *http.Request) error {
	return s.renderEvent(w, r, http.StatusOK, nil)
}

// renderEvent draws an event's page; a refused application comes back on
// it with the form as typed (nil: a fresh one).
func (s *Server) renderEvent(w http.ResponseWriter, r *http.Request, status int, apply *form) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	e, err := s.eventOfOffice(ctx, id)
	if err != nil {
		return err
	}
	x := s.refs(ctx, langOf(r))
	d := eventDetail{E: e, Refs: x, Apply: apply}
	if d.Apply == nil {
		d.Apply = newForm(r, applyLabels, url.Values{"role": {string(dagang.RoleMatching)}})
	}
	u := dagang.UserFromContext(ctx)
	// Business and counterpart users see only their own participation,
	// meetings and deals.
	mine := func(p *dagang.Participation) bool { return true }
	df := dagang.DealFilter{OfficeID: officeOf(r.Context()), EventID: e.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}}
	if u != nil && u.Role == dagang.UserBusiness {
		d.Own, df.BusinessID = true, u.BusinessID
		mine = func(p *dagang.Participation) bool { return p.BusinessID == u.BusinessID }
	} else if u != nil && u.Role == dagang.UserCounterpart {
		d.Own, df.CounterpartID = true, u.OrganisationID
		mine = func(p *dagang.Participation) bool { return p.OrganisationID == u.OrganisationID }
	} else if u == nil {
		return errForbidden()
	}
	ps, _, err := s.events.FindParticipations(ctx, dagang.ParticipationFilter{EventID: e.ID, ListOptions: all})
	if err != nil {
		return err
	}
	names := map[int64]string{}
	own := map[int64]bool{}
	for _, p := range ps {
		pt := participant{Participation: p}
		if p.BusinessID != 0 {
			pt.Name, err = x.Business(p.BusinessID)
			if canSeeBusiness(u, p.BusinessID) {
				pt.Href = "/businesses/" + strconv.FormatInt(p.BusinessID, 10)
			}
		} else {
			pt.Name, err = x.Org(p.OrganisationID)
		}
		if err != nil {
			return err
		}
		names[p.ID] = pt.Name
		if u != nil && u.Role == dagang.UserBusiness && p.BusinessID == u.BusinessID {
			d.Applied = p
		}
		if mine(p) {
			own[p.ID] = true
			d.Participants = append(d.Participants, pt)
		}
	}
	ms, _, err := s.events.FindMeetings(ctx, dagang.MeetingFilter{EventID: e.ID, ListOptions: all})
	if err != nil {
		return err
	}
	for _, m := range ms {
		if own[m.AID] || own[m.BID] {
			d.Meetings = append(d.Meetings, meetingRow{Meeting: m, A: names[m.AID], B: names[m.BID]})
		}
	}
	if d.Deals, d.DealsTotal, err = s.events.FindDeals(ctx, df); err != nil {
		return err
	}
	for _, dl := range d.Deals {
		d.TotalIDR += dl.ValueIDR
	}
	if hasRole(u, dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership) && e.AcceptsApplications(s.today()) {
		if d.Announce, err = s.announcementOf(r, e); err != nil {
			return err
		}
	}
	if u != nil && u.Role == dagang.UserBusiness && e.Status == dagang.EventOpen && d.Applied == nil {
		vs, err := mission.Eligibility(ctx, s.delegation, officeOf(r.Context()), e.ID)
		if err != nil {
			return err
		}
		d.Verdict = vs[u.BusinessID]
	}
	s.renderPage(w, r, status, "event", d)
	return nil
}

// eventLabels names the fields of the event form.
var eventLabels = map[string]string{
	"kind": "Jenis kegiatan", "name": "Nama kegiatan", "host_province_code": "Provinsi tuan rumah", "starts_on": "Tanggal mulai",
	"ends_on": "Tanggal selesai", "venue": "Tempat", "status": "Status", "quota_matching": "Kuota temu bisnis",
	"quota_exhibitor": "Kuota pameran", "office_id": "Dinas", "slots": "Jumlah sesi", "tables": "Jumlah meja",
	"slot_minutes": "Durasi sesi", "day_start": "Jam mulai", "lunch_after": "Jeda makan siang", "force": "Kemungkinan duplikat",
	"time_zone": "Zona waktu", "meeting_days": "Hari pertemuan",
	"apply_by": "Batas pendaftaran",
}

// eventForm is the data of the create and edit page.
type eventForm struct {
	Form      *form
	ID        int64
	Kinds     []option
	Statuses  []option
	Provinces []option
	Zones     []option
}

// zoneOptions are Indonesia's three zones, after the default: the host
// province's.
func zoneOptions(lang string) []option {
	return []option{{Value: "", Label: translate(lang, "Ikuti provinsi tuan rumah")},
		{Value: dagang.ZoneWIB, Label: "WIB · " + dagang.ZoneWIB}, {Value: dagang.ZoneWITA, Label: "WITA · " + dagang.ZoneWITA}, {Value: dagang.ZoneWIT, Label: "WIT · " + dagang.ZoneWIT}}
}

func (s *Server) renderEventForm(w http.ResponseWriter, r *http.Request, status int, f *form, id int64) error {
	d := eventForm{Form: f, ID: id, Kinds: enumOptions(f.lang, "— pilih —", eventKinds), Statuses: enumOptions(f.lang, "", dagang.EventStatuses), Zones: zoneOptions(f.lang)}
	if id == 0 {
		// A new event starts planned (the store refuses any other status).
		d.Statuses = enumOptions(f.lang, "", []dagang.EventStatus{dagang.EventPlanned})
	}
	var err error
	if d.Provinces, err = s.refs(r.Context(), f.lang).ProvinceOptions(); err != nil {
		return err
	}
	s.renderPage(w, r, status, "event_form", d)
	return nil
}

func (s *Server) handleEventNew(w http.ResponseWriter, r *http.Request) error {
	v := url.Values{"status": {string(dagang.EventPlanned)}, "kind": {string(dagang.EventBusinessMeeting)},
		"quota_matching": {strconv.Itoa(dagang.DefaultQuotaMatching)}, "quota_exhibitor": {strconv.Itoa(dagang.DefaultQuotaExhibitor)}, "meeting_days": {"1"}}
	return s.renderEventForm(w, r, http.StatusOK, newForm(r, eventLabels, v), 0)
}

func (s *Server) handleEventEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.eventOfOffice(r.Context(), id)
	if err != nil {
		return err
	}
	return s.renderEventForm(w, r, http.StatusOK, newForm(r, eventLabels, eventValues(e)).editValues(e.Version), e.ID)
}

// eventValues are the event form's values of e.
func eventValues(e *dagang.Event) url.Values {
	return url.Values{"kind": {string(e.Kind)}, "name": {e.Name}, "host_province_code": {e.HostProvince}, "starts_on": {dateValue(e.StartsOn)},
		"ends_on": {dateValue(e.EndsOn)}, "venue": {e.Venue}, "status": {string(e.Status)},
		"quota_matching": {strconv.Itoa(e.QuotaMatching)}, "quota_exhibitor": {strconv.Itoa(e.QuotaExhibitor)},
		"time_zone": {e.TimeZone}, "meeting_days": {strconv.Itoa(e.Days())}, "apply_by": {dateValue(e.ApplyBy)}}
}

// dateValue writes a date for a date input; "" for none.
func dateValue(d dagang.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// eventFormFields are the fields the event form edits.
var eventFormFields = []string{"kind", "name", "host_province_code", "starts_on", "ends_on", "venue", "status", "quota_matching", "quota_exhibitor", "time_zone", "meeting_days", "apply_by"}

func readEvent(f *form, e *dagang.Event) error {
	e.Kind = dagang.EventKind(f.str("kind"))
	e.Name = f.str("name")
	e.HostProvince = f.str("host_province_code")
	e.StartsOn, e.EndsOn = f.date("starts_on"), f.date("ends_on")
	e.Venue = f.str("venue")
	e.Status = dagang.EventStatus(f.str("status"))
	e.QuotaMatching, e.QuotaExhibitor = f.int("quota_matching"), f.int("quota_exhibitor")
	e.TimeZone, e.MeetingDays = f.str("time_zone"), f.int("meeting_days")
	e.ApplyBy = f.date("apply_by")
	return f.check(e.Validate())
}

func (s *Server) handleEventCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, eventLabels)
	if err != nil {
		return err
	}
	e := &dagang.Event{OfficeID: officeOf(r.Context())}
	if err = readEvent(f, e); err == nil {
		// A likely duplicate comes back as an error on "force"; the form
		// then offers the box that saves it anyway.
		err = s.events.CreateEventChecked(r.Context(), e, f.str("force") == "1")
	}
	return s.afterSave(w, r, f, err, "/events/"+strconv.FormatInt(e.ID, 10), "Kegiatan dicatat.", func(status int) error {
		return s.renderEventForm(w, r, status, f, 0)
	})
}

func (s *Server) handleEventUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.eventOfOffice(r.Context(), id)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, eventLabels)
	if err != nil {
		return err
	}
	c, err := f.edited(eventFormFields)
	if err != nil {
		return err
	}
	if err = readEvent(f, e); err == nil {
		var conflict bool
		conflict, err = saveEdit(f, c, eventFormFields, eventValues, func(c dagang.Change) error { return s.events.UpdateEvent(r.Context(), e, c) })
		if conflict {
			return s.renderEventForm(w, r, http.StatusConflict, f, e.ID)
		}
	}
	return s.afterSave(w, r, f, err, "/events/"+strconv.FormatInt(e.ID, 10), "Perubahan disimpan.", func(status int) error {
		return s.renderEventForm(w, r, status, f, e.ID)
	})
}

// handleEventCreateAPI records an event; a likely duplicate is refused
// (409 on "force") unless the query says force=true.
func (s *Server) handleEventCreateAPI(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	force := p.flag("force")
	if err := p.v.Err(); err != nil {
		return err
	}
	return createAPI(inOffice(func(e *dagang.Event) *int64 { return &e.OfficeID }), func(ctx context.Context, e *dagang.Event) error {
		return s.events.CreateEventChecked(ctx, e, force)
	})(w, r)
}
