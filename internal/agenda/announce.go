package agenda

import (
	"context"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
)

// Publish tells every participant of the event its agenda (staff only):
// the meetings in its language at the event's local time, beside its
// home time where that differs, with its calendar file. It answers the
// participations told.
func Publish(ctx context.Context, st Store, eventID int64) ([]int64, error) {
	return announce(ctx, st, eventID, true)
}

// Announce tells the participants of the meetings that changed since
// they were last told (a reschedule, a repair, a move), once the agenda
// is published; before that it tells nobody.
func Announce(ctx context.Context, st Store, eventID int64) ([]int64, error) {
	return announce(ctx, st, eventID, false)
}

func announce(ctx context.Context, st Store, eventID int64, publish bool) ([]int64, error) {
	if !publish {
		// Before publishing nobody is told: a solve or a repair then
		// spends nothing on reading the agenda.
		e, err := st.FindEventByID(ctx, eventID)
		if err != nil {
			return nil, err
		}
		if e.AgendaPublishedAt == nil {
			return []int64{}, nil
		}
	}
	a, err := Load(ctx, st, eventID)
	if err != nil {
		return nil, err
	}
	return st.AnnounceAgenda(ctx, eventID, publish, func(pid int64, lang string) (*dagang.AgendaNotice, error) {
		return a.Notice(lang, pid, !publish), nil
	})
}

// Notice is what participant pid is told of its agenda in lang (the
// params of dagang.NotifyAgendaPublished): the event, whether it is a
// change, one line per meeting and the link to its agenda page, with its
// calendar file attached.
func (a *Agenda) Notice(lang string, pid int64, changed bool) *dagang.AgendaNotice {
	var lines []string
	for _, r := range a.Rows(pid) {
		if r.Counterpart == nil {
			continue
		}
		lines = append(lines, a.When(lang, r.Slot, pid)+" · "+locale.Msg(lang, "ical.table", strconv.Itoa(r.Table))+" · "+r.Counterpart.Name)
	}
	for _, en := range a.Entries {
		if en.Cancelled && (en.AID == pid || en.BID == pid) && en.Slot < a.Grid.Slots {
			other := en.AID
			if other == pid {
				other = en.BID
			}
			lines = append(lines, locale.Msg(lang, "agenda.notice.cancelled", a.When(lang, en.Slot, pid), a.Name(other)))
		}
	}
	if len(lines) == 0 {
		lines = append(lines, locale.Msg(lang, "agenda.notice.none"))
	}
	p := map[string]string{"event": a.Event.Name, "schedule": strings.Join(lines, "\n"), "path": "/participations/" + strconv.FormatInt(pid, 10) + "/agenda"}
	if changed {
		p["changed"] = "1"
	}
	return &dagang.AgendaNotice{Params: p, AttachmentName: CalendarName(a.Event.ID, pid), AttachmentType: CalendarType,
		Attachment: a.Calendar(lang, pid).Bytes()}
}

// CalendarType is the media type of a calendar file.
const CalendarType = "text/calendar; charset=utf-8; method=PUBLISH"
