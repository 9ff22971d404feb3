package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dagang/dagang"
)

// maxBody bounds a JSON request body: 1 MiB is far above any record.
const maxBody = 1 << 20

// errBodyTooLarge is the 413 of a body over maxBody.
func errBodyTooLarge() error {
	return &bodyError{http.StatusRequestEntityTooLarge, bodyFieldError(
		fmt.Sprintf("isi permintaan terlalu besar (maks. %d KiB)", maxBody>>10), fmt.Sprintf("the request body is too large (max %d KiB)", maxBody>>10))}
}

// statusWriter forces the status of an error response (413, 415) that the
// error table has no code for, keeping the one error renderer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w statusWriter) WriteHeader(int) { w.ResponseWriter.WriteHeader(w.status) }

// bodyError is a request-body error answered with its own HTTP status.
type bodyError struct {
	status int
	err    *dagang.Error
}

func (e *bodyError) Error() string { return e.err.Error() }
func (e *bodyError) Unwrap() error { return e.err }

func invalidField(field, id, en string) error {
	return &dagang.Error{Code: dagang.EINVALID, Message: "Data tidak valid", MessageEN: "Invalid data",
		Fields: []dagang.FieldError{{Field: field, Message: id, MessageEN: en}}}
}

// decodeJSON reads the request's JSON body into v: the body must be
// application/json, at most maxBody bytes of valid UTF-8, one JSON object
// with no key twice and no field v does not have.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &bodyError{http.StatusUnsupportedMediaType, bodyFieldError(
			"isi permintaan harus JSON (Content-Type: application/json)", "the request body must be JSON (Content-Type: application/json)")}
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err == nil {
		if !utf8.Valid(b) {
			return invalidField("body", "isi permintaan bukan teks UTF-8 yang sah", "the request body is not valid UTF-8")
		}
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && t[0] != '{' {
			return invalidField("body", "isi permintaan harus berupa objek JSON {…}", "the request body must be a JSON object {…}")
		}
		if k, dup := duplicateKey(b); dup {
			return invalidField(k, "kolom ini muncul lebih dari sekali", "this field appears more than once")
		}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err == nil {
		err = dec.Decode(v)
	}
	if err == nil && dec.More() {
		err = errors.New("trailing data")
	}
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("trailing data")
		}
	}
	if err == nil {
		return nil
	}
	var de *dagang.Error
	if errors.As(err, &de) {
		// A value's own parser refused it (a date, for instance): name the
		// key it was sent under.
		return invalidField(failingKey(reflect.TypeOf(v), b, ""), de.Message, de.MessageEN)
	}
	var tooBig *http.MaxBytesError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return errBodyTooLarge()
	case errors.As(err, &typ):
		return invalidField(failingKey(reflect.TypeOf(v), b, ""), "jenis nilai salah (harus "+jsonKind(typ.Type.Kind().String())+")", "wrong type of value (must be "+typ.Type.Kind().String()+")")
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return invalidField("body", "JSON tidak valid", "invalid JSON")
	case errors.Is(err, io.EOF):
		return invalidField("body", "isi permintaan kosong", "the request body is empty")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return invalidField(name, "kolom tidak dikenal", "unknown field")
	}
	return invalidField("body", "isi permintaan tidak dapat dibaca", "the request body cannot be read")
}

// emptyBody checks the body of an API request that takes none (its
// options are in the query): absent, or an empty JSON object.
func emptyBody(w http.ResponseWriter, r *http.Request) error {
	if r.ContentLength == 0 {
		return nil
	}
	var none struct{}
	return decodeJSON(w, r, &none)
}

// bodyFieldError is an error of the request body as a whole, reported as
// the field "body" so clients find it where they find every field error.
func bodyFieldError(id, en string) *dagang.Error {
	return &dagang.Error{Code: dagang.EINVALID, Message: id, MessageEN: en,
		Fields: []dagang.FieldError{{Field: "body", Message: id, MessageEN: en}}}
}

// duplicateKey reports the first key that appears twice in one object of
// the JSON text b (compared as encoding/json matches fields: without
// case), which the decoder would otherwise silently resolve to the last.
// Syntax errors are left to the decoder.
func duplicateKey(b []byte) (string, bool) {
	type frame struct {
		keys    map[string]bool // nil for an array
		wantKey bool
	}
	var stack []*frame
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, &frame{keys: map[string]bool{}, wantKey: true})
				continue
			case '[':
				stack = append(stack, &frame{})
				continue
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			if n := len(stack); n > 0 && stack[n-1].keys != nil && stack[n-1].wantKey {
				f, k := stack[n-1], strings.ToLower(t)
				if f.keys[k] {
					return t, true
				}
				f.keys[k], f.wantKey = true, false
				continue
			}
		}
		// A value ended: the object around it expects a key next.
		if n := len(stack); n > 0 && stack[n-1].keys != nil {
			stack[n-1].wantKey = true
		}
	}
}

// jsonKind names a Go kind the way a JSON user understands it, in Indonesian.
func jsonKind(k string) string {
	switch {
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"):
		return "bilangan bulat"
	case strings.HasPrefix(k, "float"):
		return "angka"
	case k == "string":
		return "teks"
	case k == "bool":
		return "true atau false"
	case k == "slice":
		return "daftar"
	}
	return "objek"
}

// failingKey returns the path of JSON keys, as the client sent them
// ("deal_date", "products[0].monthly_capacity"), of the first value of b
// that does not decode into its field of type t; path when only the whole
// fails, "body" when nothing does. The decoder names no key for a value
// whose own parser refused it, and names embedded structs by their Go
// type; this walks the body instead.
func failingKey(t reflect.Type, b []byte, path string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	fails := json.Unmarshal(b, reflect.New(t).Interface()) != nil
	if !fails {
		if path == "" {
			return "body"
		}
		return ""
	}
	custom := reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]())
	switch {
	case custom:
	case t.Kind() == reflect.Struct:
		fields := map[string]reflect.Type{}
		jsonFields(t, fields)
		dec := json.NewDecoder(bytes.NewReader(b))
		if tok, err := dec.Token(); err == nil && tok == json.Delim('{') {
			for dec.More() {
				tok, err := dec.Token()
				var raw json.RawMessage
				if err != nil || dec.Decode(&raw) != nil {
					break
				}
				key, _ := tok.(string)
				if ft, ok := fields[strings.ToLower(key)]; ok {
					if k := failingKey(ft, raw, joinKey(path, key)); k != "" {
						return k
					}
				}
			}
		}
	case t.Kind() == reflect.Slice || t.Kind() == reflect.Array:
		var items []json.RawMessage
		if json.Unmarshal(b, &items) == nil {
			for i, raw := range items {
				if k := failingKey(t.Elem(), raw, path+"["+strconv.Itoa(i)+"]"); k != "" {
					return k
				}
			}
		}
	}
	if path == "" {
		return "body"
	}
	return path
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonFields maps the lower-cased JSON names of t's fields to their types,
// flattening embedded structs as encoding/json does (a shallower field
// hides a deeper one).
func jsonFields(t reflect.Type, out map[string]reflect.Type) {
	var embedded []reflect.Type
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			embedded = append(embedded, f.Type)
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct:
			embedded = append(embedded, f.Type.Elem())
		case f.IsExported():
			if name == "" {
				name = f.Name
			}
			out[strings.ToLower(name)] = f.Type
		}
	}
	for _, e := range embedded {
		inner := map[string]reflect.Type{}
		jsonFields(e, inner)
		for k, v := range inner {
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
	}
}
