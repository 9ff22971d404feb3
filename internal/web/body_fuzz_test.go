package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"unicode/utf8"

	"github.com/dagang/dagang"
)

// FuzzDecodeJSON feeds arbitrary bodies to the JSON decoder of every write
// route: it never panics, refuses with a field-level validation error, and
// accepts only one UTF-8 object without a repeated key.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"stage":"loi","on":"2019-03-01","note":"x"}`, `{"stage":"a","STAGE":"b"}`, `{"on":"2019-02-30"}`,
		`{"note":"\u0000"}`, `[]`, `null`, `{"a":{"b":[1,{"c":2}]}}`, "{\"note\":\"\xff\"}", `{"on":9223372036854775808}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, v := range []any{&stageChange{}, &userBody{}, &dagang.Deal{}} {
			r := httptest.NewRequest("POST", "/api/v1/x", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			err := decodeJSON(httptest.NewRecorder(), r, v)
			if err == nil {
				if !utf8.Valid(body) {
					t.Fatalf("accepted invalid UTF-8: %q", body)
				}
				if k, dup := duplicateKey(body); dup {
					t.Fatalf("accepted the repeated key %q: %q", k, body)
				}
				continue
			}
			var de *dagang.Error
			if !errors.As(err, &de) || de.Code != dagang.EINVALID || len(de.Fields) == 0 {
				t.Fatalf("refusal without a field: %#v", err)
			}
			var be *bodyError
			if errors.As(err, &be) && be.status != http.StatusRequestEntityTooLarge && be.status != http.StatusUnsupportedMediaType {
				t.Fatalf("body error with status %d", be.status)
			}
		}
	})
}
