package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/dagang/dagang"
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
