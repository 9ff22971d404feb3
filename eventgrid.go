package dagang

import (
	"fmt"
	"time"
)

// The meeting grid of an event in time: every meeting day repeats the
// same slots (Slots of SlotMinutes from DayStart, a lunch break after
// LunchAfter of them), at the event's wall clock. Slots are numbered
// across days: slot s is slot s%Slots of day s/Slots, so a one-day event
// numbers them as it always did and a stored agenda keeps its meaning.

// Defaults for a grid left partly empty, and the lunch break the grid
// does not store.
const (
	DefaultDayStart    = "09:00"
	DefaultSlotMinutes = 20
	LunchMinutes       = 60
	// MaxMeetingDays is the longest run of meeting days an event has.
	MaxMeetingDays = 7
	// MaxGridSlots bounds the slots of all days together (the
	// scheduler's instances take at most 1000).
	MaxGridSlots = 1000
)

// ZoneName is the IANA zone the event's times are in: its own, or its
// host province's when it has none.
func (e *Event) ZoneName() string {
	if e.TimeZone != "" && ValidTimeZone(e.TimeZone) {
		return e.TimeZone
	}
	return ProvinceZoneName(e.HostProvince)
}

// Zone is the location of ZoneName.
func (e *Event) Zone() *time.Location {
	loc, err := time.LoadLocation(e.ZoneName())
	if err != nil {
		return ProvinceZone(e.HostProvince)
	}
	return loc
}

// Days is the number of meeting days: at least one.
func (e *Event) Days() int { return max(1, e.MeetingDays) }

// MeetingDates are the calendar days of the meetings, consecutive from
// the start date (zero Dates while the event has none).
func (e *Event) MeetingDates() []Date {
	out := make([]Date, e.Days())
	if e.StartsOn.IsZero() {
		return out
	}
	for i := range out {
		out[i] = DateOf(e.StartsOn.Time().AddDate(0, 0, i))
	}
	return out
}

// GridSlots is the number of slots over all meeting days.
func (e *Event) GridSlots() int { return e.Slots * e.Days() }

// SlotTime is one slot in time.
type SlotTime struct {
	Day   int  // counted from 0
	Date  Date // the day's date
	Index int  // the slot within its day, counted from 0
	// Start and End in the event's zone.
	Start, End time.Time
}

// SlotAt places slot (counted across days from 0) in time; false when
// the event has no such slot or no valid day start.
func (e *Event) SlotAt(slot int) (SlotTime, bool) {
	if e.Slots < 1 || slot < 0 || slot >= e.GridSlots() {
		return SlotTime{}, false
	}
	start := e.DayStart
	if start == "" {
		start = DefaultDayStart
	}
	t0, err := time.Parse("15:04", start)
	if err != nil {
		return SlotTime{}, false
	}
	minutes := e.SlotMinutes
	if minutes <= 0 {
		minutes = DefaultSlotMinutes
	}
	day, i := slot/e.Slots, slot%e.Slots
	offset := t0.Hour()*60 + t0.Minute() + i*minutes
	if e.lunchAfter() > 0 && i >= e.lunchAfter() {
		offset += LunchMinutes
	}
	d := e.StartsOn
	st := time.Date(d.Year, d.Month, d.Day+day, 0, offset, 0, 0, e.Zone())
	return SlotTime{Day: day, Date: DateOf(st), Index: i, Start: st, End: st.Add(time.Duration(minutes) * time.Minute)}, true
}

// lunchAfter is the slot of a day the lunch break comes before; 0 for
// none (a break at or past the last slot is none).
func (e *Event) lunchAfter() int {
	if e.LunchAfter >= e.Slots {
		return 0
	}
	return e.LunchAfter
}

// DaySession is a session of one meeting day: the morning or the
// afternoon (split at lunch), or the whole day without a lunch break.
type DaySession struct {
	Day  int    // counted from 0
	Date Date   // the day's date
	Name string // "pagi", "siang", or "hari" for a day without lunch
	// Key names the session uniquely in the event: the name on a one-day
	// event, "h2-pagi" on the second day of a longer one.
	Key      string
	From, To int // slots across days, From inclusive, To exclusive
}

// Sessions lists every session of every meeting day in order.
func (e *Event) Sessions() []DaySession {
	var out []DaySession
	dates := e.MeetingDates()
	for day, date := range dates {
		base := day * e.Slots
		add := func(name string, from, to int) {
			key := name
			if len(dates) > 1 {
				key = fmt.Sprintf("h%d-%s", day+1, name)
			}
			out = append(out, DaySession{Day: day, Date: date, Name: name, Key: key, From: base + from, To: base + to})
		}
		if l := e.lunchAfter(); l > 0 {
			add("pagi", 0, l)
			add("siang", l, e.Slots)
		} else {
			add("hari", 0, e.Slots)
		}
	}
	return out
}

// validateGrid checks the event's time zone and meeting days.
func (e *Event) validateGrid(v *Validation) {
	if e.TimeZone != "" {
		v.Check(ValidTimeZone(e.TimeZone), "time_zone", fmt.Sprintf("zona waktu %q tidak dikenal; pakai nama IANA, misalnya Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)", e.TimeZone),
			fmt.Sprintf("unknown time zone %q; use an IANA name such as Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)", e.TimeZone))
	}
	if e.MeetingDays < 0 || e.MeetingDays > MaxMeetingDays {
		v.Add("meeting_days", fmt.Sprintf("jumlah hari pertemuan harus 1–%d", MaxMeetingDays), fmt.Sprintf("meeting days must be 1–%d", MaxMeetingDays))
		return
	}
	v.Check(e.GridSlots() <= MaxGridSlots, "meeting_days", fmt.Sprintf("sesi semua hari bersama paling banyak %d (sekarang %d × %d hari)", MaxGridSlots, e.Slots, e.Days()),
		fmt.Sprintf("the slots of all days together are at most %d (now %d × %d days)", MaxGridSlots, e.Slots, e.Days()))
	if !e.StartsOn.IsZero() && !e.EndsOn.IsZero() && e.Days() > 1 {
		last := e.MeetingDates()[e.Days()-1]
		v.Check(!e.EndsOn.Before(last), "meeting_days", fmt.Sprintf("%d hari pertemuan melewati tanggal selesai kegiatan %s", e.Days(), e.EndsOn),
			fmt.Sprintf("%d meeting days run past the event's end date %s", e.Days(), e.EndsOn))
	}
}
