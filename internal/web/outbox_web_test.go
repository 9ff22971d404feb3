package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/jobs"
	"github.com/dagang/dagang/internal/notify"
	"github.com/dagang/dagang/internal/smtptest"
	"github.com/dagang/dagang/internal/web"
)

// TestOutboxPage: staff see every notification, sent or waiting, in the
// recipient's language with its WhatsApp click-to-chat link, on the page
// and in the API; without SMTP the page says messages wait there.
func TestOutboxPage(t *testing.T) {
	e := newDemoEnv(t, func(c *web.Config) { c.BaseURL = "https://dagang.example.go.id" })
	ctx := context.Background()
	en := &dagang.Notification{OfficeID: e.story.Office.ID, Kind: dagang.NotifyFollowUpDue, Lang: "en", ToName: "Siti", ToEmail: "siti@kemiri.example",
		ToWhatsApp: "6281234567890", Params: map[string]string{"deal_id": "7", "months": "3", "due": "2019-06-04", "path": "/deals/7"}}
	id := &dagang.Notification{OfficeID: e.story.Office.ID, Kind: dagang.NotifyApplicationDecided, Lang: "id", ToName: "CV Kemiri", ToWhatsApp: "6281298765432",
		Params: map[string]string{"event": "Temu Bisnis Balikpapan", "business": "CV Kemiri", "decision": "selected", "path": "/events/1"}}
	for _, n := range []*dagang.Notification{en, id} {
		if err := e.db.EnqueueNotification(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	staff := login(t, e.srv, dagang.UserStaff)
	code, page := call(t, staff, "GET", e.srv.URL+"/outbox", "")
	if code != http.StatusOK {
		t.Fatalf("page: %d %.300s", code, page)
	}
	page = html.UnescapeString(page)
	for _, want := range []string{"Pesan Keluar", "DAGANG_SMTP_URL", "Follow-up report due: deal #7", "Pendaftaran diterima: Temu Bisnis Balikpapan",
		"https://wa.me/6281234567890?text=Follow-up%20report%20due", "https://wa.me/6281298765432?text=Pendaftaran%20diterima", "menunggu dikirim", "tanpa e-mail (WhatsApp saja)",
		"https://dagang.example.go.id/deals/7"} {
		if !strings.Contains(page, want) {
			t.Errorf("outbox page lacks %q", want)
		}
	}
	if code, page = call(t, staff, "GET", e.srv.URL+"/outbox?lang=en&state=no_email", ""); code != http.StatusOK || !strings.Contains(page, "no e-mail (WhatsApp only)") || strings.Contains(page, "Follow-up report due: deal #7") {
		t.Errorf("english, WhatsApp only: %d %.300s", code, page)
	}
	code, out := call(t, staff, "GET", e.srv.URL+"/api/v1/outbox?kind=followup_due", "")
	var l struct {
		Items []struct {
			ID           int64  `json:"id"`
			Subject      string `json:"subject"`
			Body         string `json:"body"`
			WhatsAppLink string `json:"whatsapp_link"`
			State        string `json:"state"`
		}
		Total int
	}
	if code != http.StatusOK || json.Unmarshal([]byte(out), &l) != nil || l.Total != 1 || l.Items[0].ID != en.ID {
		t.Fatalf("api: %d %.300s", code, out)
	}
	if it := l.Items[0]; it.Subject != "Follow-up report due: deal #7" || !strings.Contains(it.Body, "4 June 2019") || !strings.HasPrefix(it.WhatsAppLink, "https://wa.me/6281234567890?text=") || it.State != "queued" {
		t.Errorf("api item: %+v", it)
	}
	if code, out = call(t, staff, "GET", e.srv.URL+"/api/v1/outbox?state=lost", ""); code != http.StatusBadRequest || !strings.Contains(out, `"state"`) {
		t.Errorf("unknown state: %d %s", code, out)
	}

	// A WhatsApp number is a field of the business and the partner
	// organisation, normalised to 62…; anything else is refused naming it.
	var b *dagang.Business
	var o *dagang.Organisation
	for _, x := range e.story.Businesses {
		b = x
	}
	for _, x := range e.story.Orgs {
		o = x
	}
	code, out = call(t, staff, "PATCH", fmt.Sprintf("%s/api/v1/businesses/%d", e.srv.URL, b.ID), `{"whatsapp": "0812-3456-7890"}`)
	if code != http.StatusOK || !strings.Contains(out, `"whatsapp": "6281234567890"`) {
		t.Errorf("business WhatsApp: %d %s", code, out)
	}
	code, out = call(t, staff, "PATCH", fmt.Sprintf("%s/api/v1/organisations/%d", e.srv.URL, o.ID), `{"whatsapp": "+62 21 555 1234"}`)
	if code != http.StatusBadRequest || !strings.Contains(out, `"field": "whatsapp"`) {
		t.Errorf("landline as WhatsApp: %d %s", code, out)
	}
}

// TestConfirmationMailLink: a deal recorded through the API asks its
// counterpart by e-mail; the link in the message, as a mail client reads
// it, opens the deal on the server and takes the answer.
func TestConfirmationMailLink(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	smtp := smtptest.Start(t)
	// A partner without an account of its own: the message goes to its
	// contact (the demo's counterpart account would receive it instead).
	var org *dagang.Organisation
	for _, k := range slices.Sorted(maps.Keys(e.story.Orgs)) {
		if k != demo.DemoCounterpart {
			org = e.story.Orgs[k]
			break
		}
	}
	if code, out := call(t, staff, "PATCH", fmt.Sprintf("%s/api/v1/organisations/%d", e.srv.URL, org.ID), `{"email": "mitra@jagung.example", "contact_name": "Pak Budi"}`); code != http.StatusOK {
		t.Fatalf("organisation: %d %s", code, out)
	}
	var biz *dagang.Business
	for _, b := range e.story.Businesses {
		biz = b
		break
	}
	var com int64
	for _, c := range e.story.Commodities {
		com = c.ID
		break
	}
	body := fmt.Sprintf(`{"direction": "sell", "business_id": %d, "counterpart_id": %d, "commodity_id": %d, "value_idr": 250000000, "stage": "indication", "deal_date": "2019-07-15", "force": true}`, biz.ID, org.ID, com)
	if code, out := call(t, staff, "POST", e.srv.URL+"/api/v1/deals", body); code != http.StatusCreated {
		t.Fatalf("deal: %d %s", code, out)
	}
	m, err := notify.ParseSMTPURL(smtp.URL())
	if err != nil {
		t.Fatal(err)
	}
	m.TLS = smtp.TLS()
	r := &jobs.Runner{Queue: e.db, Handlers: map[string]jobs.Handler{dagang.JobSendNotification: (&notify.Sender{Outbox: e.db, Mailer: m, Base: e.srv.URL}).Handler()}}
	// The demo's outbox holds other messages (the open call's e-mails to
	// confirm): send until the partner's has gone.
	var msgs []*smtptest.Message
	for len(msgs) == 0 {
		if ok, err := r.RunOne(context.Background()); !ok || err != nil {
			t.Fatalf("no message to mitra@jagung.example sent: %v", err)
		}
		for _, m := range smtp.Messages() {
			if m.To == "mitra@jagung.example" {
				msgs = append(msgs, m)
			}
		}
	}
	link := regexp.MustCompile(`http://\S+/konfirmasi\?token=\S+`).FindString(msgs[0].Text)
	if !strings.HasPrefix(link, e.srv.URL) {
		t.Fatalf("no link to the server in:\n%s", msgs[0].Text)
	}
	res, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), html.EscapeString(biz.Name)) {
		t.Fatalf("the link opens %d:\n%.400s", res.StatusCode, page)
	}
	token := link[strings.Index(link, "token=")+len("token="):]
	code, out := call(t, &http.Client{}, "POST", e.srv.URL+"/api/v1/confirmations/"+token, `{"answer": "confirmed", "note": "Setuju"}`)
	if code != http.StatusOK || !strings.Contains(out, `"confirmation": "confirmed"`) {
		t.Errorf("answer through the link: %d %s", code, out)
	}
}
