package web

import (
	"net/http"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/notify"
)

// outboxItem is a notification with its text in the recipient's language
// and the WhatsApp click-to-chat link staff send it with by hand.
type outboxItem struct {
	dagang.Notification
	Subject      string `json:"subject"`
	Body         string `json:"body"`
	Link         string `json:"link,omitempty"`
	WhatsAppLink string `json:"whatsapp_link,omitempty"`
}

// outboxStates and outboxKinds are the filters of the outbox.
var (
	outboxStates = []dagang.NotificationState{dagang.NotificationQueued, dagang.NotificationSent, dagang.NotificationFailed, dagang.NotificationNoEmail}
	validState   = func(s dagang.NotificationState) bool { return oneOf(enumOf(outboxStates))(string(s)) }
	validKind    = func(k dagang.NotificationKind) bool { return oneOf(enumOf(dagang.NotificationKinds))(string(k)) }
)

// outbox reads the outbox filter from the query and renders each item.
func (s *Server) outboxItems(r *http.Request, p *params, opt dagang.ListOptions) ([]outboxItem, int, error) {
	f := dagang.NotificationFilter{ListOptions: opt, OfficeID: officeOf(r.Context()), State: enum(p, "state", validState), Kind: enum(p, "kind", validKind)}
	if err := p.v.Err(); err != nil {
		return nil, 0, err
	}
	ns, total, err := s.outbox.FindNotifications(r.Context(), f)
	if err != nil {
		return nil, 0, err
	}
	items := make([]outboxItem, 0, len(ns))
	for _, n := range ns {
		m := notify.Render(n, s.cfg.BaseURL)
		items = append(items, outboxItem{Notification: *n, Subject: m.Subject, Body: m.Body, Link: m.Link, WhatsAppLink: m.WhatsApp})
	}
	return items, total, nil
}

func (s *Server) handleOutboxAPI(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	opt := p.list()
	items, total, err := s.outboxItems(r, p, opt)
	if err != nil {
		return err
	}
	opt = opt.Normalize()
	writeJSON(w, http.StatusOK, page[outboxItem]{Items: items, Total: total, Offset: opt.Offset, Limit: opt.Limit})
	return nil
}

// outboxPage is the data of the outbox page.
type outboxPage struct {
	List   *listView
	Items  []outboxItem
	States []option
	Kinds  []option
	// Mail: notifications are sent by e-mail (DAGANG_SMTP_URL is set).
	Mail bool
}

func (s *Server) handleOutbox(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	lv := readList(r, p)
	items, total, err := s.outboxItems(r, p, lv.Opt)
	if err != nil {
		return err
	}
	lv.Total = total
	d := outboxPage{List: lv, Items: items, Mail: s.cfg.Mail, States: []option{{"", translate(lv.lang, "Semua status")}}, Kinds: []option{{"", translate(lv.lang, "Semua jenis")}}}
	for _, st := range outboxStates {
		d.States = append(d.States, option{string(st), translate(lv.lang, outboxLabels[string(st)])})
	}
	for _, k := range dagang.NotificationKinds {
		d.Kinds = append(d.Kinds, option{string(k), translate(lv.lang, outboxLabels[string(k)])})
	}
	s.renderPage(w, r, http.StatusOK, "outbox", d)
	return nil
}

// outboxLabels names the states and kinds of notifications.
var outboxLabels = map[string]string{
	"queued": "menunggu dikirim", "sent": "terkirim", "failed": "gagal", "no_email": "tanpa e-mail (WhatsApp saja)",
	"application_decided": "Keputusan pendaftaran", "meeting_requested": "Permintaan pertemuan", "meeting_answered": "Jawaban permintaan pertemuan",
	"agenda_published": "Agenda terbit atau berubah", "deal_confirm": "Konfirmasi transaksi", "deal_unconfirmed": "Transaksi belum dikonfirmasi",
	"followup_due": "Laporan realisasi jatuh tempo", "email_verify": "Verifikasi e-mail", "registration_decided": "Keputusan pendaftaran mandiri",
}

// OutboxLabel names a state or kind of notification in the page's language.
func (p pageData) OutboxLabel(s string) string {
	if l, ok := outboxLabels[s]; ok {
		return p.T(l)
	}
	return s
}
