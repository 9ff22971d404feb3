package store

import (
	"context"
	"database/sql"

	"github.com/dagang/dagang"
)

var _ dagang.AgendaAnnouncer = (*DB)(nil)

// AnnounceAgenda tells participants of their agenda in one transaction
// with the record of what they were told, so that a change is announced
// once and an announcement that did not happen (a crash after the change)
// is made by the next one.
func (d *DB) AnnounceAgenda(ctx context.Context, eventID int64, publish bool, render dagang.AgendaRender) ([]int64, error) {
	if publish {
		if err := staffOnly(ctx); err != nil {
			return nil, err
		}
	}
	told := []int64{}
	err := d.inTx(ctx, func(t tx) error {
		var office int64
		var published sql.NullTime
		if err := t.queryRow(ctx, "SELECT office_id, agenda_published_at FROM events WHERE id = ?"+lockRow(t), eventID).Scan(&office, &published); err != nil {
			return notFoundIfNoRows(err, "kegiatan", "event", eventID)
		}
		if !publish && !published.Valid {
			return nil // nobody has been told of an agenda yet
		}
		q := `SELECT a_id FROM meeting_calendar WHERE event_id = ? AND sequence <> notified_sequence
			UNION SELECT b_id FROM meeting_calendar WHERE event_id = ? AND sequence <> notified_sequence ORDER BY 1`
		args := []any{eventID, eventID}
		if publish {
			q, args = "SELECT id FROM participations WHERE event_id = ? AND status <> ? ORDER BY id", []any{eventID, dagang.ParticipationRejected}
		}
		rows, err := t.query(ctx, q, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			told = append(told, id)
		}
		if err := closeRows(rows); err != nil {
			return err
		}
		for _, pid := range told {
			rs, _, err := participant(ctx, t, pid)
			if err != nil {
				return err
			}
			for _, r := range rs {
				lang := r.lang
				if lang != "en" {
					lang = "id"
				}
				notice, err := render(pid, lang)
				if err != nil {
					return err
				}
				n := &dagang.Notification{OfficeID: office, Kind: dagang.NotifyAgendaPublished, Lang: lang, ToName: r.name, ToEmail: r.email, ToWhatsApp: r.whatsapp,
					Params: notice.Params, AttachmentName: notice.AttachmentName, AttachmentType: notice.AttachmentType, Attachment: notice.Attachment}
				if err := d.notify(ctx, t, n); err != nil {
					return err
				}
			}
		}
		if _, err := t.exec(ctx, "UPDATE meeting_calendar SET notified_sequence = sequence WHERE event_id = ? AND sequence <> notified_sequence", eventID); err != nil {
			return err
		}
		if !publish {
			return nil
		}
		if _, err := t.exec(ctx, "UPDATE events SET agenda_published_at = COALESCE(agenda_published_at, ?) WHERE id = ?", d.now().UTC(), eventID); err != nil {
			return err
		}
		return d.audit(ctx, t, office, "event", eventID, "agenda_publish", nil, map[string]any{"participants": len(told)})
	})
	if err != nil {
		return nil, d.mapError(err)
	}
	return told, nil
}
