package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
)

// send makes a request with a JSON body and headers and returns the
// response with its body read.
func send(t *testing.T, c *http.Client, method, url, body string, header ...string) (*http.Response, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(b)
}

// TestConcurrentPatchesKeepBothChanges sends 100 pairs of PATCHes of
// different fields of one record at the same moment, without If-Match:
// every pair must keep both changes (the lost update of issue 16), on a
// deal and on a business.
func TestConcurrentPatchesKeepBothChanges(t *testing.T) {
	eachDemoEnv(t, "the concurrent PATCH test", func(t *testing.T, e *demoEnv) {
		staff := login(t, e.srv, dagang.UserStaff)
		deals, _, err := e.db.FindDeals(t.Context(), dagang.DealFilter{OfficeID: e.story.Office.ID})
		if err != nil || len(deals) == 0 {
			t.Fatalf("demo deals: %v %v", len(deals), err)
		}
		biz := e.story.Businesses["d1"].ID
		type record struct {
			Version int64   `json:"version"`
			Note    string  `json:"note"`
			Volume  float64 `json:"volume"`
			Phone   string  `json:"phone"`
			Email   string  `json:"email"`
		}
		tests := []struct {
			name string
			path string
			a, b func(i int) string
			want func(i int) record
		}{
			{"deal", fmt.Sprintf("/api/v1/deals/%d", deals[0].ID),
				func(i int) string { return fmt.Sprintf(`{"note":"catatan %d"}`, i) },
				func(i int) string { return fmt.Sprintf(`{"volume":%d,"unit":"ton"}`, i+1) },
				func(i int) record { return record{Note: fmt.Sprintf("catatan %d", i), Volume: float64(i + 1)} }},
			{"business", fmt.Sprintf("/api/v1/businesses/%d", biz),
				func(i int) string { return fmt.Sprintf(`{"phone":"0511-%06d"}`, i) },
				func(i int) string { return fmt.Sprintf(`{"email":"u%d@banua.test"}`, i) },
				func(i int) record {
					return record{Phone: fmt.Sprintf("0511-%06d", i), Email: fmt.Sprintf("u%d@banua.test", i)}
				}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var before record
				_, body := send(t, staff, "GET", e.srv.URL+tt.path, "")
				if err := json.Unmarshal([]byte(body), &before); err != nil {
					t.Fatal(err)
				}
				lost := 0
				for i := range 100 {
					var wg sync.WaitGroup
					status := make([]int, 2)
					for k, body := range []string{tt.a(i), tt.b(i)} {
						wg.Add(1)
						go func() {
							defer wg.Done()
							res, _ := send(t, staff, "PATCH", e.srv.URL+tt.path, body)
							status[k] = res.StatusCode
						}()
					}
					wg.Wait()
					if status[0] != 200 || status[1] != 200 {
						t.Fatalf("pair %d: statuses %v", i, status)
					}
					var got record
					_, body := send(t, staff, "GET", e.srv.URL+tt.path, "")
					if err := json.Unmarshal([]byte(body), &got); err != nil {
						t.Fatal(err)
					}
					want := tt.want(i)
					want.Version = before.Version + 2*int64(i+1)
					if d := cmp.Diff(want, got); d != "" {
						lost++
						if lost <= 3 {
							t.Errorf("pair %d lost a change (-want +got):\n%s", i, d)
						}
					}
				}
				if lost > 0 {
					t.Errorf("%d of 100 pairs lost a change", lost)
				}
			})
		}
	})
}

