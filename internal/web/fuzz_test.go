package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// fuzzLists are the lists whose query parameters (filters, paging, sort,
// search) are fuzzed.
var fuzzLists = []string{
	"/api/v1/deals", "/api/v1/businesses", "/api/v1/organisations", "/api/v1/agreements", "/api/v1/events", "/api/v1/audit",
	"/api/v1/listings", "/api/v1/declarations", "/api/v1/targets", "/api/v1/commodities", "/api/v1/statistics", "/api/v1/followups",
	"/api/v1/reports/deals", "/api/v1/reports/summary", "/api/v1/partners/rank", "/api/v1/delegation/simulate",
	"/deals", "/businesses", "/events", "/agreements", "/audit", "/laporan", "/partners/rank", "/reach", "/commodities", "/",
}

// FuzzListQuery sends arbitrary query strings to the lists, pages and
// reports of the API and the pages, as staff: the answer is never a 5xx
// (a bad filter is a 400 naming it).
func FuzzListQuery(f *testing.F) {
	e := newDemoEnv(f, nil)
	staff := login(f, e.srv, dagang.UserStaff)
	for i, q := range []string{
		"", "limit=5&offset=2&sort=-deal_date", "q=beras+jagung&year=2019", "sort=name;DROP+TABLE+deals", "limit=-1&offset=9223372036854775808",
		"year=dua&province_code=%27+OR+1%3D1", "q=%22*+AND+(", "stage=%3Cscript%3E&direction=x", "event_id=1&business_id=1&commodity_id=1",
		"format=csv&lang=en", "q=" + strings.Repeat("a", 600), "sort=,,,", "sort=-", "view=board&entity=deal&entity_id=1",
	} {
		f.Add(uint8(i), q)
	}
	f.Fuzz(func(t *testing.T, which uint8, query string) {
		path := fuzzLists[int(which)%len(fuzzLists)]
		req, err := http.NewRequest("GET", e.srv.URL+path+"?"+query, nil)
		if err != nil {
			return // not a URL a client could send
		}
		res, err := staff.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode >= 500 {
			t.Fatalf("GET %s?%s: %d\n%.500s", path, query, res.StatusCode, b)
		}
	})
}
