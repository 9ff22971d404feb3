package web_test

import (
	"encoding/json"
	"slices"
	"strings"
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
		{"/api/v1/audit?entity=nope", "entity"},
		{"/api/v1/audit?entity=document", "entity"},
		{"/api/v1/events/1/delegation?rotation_mode=sometimes", "rotation_mode"},
		{"/api/v1/delegation/simulate?rotation_mode=sometimes", "rotation_mode"},
		{"/api/v1/events/1/delegation?rotation_years=-1", "rotation_years"},
		{"/api/v1/delegation/simulate?years=101", "years"},
		{"/api/v1/delegation/simulate?years=0", "years"},
		{"/api/v1/imports/template?kind=deals&format=ods", "format"},
		{"/api/v1/reports/deals/export?format=doc", "format"},
		{"/api/v1/reports/deals/export?format=csv&personal=yes", "personal"},
	}
	for _, tt := range bad {
		status, body := call(t, admin, "GET", e.srv.URL+tt.url, "")
		fields := errorFields(body)
		if status != 400 || !cmp.Equal(fields, []string{tt.field}) {
			t.Errorf("GET %s = %d %v, want 400 naming %s: %.200s", tt.url, status, fields, tt.field, body)
		}
	}
	for _, url := range []string{"/api/v1/deals?direction=sell&stage=loi&year=2019&limit=1000", "/api/v1/reports/summary?year=2019",
		"/api/v1/events/1/suggestions?limit=100", "/api/v1/listings?kind=offer", "/api/v1/users?role=staff",
		"/api/v1/audit?entity=agreement_document", "/api/v1/events/1/delegation?rotation_mode=penalty", "/api/v1/imports/template?kind=deals&format=csv",
		"/api/v1/reports/deals/export?format=csv&personal=0"} {
		if status, body := call(t, admin, "GET", e.srv.URL+url, ""); status != 200 {
			t.Errorf("GET %s = %d: %.200s", url, status, body)
		}
	}
	// Pages read their filters through the same checks.
	for _, url := range []string{"/deals?direction=nope", "/audit?entity=nope", "/events/1/delegation?rotation_mode=sometimes", "/delegation/simulate?rotation_mode=sometimes"} {
		if status, _ := call(t, admin, "GET", e.srv.URL+url, ""); status != 400 {
			t.Errorf("GET %s = %d, want 400", url, status)
		}
	}
}

// errorFields are the fields an error answer names.
func errorFields(body string) []string {
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
	return fields
}

// TestQueryEnumsDocumented: every query parameter the OpenAPI document
// lists with a fixed set of values takes each of them and refuses any
// other with a 400 naming it, so the document and the checks agree.
func TestQueryEnumsDocumented(t *testing.T) {
	e := newDemoEnv(t, nil)
	admin := login(t, e.srv, dagang.UserAdmin)
	_, body := call(t, admin, "GET", e.srv.URL+"/api/openapi.json", "")
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name, In string
				Schema   struct {
					Enum []string
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for path, ops := range doc.Paths {
		op, ok := ops["get"]
		if !ok {
			continue
		}
		url := e.srv.URL + strings.ReplaceAll(path, "{id}", "1")
		for _, prm := range op.Parameters {
			if prm.In != "query" || len(prm.Schema.Enum) == 0 || prm.Name == "lang" {
				continue
			}
			checked++
			for _, v := range append(prm.Schema.Enum, "nope") {
				status, body := call(t, admin, "GET", url+"?"+prm.Name+"="+v, "")
				named := status == 400 && slices.Contains(errorFields(body), prm.Name)
				if named != (v == "nope") || status >= 500 {
					t.Errorf("GET %s?%s=%s = %d: %.200s", path, prm.Name, v, status, body)
				}
			}
		}
	}
	if checked < 15 {
		t.Errorf("only %d enum query parameters in the document", checked)
	}
}