// TestIfMatch checks the ETag of a record and the If-Match of PATCH,
// DELETE and state changes: of two changes made from the same version
// exactly one succeeds, the other is a 412 with the record as it is now.
func TestIfMatch(t *testing.T) {
	eachDemoEnv(t, "the If-Match test", func(t *testing.T, e *demoEnv) {
		staff := login(t, e.srv, dagang.UserStaff)
		deals, _, err := e.db.FindDeals(t.Context(), dagang.DealFilter{OfficeID: e.story.Office.ID})
		if err != nil || len(deals) < 2 {
			t.Fatalf("demo deals: %v %v", len(deals), err)
		}
		deal := fmt.Sprintf("%s/api/v1/deals/%d", e.srv.URL, deals[0].ID)
		res, body := send(t, staff, "GET", deal, "")
		tag := res.Header.Get("ETag")
		var d dagang.Deal
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf(`"%d"`, d.Version); tag != want || d.Version < 1 {
			t.Fatalf("ETag %s, want %s", tag, want)
		}

		var wg sync.WaitGroup
		statuses := make([]int, 2)
		bodies := make([]string, 2)
		for k, body := range []string{`{"note":"dari A"}`, `{"note":"dari B"}`} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, b := send(t, staff, "PATCH", deal, body, "If-Match", tag)
				statuses[k], bodies[k] = res.StatusCode, b
			}()
		}
		wg.Wait()
		ok, stale := 0, -1
		for k, s := range statuses {
			switch s {
			case 200:
				ok++
			case 412:
				stale = k
			}
		}
		if ok != 1 || stale < 0 {
			t.Fatalf("two PATCHes with one If-Match: %v, want one 200 and one 412\n%s\n%s", statuses, bodies[0], bodies[1])
		}
		var conflict struct {
			Error   struct{ Code string }
			Current dagang.Deal
		}
		if err := json.Unmarshal([]byte(bodies[stale]), &conflict); err != nil {
			t.Fatal(err)
		}
		winner := map[int]string{0: "dari B", 1: "dari A"}[stale]
		if conflict.Error.Code != dagang.ECONFLICT || conflict.Current.Version != d.Version+1 || conflict.Current.Note != winner {
			t.Errorf("412 body: %s", bodies[stale])
		}

		now := fmt.Sprintf(`"%d"`, d.Version+1)
		other := fmt.Sprintf("%s/api/v1/deals/%d", e.srv.URL, deals[1].ID)
		agreement := e.srv.URL + "/api/v1/agreements/1"
		tests := []struct {
			name, method, url, body, ifMatch string
			want                             int
			contains                         string
		}{
			{"malformed If-Match names the header", "PATCH", deal, `{"note":"x"}`, "3", 400, `"field": "If-Match"`},
			{"weak tags do not match", "PATCH", deal, `{"note":"x"}`, `W/"1"`, 400, `"field": "If-Match"`},
			{"stale stage move", "POST", deal + "/stage", `{"stage":"loi"}`, tag, 412, `"current"`},
			{"current stage move", "POST", deal + "/stage", `{"stage":"loi"}`, now, 200, `"stage": "loi"`},
			{"stale delete keeps the deal", "DELETE", other, "", `"99"`, 412, `"current"`},
			{"any version", "PATCH", deal, `{"note":"tanpa versi"}`, "*", 200, `"note": "tanpa versi"`},
			{"stale agreement stage", "POST", agreement + "/stage", `{"stage":"expired","on":"2021-01-01"}`, `"99"`, 412, `"current"`},
			{"stale agreement PATCH", "PATCH", agreement, `{"title":"x"}`, `"99"`, 412, `"current"`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res, body := send(t, staff, tt.method, tt.url, tt.body, "If-Match", tt.ifMatch)
				if res.StatusCode != tt.want || !strings.Contains(body, tt.contains) {
					t.Errorf("%s %s If-Match %s = %d, want %d with %s:\n%.1500s", tt.method, tt.url, tt.ifMatch, res.StatusCode, tt.want, tt.contains, body)
				}
				if tt.want == 412 && res.Header.Get("ETag") == "" {
					t.Error("412 without the record's ETag")
				}
			})
		}
		if res, _ := send(t, staff, "GET", other, ""); res.StatusCode != 200 {
			t.Errorf("deal deleted by a stale DELETE: %d", res.StatusCode)
		}
	})
}

var (
	formInputRE  = regexp.MustCompile(`<input type="(?:hidden|text|date|number|tel|email)"(?: id="[^"]*")? name="([^"]+)" value="([^"]*)"`)
	formSelectRE = regexp.MustCompile(`(?s)<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>`)
	selectedRE   = regexp.MustCompile(`<option value="([^"]*)" selected>`)
)

