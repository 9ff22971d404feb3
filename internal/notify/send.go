package notify

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/jobs"
)

// MaxAttempts is how often a notification is tried before it is marked
// failed: with Backoff, over about a day and a half.
const MaxAttempts = 10

// Backoff is the pause after the attempt-th failed delivery: 1, 2, 4, …
// minutes, at most 6 hours.
func Backoff(attempt int) time.Duration {
	d := time.Minute << min(max(attempt-1, 0), 9)
	return min(d, 6*time.Hour)
}

// Retry is the job runner's policy for sending notifications.
var Retry = jobs.Retry{MaxAttempts: MaxAttempts, Backoff: Backoff}

// Sender sends the outbox's notifications by e-mail.
type Sender struct {
	Outbox dagang.OutboxService
	Mailer *Mailer
	// Base is the server's address as users reach it, for links.
	Base string
}

// Handler is the job handler of dagang.JobSendNotification. A message
// is sent once: a notification already marked sent is not sent again
// (a job re-run after its worker died between the two), and the mark
// is made right after the server accepted the message.
func (s *Sender) Handler() jobs.Handler {
	return func(ctx context.Context, j *dagang.Job, _ func(any)) (any, error) {
		var p struct {
			OutboxID int64 `json:"outbox_id"`
		}
		if err := json.Unmarshal(j.Payload, &p); err != nil || p.OutboxID == 0 {
			return nil, dagang.Errorf(dagang.EINVALID, "pekerjaan kirim tanpa outbox_id", "send job without outbox_id")
		}
		n, err := s.Outbox.FindNotificationByID(ctx, p.OutboxID)
		if err != nil {
			return nil, err
		}
		if n.State == dagang.NotificationSent {
			return map[string]any{"outbox_id": n.ID, "sent_at": n.SentAt}, nil
		}
		m := Render(n, s.Base)
		err = s.Mailer.Send(ctx, &Mail{To: n.ToEmail, ToName: n.ToName, Subject: m.Subject, Body: m.Body,
			MessageID: messageID(n.OfficeID, n.ID, s.Mailer.Host), AttachmentName: n.AttachmentName, AttachmentType: n.AttachmentType,
			Attachment: n.Attachment, Date: n.CreatedAt})
		var pe *PermanentError
		switch {
		case err == nil:
			if err := s.Outbox.MarkNotificationSent(context.WithoutCancel(ctx), n.ID); err != nil && dagang.ErrorCode(err) != dagang.ECONFLICT {
				return nil, err
			}
			return map[string]any{"outbox_id": n.ID}, nil
		case errors.As(err, &pe):
			s.Outbox.MarkNotificationFailed(context.WithoutCancel(ctx), n.ID, err.Error(), true)
			return nil, dagang.Errorf(dagang.EINVALID, "server e-mail menolak pesan: %s", "the mail server refused the message: %s", err)
		}
		if ctx.Err() == nil {
			s.Outbox.MarkNotificationFailed(context.WithoutCancel(ctx), n.ID, err.Error(), j.Attempts >= MaxAttempts)
		}
		return nil, err
	}
}
