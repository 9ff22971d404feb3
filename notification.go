package dagang

import (
	"context"
	"net/url"
	"strings"
	"time"
)

// NotificationKind names what a notification tells.
type NotificationKind string

// Notification kinds.
const (
	NotifyApplicationDecided NotificationKind = "application_decided" // a business's application was accepted or rejected
	NotifyMeetingRequested   NotificationKind = "meeting_requested"   // a participant asks to meet the recipient
	NotifyMeetingAnswered    NotificationKind = "meeting_answered"    // the recipient's request was accepted or declined
	NotifyAgendaPublished    NotificationKind = "agenda_published"    // the recipient's agenda is new or changed (with the .ics)
	NotifyDealConfirm        NotificationKind = "deal_confirm"        // a deal awaits the counterpart's confirmation (with a link)
	NotifyDealUnconfirmed    NotificationKind = "deal_unconfirmed"    // staff: the counterpart did not answer after every re-send
	NotifyFollowUpDue        NotificationKind = "followup_due"        // a business's follow-up report of a deal is due
	NotifyEmailVerify        NotificationKind = "email_verify"        // confirm an e-mail address (with a link)
	// A self-registration of an open call was approved, merged with a
	// recorded business, or rejected (with the reason).
	NotifyRegistrationDecided NotificationKind = "registration_decided"
)

// NotificationKinds lists every kind.
var NotificationKinds = []NotificationKind{NotifyApplicationDecided, NotifyMeetingRequested, NotifyMeetingAnswered,
	NotifyAgendaPublished, NotifyDealConfirm, NotifyDealUnconfirmed, NotifyFollowUpDue, NotifyEmailVerify, NotifyRegistrationDecided}

// JobSendNotification is the kind of the job that sends one
// notification of the outbox (payload {"outbox_id": N}).
const JobSendNotification = "outbox.send"

// The reminders that run later through the one job queue.
const (
	// JobConfirmResend re-sends a deal's confirmation request once its
	// link has expired (payload {"deal_id", "token_id", "round"}).
	JobConfirmResend = "deal.confirm.resend"
	// JobFollowUps reminds businesses of the follow-up reports falling
	// due, once a day per office.
	JobFollowUps = "followup.remind"
)

// NotificationState is where a notification is on its way out.
type NotificationState string

// Notification states.
const (
	NotificationQueued  NotificationState = "queued"   // waiting for the sender (or for SMTP to be set up)
	NotificationSent    NotificationState = "sent"     // the mail server accepted it
	NotificationFailed  NotificationState = "failed"   // the mail server refused it for good
	NotificationNoEmail NotificationState = "no_email" // the recipient has no e-mail address: WhatsApp only
)