// postedBy reads the values a browser would post from a page's form.
func postedBy(page string) url.Values {
	v := url.Values{}
	for _, m := range formInputRE.FindAllStringSubmatch(page, -1) {
		v.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	for _, m := range formSelectRE.FindAllStringSubmatch(page, -1) {
		if s := selectedRE.FindStringSubmatch(m[2]); s != nil {
			v.Set(html.UnescapeString(m[1]), html.UnescapeString(s[1]))
		}
	}
	return v
}

// TestStaleEditPage edits an event on its page while someone else changes
// it through the API: a field only they changed is kept, a field both
// changed is shown with both values, and the user's choice is saved.
func TestStaleEditPage(t *testing.T) {
	eachDemoEnv(t, "the stale edit page test", func(t *testing.T, e *demoEnv) {
		staff := login(t, e.srv, dagang.UserStaff)
		other := login(t, e.srv, dagang.UserAdmin)
		id := e.story.Mission2019.ID
		page := fmt.Sprintf("%s/events/%d", e.srv.URL, id)
		api := fmt.Sprintf("%s/api/v1/events/%d", e.srv.URL, id)
		post := func(v url.Values) (int, string) {
			res, err := staff.PostForm(page, v)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			return res.StatusCode, string(b)
		}
		edit := func() url.Values {
			_, b := send(t, staff, "GET", page+"/edit", "")
			v := postedBy(b)
			if v.Get("version") == "" || v.Get("orig.name") == "" {
				t.Fatalf("edit form without its version and values: %v", v)
			}
			return v
		}
		patch := func(body string) {
			if res, b := send(t, other, "PATCH", api, body); res.StatusCode != 200 {
				t.Fatalf("PATCH %s: %d %s", body, res.StatusCode, b)
			}
		}
		stored := func() dagang.Event {
			var ev dagang.Event
			_, b := send(t, staff, "GET", api, "")
			if err := json.Unmarshal([]byte(b), &ev); err != nil {
				t.Fatal(err)
			}
			return ev
		}
		type fields struct{ Name, Venue string }

		// Both change the name, only they change the venue.
		v := edit()
		patch(`{"name":"Misi Dagang Kaltim (oleh admin)","venue":"Gedung Baru"}`)
		v.Set("name", "Misi Dagang Kaltim (oleh staf)")
		status, body := post(v)
		for _, want := range []string{"Isian Anda", "Tersimpan sekarang", `name="choose.name"`, "Misi Dagang Kaltim (oleh staf)", "Misi Dagang Kaltim (oleh admin)"} {
			if status != http.StatusConflict || !strings.Contains(body, want) {
				t.Fatalf("stale edit: %d, want 409 with %q:\n%.3000s", status, want, body)
			}
		}
		if strings.Contains(body, `name="choose.venue"`) {
			t.Error("the venue only the other person changed is shown as a conflict")
		}
		again := postedBy(body)
		if again.Get("venue") != "Gedung Baru" {
			t.Errorf("venue on the redrawn form = %q, want theirs", again.Get("venue"))
		}
		if d := cmp.Diff(fields{"Misi Dagang Kaltim (oleh admin)", "Gedung Baru"}, fields{stored().Name, stored().Venue}); d != "" {
			t.Errorf("a stale edit changed the event (-want +got):\n%s", d)
		}

		// The user keeps theirs.
		again.Set("choose.name", "theirs")
		if status, body := post(again); status != http.StatusSeeOther {
			t.Fatalf("save after choosing: %d\n%.2000s", status, body)
		}
		if d := cmp.Diff(fields{"Misi Dagang Kaltim (oleh admin)", "Gedung Baru"}, fields{stored().Name, stored().Venue}); d != "" {
			t.Errorf("after choosing theirs (-want +got):\n%s", d)
		}

		// Different fields merge without asking; the same field, the user's
		// choice of their own value wins.
		v = edit()
		patch(`{"quota_matching":77}`)
		v.Set("venue", "Aula Dinas")
		if status, body := post(v); status != http.StatusSeeOther {
			t.Fatalf("merge of different fields: %d\n%.2000s", status, body)
		}
		if ev := stored(); ev.Venue != "Aula Dinas" || ev.QuotaMatching != 77 {
			t.Errorf("after a merge: venue %q, quota %d", ev.Venue, ev.QuotaMatching)
		}
		v = edit()
		patch(`{"venue":"Hotel A"}`)
		v.Set("venue", "Hotel B")
		status, body = post(v)
		if status != http.StatusConflict {
			t.Fatalf("same field: %d", status)
		}
		again = postedBy(body)
		again.Set("choose.venue", "mine")
		if status, _ := post(again); status != http.StatusSeeOther {
			t.Fatalf("save choosing mine: %d", status)
		}
		if ev := stored(); ev.Venue != "Hotel B" {
			t.Errorf("after choosing mine: venue %q", ev.Venue)
		}
	})
}
