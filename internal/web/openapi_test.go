package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

func TestValidatorCatchesMismatches(t *testing.T) {
	doc := map[string]any{"components": map[string]any{"schemas": map[string]any{
		"T": map[string]any{"type": "object", "required": []any{"id"}, "additionalProperties": false, "properties": map[string]any{
			"id": map[string]any{"type": "integer"}, "tags": map[string]any{"type": []any{"array", "null"}, "items": map[string]any{"type": "string"}}}}}}}
	ref := map[string]any{"$ref": "#/components/schemas/T"}
	tests := []struct {
		json string
		errs int
	}{
		{`{"id": 1, "tags": ["a"]}`, 0},
		{`{"id": 1, "tags": null}`, 0},
		{`{"id": 1.5}`, 1},
		{`{"tags": []}`, 1},
		{`{"id": 1, "extra": true}`, 1},
		{`{"id": 1, "tags": [3]}`, 1},
		{`[]`, 1},
	}
	ref = map[string]any{"anyOf": []any{ref, map[string]any{"type": "null"}}}
	tests = append(tests, struct {
		json string
		errs int
	}{`null`, 0}, struct {
		json string
		errs int
	}{`"x"`, 1})
	for _, tt := range tests {
		var v any
		json.Unmarshal([]byte(tt.json), &v)
		if got := validate(doc, ref, v, "$"); len(got) != tt.errs {
			t.Errorf("%s: %v, want %d errors", tt.json, got, tt.errs)
		}
	}
	// An untyped answer is still held to snake_case keys, at any depth.
	for _, tt := range []struct {
		json string
		errs int
	}{{`{"a_b": [{"c": 1}]}`, 0}, {`{"BusinessID": 1}`, 1}, {`{"x": [{"PassedOver": []}]}`, 1}, {`{"date":"2019-02-30"}`, 0}} {
		var v any
		json.Unmarshal([]byte(tt.json), &v)
		if got := validate(doc, map[string]any{}, v, "$"); len(got) != tt.errs {
			t.Errorf("%s: %v, want %d errors", tt.json, got, tt.errs)
		}
	}
}

func TestOpenAPI(t *testing.T) {
	e := newDemoEnv(t, nil)
	res, err := http.Get(e.srv.URL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	// CI lints the document the server serves (.ci/run): it asks for a
	// copy with DAGANG_OPENAPI_OUT.
	if out := os.Getenv("DAGANG_OPENAPI_OUT"); out != "" {
		var pretty bytes.Buffer
		json.Indent(&pretty, raw, "", "  ")
		if err := os.WriteFile(out, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v", doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)

	// Every /api route is in the document, and nothing else.
	var routes, documented []string
	for _, r := range e.server.Routes() {
		if r.Method != "" && strings.HasPrefix(r.Pattern, "/api/") {
			routes = append(routes, r.Method+" "+r.Pattern)
		}
	}
	for p, ops := range paths {
		for m := range ops.(map[string]any) {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	sort.Strings(routes)
	sort.Strings(documented)
	if diff := cmp.Diff(routes, documented); diff != "" {
		t.Errorf("routes (-) and document (+) differ:\n%s", diff)
	}

	// Every operation's tag is one of the document's tags (a linter warns
	// of an undefined one).
	defined := map[string]bool{}
	for _, tg := range doc["tags"].([]any) {
		defined[tg.(map[string]any)["name"].(string)] = true
	}
	for p, ops := range paths {
		for m, op := range ops.(map[string]any) {
			for _, tg := range op.(map[string]any)["tags"].([]any) {
				if !defined[tg.(string)] {
					t.Errorf("%s %s: tag %q is not among the document's tags (apiTags)", m, p, tg)
				}
			}
		}
	}

	// Every key the document allows, in any schema, and every path and
	// query parameter is snake_case, whether or not a test receives it;
	// headers (If-Match) keep their HTTP names.
	for name, sc := range doc["components"].(map[string]any)["schemas"].(map[string]any) {
		for k := range sc.(map[string]any)["properties"].(map[string]any) {
			if !snakeCase.MatchString(k) {
				t.Errorf("schema %s: property %s is not snake_case", name, k)
			}
		}
	}
	for p, ops := range paths {
		for m, op := range ops.(map[string]any) {
			for _, prm := range op.(map[string]any)["parameters"].([]any) {
				if n := prm.(map[string]any)["name"].(string); prm.(map[string]any)["in"] != "header" && !snakeCase.MatchString(n) {
					t.Errorf("%s %s: parameter %s is not snake_case", m, p, n)
				}
			}
		}
	}

	// Every GET with a typed answer, fetched on the demo data as admin,
	// matches its schema; so does an error.
	admin := login(t, e.srv, dagang.UserAdmin)
	// The national view is for the national role alone.
	national := login(t, e.srv, dagang.UserNational)
	values := map[string]string{"/api/v1/provinces/{code}": "63", "/api/v1/regencies/{code}": "63.03"}
	checked := 0
	for p, ops := range paths {
		op, ok := ops.(map[string]any)["get"].(map[string]any)
		if !ok {
			continue
		}
		content, _ := op["responses"].(map[string]any)["200"].(map[string]any)["content"].(map[string]any)
		json200, _ := content["application/json"].(map[string]any)
		schema, ok := json200["schema"].(map[string]any)
		if !ok || len(schema) == 0 || strings.Contains(p, "{doc}") || strings.Contains(p, "{token}") || p == "/api/openapi.json" {
			continue
		}
		url := p
		if v, ok := values[p]; ok {
			url = strings.Replace(url, "{code}", v, 1)
		}
		url = strings.Replace(url, "{id}", "1", 1)
		if strings.Contains(url, "{") {
			t.Errorf("%s: no test value for its path parameters", p)
			continue
		}
		who := admin
		if p == "/api/v1/reports/national" {
			who = national
		}
		status, body := call(t, who, "GET", e.srv.URL+url, "")
		if status != 200 {
			if p == "/api/v1/statistics/{id}" {
				continue // the demo may hold no statistics
			}
			t.Errorf("GET %s = %d: %.300s", url, status, body)
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Errorf("GET %s: %v", url, err)
			continue
		}
		for _, e := range validate(doc, schema, v, "$") {
			t.Errorf("GET %s: %s", url, e)
		}
		checked++
	}
	if checked < 30 {
		t.Errorf("only %d answers validated", checked)
	}
	status, body := call(t, admin, "POST", e.srv.URL+"/api/v1/targets", `{"year":2030,"kind":"new_partners","value":2}`)
	created := paths["/api/v1/targets"].(map[string]any)["post"].(map[string]any)["responses"].(map[string]any)["201"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
	var v any
	json.Unmarshal([]byte(body), &v)
	if errs := validate(doc, created, v, "$"); status != 201 || len(errs) > 0 {
		t.Errorf("POST /api/v1/targets = %d: %v", status, errs)
	}
	_, body = call(t, admin, "GET", e.srv.URL+"/api/v1/businesses/99999", "")
	json.Unmarshal([]byte(body), &v)
	if errs := validate(doc, map[string]any{"$ref": "#/components/schemas/Error"}, v, "$"); len(errs) > 0 {
		t.Errorf("error answer: %v", errs)
	}
}
