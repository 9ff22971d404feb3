package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.EventService = (*DB)(nil)

const eventCols = `id, version, office_id, kind, name, host_province, starts_on, ends_on, venue, status, quota_matching, quota_exhibitor, slots, tables_count, slot_minutes, day_start, lunch_after, meeting_days, time_zone, agenda_published_at, apply_by, sample, created_at`

var eventSort = sortSpec{def: "starts_on DESC, id DESC", columns: map[string]string{"starts_on": "starts_on", "name": "name", "host": "host_province", "status": "status", "id": "id"}}

func scanEvent(s scanner) (*dagang.Event, error) {
	var e dagang.Event
	var published sql.NullTime
	err := s.Scan(&e.ID, &e.Version, &e.OfficeID, &e.Kind, &e.Name, &e.HostProvince, dateOf{&e.StartsOn}, dateOf{&e.EndsOn}, &e.Venue, &e.Status,
		&e.QuotaMatching, &e.QuotaExhibitor, &e.Slots, &e.Tables, &e.SlotMinutes, &e.DayStart, &e.LunchAfter, &e.MeetingDays, &e.TimeZone, &published, dateOf{&e.ApplyBy}, &e.Sample, &e.CreatedAt)
	if published.Valid {
		t := published.Time.UTC()
		e.AgendaPublishedAt = &t
	}
	return &e, err
}

// FindEventByID returns one event.
func (d *DB) FindEventByID(ctx context.Context, id int64) (*dagang.Event, error) {
	e, err := get(ctx, d.read(), "SELECT "+eventCols+" FROM events WHERE id = ?", "kegiatan", "event", id, scanEvent)
	return e, d.mapError(err)
}

// FindEvents lists events, newest first by default.
func (d *DB) FindEvents(ctx context.Context, f dagang.EventFilter) ([]*dagang.Event, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("host_province", f.HostProvince)
	w.eq("kind", string(f.Kind))
	w.eq("status", string(f.Status))
	if f.Year != 0 {
		w.add("starts_on LIKE ?", itoa(f.Year)+"-%")
	}
	if f.OrganisationID != 0 {
		w.add("id IN (SELECT event_id FROM participations WHERE organisation_id = ?)", f.OrganisationID)
	}
	w.match("events", f.Query)
	es, n, err := list(ctx, d.read(), "SELECT "+eventCols+" FROM events", "SELECT COUNT(*) FROM events", w, eventSort, f.ListOptions, scanEvent)
	return es, n, d.mapError(err)
}

func checkEventRefs(ctx context.Context, t tx, e *dagang.Event) error {
	var v dagang.Validation
	if err := exists(ctx, t, &v, "office_id", "offices", "id", e.OfficeID, "dinas %v tidak dikenal", "unknown office %v"); err != nil {
		return err
	}
	if err := exists(ctx, t, &v, "host_province_code", "provinces", "code", e.HostProvince, "provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
		return err
	}
	return v.Err()
}

// CreateEvent stores an event. A new event starts planned (an empty
// status means planned; any other is refused on "status": the status
// moves one step at a time through MoveEvent).
func (d *DB) CreateEvent(ctx context.Context, e *dagang.Event) error {
	e.Name = strings.TrimSpace(e.Name)
	if e.Status == "" {
		e.Status = dagang.EventPlanned
	}
	if err := e.Validate(); err != nil {
		return err
	}
	if e.Status != dagang.EventPlanned {
		return fieldError("status", "kegiatan baru selalu mulai berstatus "+dagang.EventPlanned.Label()+" (planned); pindahkan statusnya selangkah demi selangkah lewat POST /api/v1/events/{id}/status",
			"a new event always starts planned; move its status one step at a time with POST /api/v1/events/{id}/status")
	}
	e.CreatedAt = d.now().UTC()
	e.MeetingDays = e.Days()
	return d.inTx(ctx, func(t tx) error {
		if err := checkEventRefs(ctx, t, e); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO events (office_id, kind, name, host_province, starts_on, ends_on, venue, status, quota_matching, quota_exhibitor, slots, tables_count, slot_minutes, day_start, lunch_after, meeting_days, time_zone, apply_by, sample, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			e.OfficeID, e.Kind, e.Name, e.HostProvince, e.StartsOn.String(), e.EndsOn.String(), e.Venue, e.Status, e.QuotaMatching, e.QuotaExhibitor,
			e.Slots, e.Tables, e.SlotMinutes, e.DayStart, e.LunchAfter, e.Days(), e.TimeZone, e.ApplyBy.String(), e.Sample, e.CreatedAt)
		if err != nil {
			return err
		}
		e.ID, e.Version = id, 1
		if err := d.reindex(ctx, t, "events", id); err != nil {
			return err
		}
		return d.audit(ctx, t, e.OfficeID, "event", id, "create", nil, e)
	})
}

