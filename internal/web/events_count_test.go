package web_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

var (
	dashboardEvents = regexp.MustCompile(`id="tile-events">(\d+)<`)
	reportEvents    = regexp.MustCompile(`id="report-events"[^>]*>(\d+) kegiatan dengan transaksi<`)
	summaryEvents   = regexp.MustCompile(`"events": (\d+)`)
)

// TestEventCountsAgree checks that the dashboard, the report and the
// summary API show one figure for "how many events": the events with at
// least one deal (dagang.EventsWithDeals), also after a deal is recorded
// on an event that is still open for registration.
func TestEventCountsAgree(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	counts := func(year string) []string {
		t.Helper()
		var got []string
		for _, c := range []struct {
			path string
			re   *regexp.Regexp
		}{{"/?year=" + year, dashboardEvents}, {"/laporan?year=" + year, reportEvents}, {"/api/v1/reports/summary?year=" + year, summaryEvents}} {
			res, err := staff.Get(e.srv.URL + c.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			m := c.re.FindSubmatch(body)
			if res.StatusCode != http.StatusOK || m == nil {
				t.Fatalf("%s: status %d, no event count matching %s", c.path, res.StatusCode, c.re)
			}
			got = append(got, string(m[1]))
		}
		return got
	}
	check := func(when, year, want string) {
		t.Helper()
		if diff := cmp.Diff([]string{want, want, want}, counts(year)); diff != "" {
			t.Errorf("%s, year %q: dashboard, report, API event counts (-want +got):\n%s", when, year, diff)
		}
	}
	check("demo data", "", "3")
	check("demo data", "2016", "1")
	check("demo data", "2019", "0")

	s := e.story
	body := fmt.Sprintf(`{"event_id": %d, "direction": "sell", "business_id": %d, "counterpart_id": %d, "commodity_id": %d, "volume": 10, "unit": "ton",
		"value_text": "Rp1,5 miliar", "stage": "indication", "deal_date": "2019-07-10"}`,
		s.Mission2019.ID, s.Businesses["c6"].ID, s.Orgs["kaltim1"].ID, s.Commodities["beras"].ID)
	if code, out := call(t, staff, "POST", e.srv.URL+"/api/v1/deals", body); code != http.StatusCreated {
		t.Fatalf("record a deal on the 2019 event: %d %s", code, out)
	}
	check("a deal on the open 2019 event", "", "4")
	check("a deal on the open 2019 event", "2019", "1")
}
