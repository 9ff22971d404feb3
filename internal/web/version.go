package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// Versions on the wire (DESIGN.md "Versions"): a record's ETag is its
// version; PATCH, DELETE and state changes honour If-Match, answering 412
// Precondition Failed with the current record when it is at another
// version. A PATCH changes only the fields its body names.

// ifMatch reads the If-Match header: the version a change was made from,
// 0 when the header is absent or "*". Anything but one quoted version is a
// 400 naming the header.
func ifMatch(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	if len(h) >= 3 && h[0] == '"' && h[len(h)-1] == '"' {
		if n, err := strconv.ParseInt(h[1:len(h)-1], 10, 64); err == nil && n > 0 {
			return n, nil
		}
	}
	return 0, invalidField("If-Match", `header If-Match harus satu versi dalam tanda kutip dari ETag, misalnya "3"`,
		`the If-Match header must be one quoted version from the ETag, such as "3"`)
}

// formVersion reads a form's hidden "version": the version of the record
// the page showed, 0 when the form has none.
func formVersion(f *form) (int64, error) {
	s := strings.TrimSpace(f.Get("version"))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, invalidField("version", "versi formulir tidak dikenal; muat ulang halaman", "unknown form version; reload the page")
	}
	return n, nil
}

// etag is the ETag of a version.
func etag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// versionOf returns the Version field of a record (or a pointer to one);
// 0 for values without one.
func versionOf(v any) int64 {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return 0
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return 0
	}
	f := rv.FieldByName("Version")
	if !f.IsValid() || f.Kind() != reflect.Int64 {
		return 0
	}
	return f.Int()
}

// writeRecord answers one record with its ETag.
func writeRecord(w http.ResponseWriter, status int, v any) {
	if n := versionOf(v); n > 0 {
		w.Header().Set("ETag", etag(n))
	}
	writeJSON(w, status, v)
}

// decodePatch decodes a PATCH body into v like decodeJSON and returns the
// names of the fields the body has, which are the fields it changes.
func decodePatch(w http.ResponseWriter, r *http.Request, v any) ([]string, error) {
	var raw bytes.Buffer
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.TeeReader(r.Body, &raw), r.Body}
	if err := decodeJSON(w, r, v); err != nil {
		return nil, err
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw.Bytes(), &keys); err != nil {
		return nil, invalidField("body", "isi permintaan harus berupa objek JSON {…}", "the request body must be a JSON object {…}")
	}
	fields := make([]string, 0, len(keys))
	for k := range keys {
		fields = append(fields, k)
	}
	slices.Sort(fields)
	return fields, nil
}

// withCurrent puts the record as it is now into a *dagang.StaleError the
// store returned without one (deletions), for the 412 to show.
func withCurrent[T any](ctx context.Context, err error, load func(context.Context, int64) (T, error), id int64) error {
	var st *dagang.StaleError
	if errors.As(err, &st) && st.Current == nil {
		if cur, lerr := load(ctx, id); lerr == nil {
			st.Current = cur
		}
	}
	return err
}