// CreateEventChecked stores e unless it looks like an event of the office
// already stored: the same kind, host province, start and end.
func (d *DB) CreateEventChecked(ctx context.Context, e *dagang.Event, force bool) error {
	if e.Status == "" {
		e.Status = dagang.EventPlanned
	}
	if !force && e.Validate() == nil {
		same, _, err := d.FindEvents(ctx, dagang.EventFilter{OfficeID: e.OfficeID, Kind: e.Kind, HostProvince: e.HostProvince, Year: e.Year(),
			ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
		if err != nil {
			return err
		}
		var names []string
		for _, x := range same {
			if x.StartsOn == e.StartsOn && x.EndsOn == e.EndsOn {
				names = append(names, "«"+x.Name+"»")
			}
		}
		if len(names) > 0 {
			list := strings.Join(names, ", ")
			return &dagang.Error{Code: dagang.ECONFLICT, Message: "kegiatan serupa sudah tercatat", MessageEN: "a similar event is already recorded",
				Fields: []dagang.FieldError{{Field: "force",
					Message:   "kemungkinan duplikat dari kegiatan " + list + " dengan jenis, tuan rumah dan tanggal yang sama; periksa dahulu, lalu simpan lagi dengan «tetap simpan» (API: force=true) bila memang kegiatan lain",
					MessageEN: "likely duplicate of the event " + list + " with the same kind, host and dates; check, then save again with «save anyway» (API: force=true) if it is another event"}}}
		}
	}
	return d.CreateEvent(ctx, e)
}

// eventColumns are the fields UpdateEvent sets.
var eventColumns = []column[dagang.Event]{
	col("kind", func(e *dagang.Event) any { return e.Kind }),
	col("name", func(e *dagang.Event) any { return e.Name }),
	{"host_province_code", "host_province", func(e *dagang.Event) any { return e.HostProvince }},
	col("starts_on", func(e *dagang.Event) any { return e.StartsOn.String() }),
	col("ends_on", func(e *dagang.Event) any { return e.EndsOn.String() }),
	col("venue", func(e *dagang.Event) any { return e.Venue }),
	col("status", func(e *dagang.Event) any { return e.Status }),
	col("quota_matching", func(e *dagang.Event) any { return e.QuotaMatching }),
	col("quota_exhibitor", func(e *dagang.Event) any { return e.QuotaExhibitor }),
	col("slots", func(e *dagang.Event) any { return e.Slots }),
	{"tables", "tables_count", func(e *dagang.Event) any { return e.Tables }},
	col("slot_minutes", func(e *dagang.Event) any { return e.SlotMinutes }),
	col("day_start", func(e *dagang.Event) any { return e.DayStart }),
	col("lunch_after", func(e *dagang.Event) any { return e.LunchAfter }),
	col("meeting_days", func(e *dagang.Event) any { return e.Days() }),
	col("time_zone", func(e *dagang.Event) any { return e.TimeZone }),
	col("apply_by", func(e *dagang.Event) any { return e.ApplyBy.String() }),
}

// UpdateEvent sets the fields of e that c names and leaves e as stored.
func (d *DB) UpdateEvent(ctx context.Context, e *dagang.Event, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+eventCols+" FROM events WHERE id = ?"+lockRow(t), "kegiatan", "event", e.ID, scanEvent)
		if err == nil && old.OfficeID != e.OfficeID {
			err = notFound("kegiatan", "event", e.ID)
		}
		if err != nil {
			return err
		}
		err = versioned(ctx, t, "events", old, e, c, eventColumns, func(cur *dagang.Event) error {
			cur.Name = strings.TrimSpace(cur.Name)
			if err := cur.Validate(); err != nil {
				return err
			}
			if err := checkEventRefs(ctx, t, cur); err != nil {
				return err
			}
			// The status follows the lifecycle one step at a time (MoveEvent).
			if old.Status != cur.Status {
				return dagang.CheckEventMove(old.Status, cur.Status)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := d.reindex(ctx, t, "events", e.ID); err != nil {
			return err
		}
		return d.audit(ctx, t, e.OfficeID, "event", e.ID, "update", old, e)
	})
}

// DeleteEvent removes an event that has no participants or deals yet;
// one that has is refused (ECONFLICT) with what would be orphaned.
func (d *DB) DeleteEvent(ctx context.Context, id, version int64) error {
	return d.deleteRecord(ctx, "events", "kegiatan", "event", id, version, []dependant{
		{"participations", "event_id", "peserta", "participants"},
		{"deals", "event_id", "transaksi", "deals"},
	}, func(t tx) (int64, any, error) {
		e, err := get(ctx, t, "SELECT "+eventCols+" FROM events WHERE id = ?", "kegiatan", "event", id, scanEvent)
		if err != nil {
			return 0, nil, err
		}
		return e.OfficeID, e, nil
	})
}