// Notification is one message of the outbox: stored in the same
// transaction as the change that caused it, then sent by e-mail by the
// job runner (one job per message) and offered to staff as a WhatsApp
// click-to-chat link with the same text. The text is rendered from Kind
// and Params in Lang when it is sent or shown.
type Notification struct {
	ID       int64            `json:"id"`
	OfficeID int64            `json:"office_id"`
	Kind     NotificationKind `json:"kind"`
	Lang     string           `json:"lang"` // "id" or "en": the recipient's
	ToName   string           `json:"to_name,omitempty"`
	ToEmail  string           `json:"to_email,omitempty"`
	// ToWhatsApp is the recipient's WhatsApp number as 62…, when known.
	ToWhatsApp string `json:"to_whatsapp,omitempty"`
	// Params are the values the text is made of (names, dates, a link's
	// path); every kind documents its own in internal/notify.
	Params map[string]string `json:"params"`
	// Attachment (an agenda's .ics) as it was when the message was queued.
	AttachmentName string            `json:"attachment_name,omitempty"`
	AttachmentType string            `json:"attachment_type,omitempty"`
	Attachment     []byte            `json:"-"`
	State          NotificationState `json:"state"`
	Attempts       int               `json:"attempts"`
	LastError      string            `json:"last_error,omitempty"`
	// Key, when set, makes a second notification with the same key (in
	// the same office) the first one: a reminder is queued once.
	Key       string    `json:"idempotency_key,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	SentAt    time.Time `json:"sent_at,omitzero"`
}

// Validate checks the notification's fields.
func (n *Notification) Validate() error {
	var v Validation
	known := false
	for _, k := range NotificationKinds {
		known = known || k == n.Kind
	}
	v.Check(known, "kind", "jenis pemberitahuan tidak dikenal", "unknown notification kind")
	v.Check(n.Lang == "id" || n.Lang == "en", "lang", "bahasa harus id atau en", "language must be id or en")
	v.Check(n.ToEmail != "" || n.ToWhatsApp != "", "to_email", "penerima butuh alamat e-mail atau nomor WhatsApp", "the recipient needs an e-mail address or a WhatsApp number")
	v.Line("to_name", n.ToName)
	v.Line("to_email", n.ToEmail)
	if n.ToWhatsApp != "" {
		w, err := NormalizeWhatsApp(n.ToWhatsApp)
		v.Check(err == nil && w == n.ToWhatsApp, "to_whatsapp", "nomor WhatsApp harus berbentuk 62…", "WhatsApp number must look like 62…")
	}
	return v.Err()
}

// NotificationFilter selects notifications.
type NotificationFilter struct {
	ListOptions
	OfficeID int64
	State    NotificationState
	Kind     NotificationKind
}

// OutboxService keeps the outbox. A service that causes a notification
// queues it inside its own transaction (the store's notify); this
// interface is for messages that follow no other write, and for the
// sender and the pages.
type OutboxService interface {
	// EnqueueNotification stores n (queued, or no_email without an
	// address) with its send job; a notification with the same office and
	// Key is not stored twice: n becomes the one stored.
	EnqueueNotification(ctx context.Context, n *Notification) error
	FindNotificationByID(ctx context.Context, id int64) (*Notification, error)
	FindNotifications(ctx context.Context, f NotificationFilter) ([]*Notification, int, error)
	// MarkNotificationSent records that the mail server accepted it;
	// ECONFLICT when it was already marked sent.
	MarkNotificationSent(ctx context.Context, id int64) error
	// MarkNotificationFailed records a failed attempt; final marks it
	// failed for good.
	MarkNotificationFailed(ctx context.Context, id int64, errText string, final bool) error
}

// NormalizeWhatsApp turns an Indonesian mobile number as people write it
// (0812-3456-7890, +62 812 3456 7890, 62812…, 812…) into the 62… form
// wa.me links take. Only Indonesian mobile numbers (62 8…, 10–15 digits
// in all) are WhatsApp numbers here; anything else is EINVALID.
func NormalizeWhatsApp(s string) (string, error) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		case r == '+' && i == 0:
		default:
			return "", whatsappError
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "62"):
	case strings.HasPrefix(d, "0"):
		d = "62" + d[1:]
	case strings.HasPrefix(d, "8"):
		d = "62" + d
	}
	if !strings.HasPrefix(d, "628") || len(d) < 10 || len(d) > 15 {
		return "", whatsappError
	}
	return d, nil
}

var whatsappError = &Error{Code: EINVALID, Message: "nomor WhatsApp harus nomor ponsel Indonesia, misalnya 0812-3456-7890 atau +62 812 3456 7890",
	MessageEN: "WhatsApp number must be an Indonesian mobile number, e.g. 0812-3456-7890 or +62 812 3456 7890",
	Fields: []FieldError{{Field: "whatsapp", Message: "nomor WhatsApp harus nomor ponsel Indonesia, misalnya 0812-3456-7890",
		MessageEN: "WhatsApp number must be an Indonesian mobile number, e.g. 0812-3456-7890"}}}

// WhatsAppLink is the click-to-chat link that opens a chat with number
// (62…) and text typed in: https://wa.me/62…?text=…
func WhatsAppLink(number, text string) string {
	if number == "" {
		return ""
	}
	return "https://wa.me/" + number + "?text=" + waText(text)
}

// WhatsAppShareLink opens WhatsApp with text typed in, for the user to
// choose the chats or groups to send it to: https://wa.me/?text=…
func WhatsAppShareLink(text string) string { return "https://wa.me/?text=" + waText(text) }

// waText escapes a message for a wa.me link. QueryEscape writes a space
// as "+", which WhatsApp shows as a plus.
func waText(text string) string { return strings.ReplaceAll(url.QueryEscape(text), "+", "%20") }
