package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/dagang/dagang"
)

// TestDealPage: the page of one deal shows it in words to the office, to
// its own business and to its own counterpart. Another party's deal is
// answered by the route's scope as an unknown deal is (404, as on
// /api/v1/deals/{id}, without a word of the deal).
func TestDealPage(t *testing.T) {
	e := newDemoEnv(t, nil)
	base := e.srv.URL
	staff := login(t, e.srv, dagang.UserStaff)
	lead := login(t, e.srv, dagang.UserLeadership)
	biz := login(t, e.srv, dagang.UserBusiness)
	cp := login(t, e.srv, dagang.UserCounterpart)

	ids := func(c *http.Client) map[int64]bool {
		t.Helper()
		code, out := call(t, c, "GET", base+"/api/v1/deals?limit=500", "")
		var l struct{ Items []dagang.Deal }
		if code != http.StatusOK || json.Unmarshal([]byte(out), &l) != nil || len(l.Items) == 0 {
			t.Fatalf("deal list: %d %.200s", code, out)
		}
		m := map[int64]bool{}
		for _, d := range l.Items {
			m[d.ID] = true
		}
		return m
	}
	all, ownBiz, ownCp := ids(staff), ids(biz), ids(cp)
	pick := func(in, notIn map[int64]bool) int64 {
		for id := range in {
			if !notIn[id] {
				return id
			}
		}
		t.Fatal("no deal found")
		return 0
	}
	bizDeal, cpDeal := pick(ownBiz, nil), pick(ownCp, nil)
	notBiz, notCp := pick(all, ownBiz), pick(all, ownCp)

	// A change recorded by staff shows in the history in words.
	if code, out := call(t, staff, "PATCH", fmt.Sprintf("%s/api/v1/deals/%d", base, bizDeal), `{"value_idr": 900000000000, "note": "Kontrak ditandatangani"}`); code != http.StatusOK {
		t.Fatalf("update: %d %s", code, out)
	}
	if code, out := call(t, staff, "POST", fmt.Sprintf("%s/api/v1/deals/%d/realisations", base, bizDeal), `{"reported_on": "2019-08-10", "paid_text": "Rp500 juta", "delivered_volume": 3}`); code != http.StatusCreated {
		t.Fatalf("realisation: %d %s", code, out)
	}
	code, page := call(t, staff, "GET", fmt.Sprintf("%s/deals/%d", base, bizDeal), "")
	if code != http.StatusOK {
		t.Fatalf("staff: %d %.300s", code, page)
	}
	for _, want := range []string{"Rincian transaksi", "Rp900.000.000.000", "Nilai transaksi (Rp):", "→ Rp900.000.000.000", "Catatan:", "→ Kontrak ditandatangani", "Realisasi", "10 Agustus 2019", "Rp500.000.000", "Nilai terbayar: Rp500.000.000", "Tanggal laporan: 10 Agustus 2019", "Riwayat", `id="deal-confirmation"`} {
		if !strings.Contains(page, want) {
			t.Errorf("staff page lacks %q", want)
		}
	}
	for _, code := range []string{"value_idr", "office_id", "paid_idr", "delivered_volume", "deal_id", ">sell<", ">contract<"} {
		if strings.Contains(page, code) {
			t.Errorf("staff page shows the code %q", code)
		}
	}
	if code, page = call(t, staff, "GET", fmt.Sprintf("%s/deals/%d?lang=en", base, bizDeal), ""); code != http.StatusOK || !strings.Contains(page, "Deal details") {
		t.Errorf("english: %d, want 200 with the heading %q:\n%.300s", code, "Deal details", page)
	}

	tests := []struct {
		name   string
		client *http.Client
		id     string
		want   int
	}{
		{"leadership reads any", lead, fmt.Sprint(notBiz), http.StatusOK},
		{"business own", biz, fmt.Sprint(bizDeal), http.StatusOK},
		{"business another's", biz, fmt.Sprint(notBiz), http.StatusNotFound},
		{"counterpart own", cp, fmt.Sprint(cpDeal), http.StatusOK},
		{"counterpart another's", cp, fmt.Sprint(notCp), http.StatusNotFound},
		{"business unknown id", biz, "999999", http.StatusNotFound},
		{"unknown id", staff, "999999", http.StatusNotFound},
		{"bad id", staff, "abc", http.StatusBadRequest},
		{"zero id", staff, "0", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, page := call(t, tt.client, "GET", base+"/deals/"+tt.id, "")
			if code != tt.want {
				t.Errorf("GET /deals/%s: %d, want %d", tt.id, code, tt.want)
			}
			if code != http.StatusOK && (strings.Contains(page, "Rincian transaksi") || strings.Contains(page, "deal-facts")) {
				t.Errorf("GET /deals/%s: refused but shows the deal", tt.id)
			}
		})
	}
}

// TestDealLinksOpenTheDealPage: every link to a single deal (the report's
// follow-ups, the deal list, the audit page) opens a page that answers 200.
func TestDealLinksOpenTheDealPage(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	link := regexp.MustCompile(`href="(/deals/\d+)"`)
	for _, path := range []string{"/laporan", "/deals", "/audit?entity=deal"} {
		code, page := call(t, staff, "GET", e.srv.URL+path, "")
		if code != http.StatusOK {
			t.Fatalf("%s: %d", path, code)
		}
		m := link.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s links to no deal", path)
			continue
		}
		if code, _ := call(t, staff, "GET", e.srv.URL+m[1], ""); code != http.StatusOK {
			t.Errorf("%s: link %s answers %d", path, m[1], code)
		}
	}
}

// dealPhoneFlow opens the page of a deal as its counterpart and as staff
// on a 390 px phone: the facts, realisations and history fit the width.
func (b *browser) dealPhoneFlow(t *testing.T) {
	for _, role := range []dagang.UserRole{dagang.UserStaff, dagang.UserCounterpart} {
		ctx := b.tab(t, role)
		path := "/deals/1"
		if role == dagang.UserCounterpart {
			// The counterpart's first deal, from its own list.
			b.run(t, ctx, "open the deal list", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
				chromedp.Navigate(b.url+"/deals"), chromedp.WaitVisible(css("table.deals")))
			path = get(t, b, ctx, "first deal link", chromedp.Evaluate[string](`document.querySelector('table.deals a[href^="/deals/"]').getAttribute("href")`))
		}
		b.run(t, ctx, "open "+path, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
			chromedp.Navigate(b.url+path), chromedp.WaitVisible(css("#deal-history")))
		if w := get(t, b, ctx, "document width", chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
			t.Errorf("%s as %s is %d px wide on a 390 px phone", path, role, w)
		}
	}
}
