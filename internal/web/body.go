package web

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/dagang/dagang"
)

// maxBody bounds a JSON request body: 1 MiB is far above any record.
const maxBody = 1 << 20

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
// application/json, at most maxBody bytes, one value, with no field v
// does not have.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &bodyError{http.StatusUnsupportedMediaType, dagang.Errorf(dagang.EINVALID,
			"isi permintaan harus JSON (Content-Type: application/json)", "the request body must be JSON (Content-Type: application/json)")}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
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
		// A value's own parser refused it (a date, for instance).
		return invalidField("body", de.Message, de.MessageEN)
	}
	var tooBig *http.MaxBytesError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return &bodyError{http.StatusRequestEntityTooLarge, dagang.Errorf(dagang.EINVALID,
			"isi permintaan terlalu besar (maks. %d KiB)", "the request body is too large (max %d KiB)", maxBody>>10)}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return invalidField(field, "jenis nilai salah (harus "+jsonKind(typ.Type.Kind().String())+")", "wrong type of value (must be "+typ.Type.Kind().String()+")")
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
