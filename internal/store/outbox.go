package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"

	"github.com/dagang/dagang"
)

var _ dagang.OutboxService = (*DB)(nil)

const outboxCols = `id, office_id, kind, lang, to_name, to_email, to_whatsapp, params, attachment_name, attachment_type, state, attempts, last_error, COALESCE(idempotency_key, ''), created_at, sent_at`

var outboxSort = sortSpec{def: "id DESC", columns: map[string]string{"id": "id", "created": "created_at", "state": "state", "kind": "kind"}}

func scanNotification(s scanner) (*dagang.Notification, error) {
	var n dagang.Notification
	var params string
	var sent sql.NullTime
	err := s.Scan(&n.ID, &n.OfficeID, &n.Kind, &n.Lang, &n.ToName, &n.ToEmail, &n.ToWhatsApp, &params, &n.AttachmentName, &n.AttachmentType,
		&n.State, &n.Attempts, &n.LastError, &n.Key, &n.CreatedAt, &sent)
	if err != nil {
		return nil, err
	}
	n.SentAt = sent.Time
	n.Params = map[string]string{}
	if err := json.Unmarshal([]byte(params), &n.Params); err != nil {
		return nil, err
	}
	return &n, nil
}

// EnqueueNotification queues a notification that follows no other write.
func (d *DB) EnqueueNotification(ctx context.Context, n *dagang.Notification) error {
	return d.inTx(ctx, func(t tx) error { return d.notify(ctx, t, n) })
}

// notify queues n inside t, the transaction of the change that causes it:
// the outbox row and the job that sends it commit with that change or not
// at all. A service that notifies calls it before its audit entry. A
// recipient without an e-mail address gets no send job (state no_email):
// staff reach it through the WhatsApp link.
func (d *DB) notify(ctx context.Context, t tx, n *dagang.Notification) error {
	if n.Lang == "" {
		n.Lang = "id"
	}
	if n.Params == nil {
		n.Params = map[string]string{}
	}
	if err := n.Validate(); err != nil {
		return err
	}
	now := d.now().UTC()
	var key any
	if n.Key != "" {
		key = n.Key
		old, err := scanNotification(t.queryRow(ctx, "SELECT "+outboxCols+" FROM outbox WHERE office_id = ? AND idempotency_key = ?", n.OfficeID, n.Key))
		if err == nil {
			*n = *old
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
	}
	n.State, n.CreatedAt, n.Attempts, n.LastError = dagang.NotificationQueued, now, 0, ""
	if n.ToEmail == "" {
		n.State = dagang.NotificationNoEmail
	}
	params, err := json.Marshal(n.Params)
	if err != nil {
		return err
	}
	n.ID, err = t.insert(ctx, "INSERT INTO outbox (office_id, kind, lang, to_name, to_email, to_whatsapp, params, attachment_name, attachment_type, attachment, state, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		n.OfficeID, n.Kind, n.Lang, n.ToName, n.ToEmail, n.ToWhatsApp, string(params), n.AttachmentName, n.AttachmentType, n.Attachment, n.State, key, now)
	if err != nil || n.State != dagang.NotificationQueued {
		return err
	}
	payload, _ := json.Marshal(map[string]int64{"outbox_id": n.ID})
	return insertJob(ctx, t, &dagang.Job{OfficeID: n.OfficeID, Kind: dagang.JobSendNotification, Payload: payload,
		Key: "outbox:" + strconv.FormatInt(n.ID, 10)}, now)
}

// FindNotificationByID returns one notification with its attachment.
func (d *DB) FindNotificationByID(ctx context.Context, id int64) (*dagang.Notification, error) {
	n, err := get(ctx, d.read(), "SELECT "+outboxCols+" FROM outbox WHERE id = ?", "pemberitahuan", "notification", id, scanNotification)
	if err != nil {
		return nil, d.mapError(err)
	}
	if err := d.read().queryRow(ctx, "SELECT attachment FROM outbox WHERE id = ?", id).Scan(&n.Attachment); err != nil {
		return nil, d.mapError(err)
	}
	return n, nil
}

// FindNotifications lists the outbox, newest first by default.
func (d *DB) FindNotifications(ctx context.Context, f dagang.NotificationFilter) ([]*dagang.Notification, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("state", string(f.State))
	w.eq("kind", string(f.Kind))
	w.search(f.Query, "to_name", "to_email")
	ns, total, err := list(ctx, d.read(), "SELECT "+outboxCols+" FROM outbox", "SELECT COUNT(*) FROM outbox", w, outboxSort, f.ListOptions, scanNotification)
	return ns, total, d.mapError(err)
}

// MarkNotificationSent records a delivery once: a second mark is
// ECONFLICT, which tells a sender that another one got there first.
func (d *DB) MarkNotificationSent(ctx context.Context, id int64) error {
	now := d.now().UTC()
	res, err := d.read().exec(ctx, "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = '' WHERE id = ? AND state <> 'sent'", now, id)
	if err != nil {
		return d.mapError(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return d.mapError(err)
	} else if n == 0 {
		return dagang.Errorf(dagang.ECONFLICT, "pemberitahuan sudah terkirim", "the notification was already sent")
	}
	return nil
}

// MarkNotificationFailed records a failed attempt.
func (d *DB) MarkNotificationFailed(ctx context.Context, id int64, errText string, final bool) error {
	state := dagang.NotificationQueued
	if final {
		state = dagang.NotificationFailed
	}
	_, err := d.read().exec(ctx, "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ? WHERE id = ? AND state <> 'sent'", state, errText, id)
	return d.mapError(err)
}
