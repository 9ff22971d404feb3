package web_test

import (
	"encoding/json"
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// TestQueryChecks: an unknown filter value, a year out of range or a limit
// out of range is a 400 naming the parameter, on every route alike; a valid
// one is a 200.
func TestQueryChecks(t *testing.T) {
	e := newDemoEnv(t, nil)
	admin := login(t, e.srv, dagang.UserAdmin)
	bad := []struct{ url, field string }{
		{"/api/v1/deals?direction=nope", "direction"},
		{"/api/v1/deals?stage=nope", "stage"},
		{"/api/v1/deals?sort=nope", "sort"},
		{"/api/v1/deals?year=99999", "year"},
		{"/api/v1/reports/summary?year=99999", "year"},
		{"/api/v1/reports/deals?year=1200", "year"},
		{"/api/v1/events?year=-1", "year"},
		{"/api/v1/events?kind=party", "kind"},
		{"/api/v1/events?status=gone", "status"},
		{"/api/v1/targets?year=3000", "year"},
		{"/api/v1/statistics?year=20199", "year"},
		{"/api/v1/partners/rank?year=99999", "year"},
		{"/api/v1/commodities?stage=cooked", "stage"},
		{"/api/v1/businesses?size_class=raksasa", "size_class"},
		{"/api/v1/organisations?kind=club", "kind"},
		{"/api/v1/listings?kind=swap", "kind"},
		{"/api/v1/agreements?stage=dreaming", "stage"},
		{"/api/v1/users?role=king", "role"},
		{"/api/v1/events/1/participations?role=king", "role"},
		{"/api/v1/events/1/participations?status=maybe", "status"},
		{"/api/v1/events/1/meeting-requests?status=maybe", "status"},
		{"/api/v1/deals?limit=0", "limit"},
		{"/api/v1/deals?limit=1001", "limit"},
		{"/api/v1/businesses?limit=-5", "limit"},
		{"/api/v1/followups?limit=100000", "limit"},
		{"/api/v1/events/1/suggestions?limit=101", "limit"},
	}
	for _, tt := range bad {
		status, body := call(t, admin, "GET", e.srv.URL+tt.url, "")
		var env struct {
			Error struct {
				Fields []struct{ Field string } `json:"fields"`
			} `json:"error"`
		}
		json.Unmarshal([]byte(body), &env)
		var fields []string
		for _, f := range env.Error.Fields {
			fields = append(fields, f.Field)
		}
		if status != 400 || !cmp.Equal(fields, []string{tt.field}) {
			t.Errorf("GET %s = %d %v, want 400 naming %s: %.200s", tt.url, status, fields, tt.field, body)
		}
	}
	for _, url := range []string{"/api/v1/deals?direction=sell&stage=loi&year=2019&limit=1000", "/api/v1/reports/summary?year=2019",
		"/api/v1/events/1/suggestions?limit=100", "/api/v1/listings?kind=offer", "/api/v1/users?role=staff"} {
		if status, body := call(t, admin, "GET", e.srv.URL+url, ""); status != 200 {
			t.Errorf("GET %s = %d: %.200s", url, status, body)
		}
	}
	// Pages read their filters through the same checks.
	if status, _ := call(t, admin, "GET", e.srv.URL+"/deals?direction=nope", ""); status != 400 {
		t.Errorf("GET /deals?direction=nope = %d, want 400", status)
	}
}
