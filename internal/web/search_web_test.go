package web_test

import (
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// TestSearchOverHTTP sends Indonesian words and query-syntax characters as
// q to every searchable list, as pages and as JSON: they list (200); text
// the web layer refuses (invalid UTF-8, over 500 characters) is a 400,
// never a 500.
func TestSearchOverHTTP(t *testing.T) {
	env := newDemoEnv(t, nil)
	staff := login(t, env.srv, dagang.UserStaff)
	paths := []string{"/businesses", "/deals", "/audit", "/api/v1/businesses", "/api/v1/organisations", "/api/v1/commodities",
		"/api/v1/events", "/api/v1/agreements", "/api/v1/deals", "/api/v1/audit"}
	for _, q := range []string{"penjualan beras", `"`, "*", "AND", "'", "-", "(", `beras" OR "x`, "'; DROP TABLE deals; --", "\xff", strings.Repeat("kata ", 300)} {
		want := 200
		if q == "\xff" || len(q) > 500 {
			want = 400
		}
		for _, p := range paths {
			res, err := staff.Get(env.srv.URL + p + "?q=" + url.QueryEscape(q))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != want {
				t.Errorf("GET %s?q=%.40q: status %d, want %d: %.200s", p, q, res.StatusCode, want, body)
			}
		}
	}
	res, err := staff.Get(env.srv.URL + "/api/v1/commodities?q=" + url.QueryEscape("beras"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), `"slug": "beras"`) && !strings.Contains(string(body), `"slug":"beras"`) {
		t.Errorf("commodities for beras: %.300s", body)
	}
}
