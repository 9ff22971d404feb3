package web_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The web tests check every answer of the JSON API against the OpenAPI
// document the server serves: validatingHandler sits in front of every
// test server, finds the operation of each /api/ request, and reports an
// answer whose status the operation does not list, or whose body does not
// match the listed schema, or that has a key that is not snake_case.

// apiContract is the document of one server, read once, with a mux that
// finds the operation of a request.
type apiContract struct {
	doc map[string]any
	mux *http.ServeMux
}

func loadContract(h http.Handler) (*apiContract, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/openapi.json", nil))
	if rec.Code != 200 {
		return nil, fmt.Errorf("GET /api/openapi.json = %d", rec.Code)
	}
	c := &apiContract{mux: http.NewServeMux()}
	if err := json.Unmarshal(rec.Body.Bytes(), &c.doc); err != nil {
		return nil, err
	}
	nop := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	for p, ops := range c.doc["paths"].(map[string]any) {
		for m := range ops.(map[string]any) {
			c.mux.Handle(strings.ToUpper(m)+" "+p, nop)
		}
	}
	return c, nil
}

// check returns what is wrong with an answer of status and body to r.
func (c *apiContract) check(r *http.Request, status int, contentType string, body []byte) []string {
	_, pattern := c.mux.Handler(r)
	if pattern == "" {
		// An unknown path or method: the answer is an error.
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return []string{fmt.Sprintf("%d without an operation and not JSON: %.200s", status, body)}
		}
		return validate(c.doc, map[string]any{"$ref": "#/components/schemas/Error"}, v, "$")
	}
	method, path, _ := strings.Cut(pattern, " ")
	op := c.doc["paths"].(map[string]any)[path].(map[string]any)[strings.ToLower(method)].(map[string]any)
	resp, ok := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("status %d is not among the operation's responses: %.300s", status, body)}
	}
	content, _ := resp["content"].(map[string]any)
	if len(content) == 0 {
		if len(body) > 0 {
			return []string{fmt.Sprintf("status %d has no content in the document, got %q", status, contentType)}
		}
		return nil
	}
	mt, _, _ := strings.Cut(contentType, ";")
	media, ok := content[mt].(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("content type %q is not documented for status %d", contentType, status)}
	}
	schema, _ := media["schema"].(map[string]any)
	if mt != "application/json" {
		return nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return []string{"invalid JSON: " + err.Error()}
	}
	return validate(c.doc, schema, v, "$")
}

// validatingHandler wraps h so that every /api/ answer is checked against
// the served document; t reports the mismatches.
func validatingHandler(t testing.TB, h http.Handler) http.Handler {
	var once sync.Once
	var contract *apiContract
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/api/openapi.json" {
			h.ServeHTTP(w, r)
			return
		}
		once.Do(func() {
			var err error
			if contract, err = loadContract(h); err != nil {
				t.Errorf("reading the OpenAPI document: %v", err)
			}
		})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if contract != nil {
			for _, e := range contract.check(r, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()) {
				t.Errorf("%s %s: %s", r.Method, r.URL.RequestURI(), e)
			}
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
}

// snakeCase is the form of every key of the API's JSON.
var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// validate checks v (decoded JSON) against schema, for the subset of JSON
// Schema the document uses: $ref, anyOf, type (one or several), format
// (date, date-time), properties, required, additionalProperties, items,
// enum, minimum, maximum. Every property name must be snake_case; so must
// every key of a value whose schema says nothing (an untyped answer).
func validate(doc, schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		s, ok := doc["components"].(map[string]any)["schemas"].(map[string]any)[name].(map[string]any)
		if !ok {
			return []string{at + ": unresolved " + ref}
		}
		return validate(doc, s, v, at)
	}
	if alts, ok := schema["anyOf"].([]any); ok {
		var all []string
		for _, alt := range alts {
			errs := validate(doc, alt.(map[string]any), v, at)
			if len(errs) == 0 {
				return nil
			}
			all = append(all, errs...)
		}
		return []string{fmt.Sprintf("%s: matches no alternative of anyOf: %v", at, all)}
	}
	if len(schema) == 0 {
		return snakeKeys(v, at)
	}
	var errs []string
	if t, ok := schema["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		matched := false
		for _, typ := range types {
			matched = matched || isType(typ, v)
		}
		if !matched {
			return []string{fmt.Sprintf("%s: %T %v is not %v", at, v, v, types)}
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in %v", at, v, enum))
		}
	}
	if s, ok := v.(string); ok {
		errs = append(errs, checkFormat(schema["format"], s, at)...)
	}
	if n, ok := v.(float64); ok {
		if m, ok := schema["minimum"].(float64); ok && n < m {
			errs = append(errs, fmt.Sprintf("%s: %v is below the minimum %v", at, n, m))
		}
		if m, ok := schema["maximum"].(float64); ok && n > m {
			errs = append(errs, fmt.Sprintf("%s: %v is above the maximum %v", at, n, m))
		}
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		for _, r := range asStrings(schema["required"]) {
			if _, ok := v[r]; !ok {
				errs = append(errs, at+": lacks required "+r)
			}
		}
		for k, x := range v {
			if p, ok := props[k].(map[string]any); ok {
				if !snakeCase.MatchString(k) {
					errs = append(errs, at+": key "+k+" is not snake_case")
				}
				errs = append(errs, validate(doc, p, x, at+"."+k)...)
			} else if ap, ok := schema["additionalProperties"]; ok {
				switch ap := ap.(type) {
				case bool:
					if !ap {
						errs = append(errs, at+": property "+k+" is not in the schema")
					}
				case map[string]any:
					errs = append(errs, validate(doc, ap, x, at+"."+k)...)
				}
			} else {
				errs = append(errs, snakeKeys(map[string]any{k: x}, at)...)
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, x := range v {
				errs = append(errs, validate(doc, items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	return errs
}

// snakeKeys reports every key of v, at any depth, that is not snake_case.
func snakeKeys(v any, at string) []string {
	var errs []string
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if !snakeCase.MatchString(k) {
				errs = append(errs, at+": key "+k+" is not snake_case")
			}
			errs = append(errs, snakeKeys(x, at+"."+k)...)
		}
	case []any:
		for i, x := range v {
			errs = append(errs, snakeKeys(x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return errs
}

var formats = map[string]*regexp.Regexp{
	"date":      regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`),
	"date-time": regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`),
}

func checkFormat(format any, s, at string) []string {
	f, _ := format.(string)
	if re, ok := formats[f]; ok && !re.MatchString(s) {
		return []string{fmt.Sprintf("%s: %q is not a %s", at, s, f)}
	}
	return nil
}

func isType(typ string, v any) bool {
	switch typ {
	case "null":
		return v == nil
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	}
	return false
}

func asStrings(v any) []string {
	var out []string
	if xs, ok := v.([]any); ok {
		for _, x := range xs {
			out = append(out, x.(string))
		}
	}
	return out
}
