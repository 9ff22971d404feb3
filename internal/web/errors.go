package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/dagang/dagang"
)

// handlerFunc is an HTTP handler that returns an error instead of writing
// one; handle renders it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// statusOf maps error codes to HTTP statuses: the one table that does.
var statusOf = map[string]int{
	dagang.EINVALID:      http.StatusBadRequest,
	dagang.ENOTFOUND:     http.StatusNotFound,
	dagang.ECONFLICT:     http.StatusConflict,
	dagang.EUNAUTHORIZED: http.StatusUnauthorized,
	dagang.EFORBIDDEN:    http.StatusForbidden,
	dagang.ETOOMANY:      http.StatusTooManyRequests,
	dagang.EINTERNAL:     http.StatusInternalServerError,
}

// renderError writes err as JSON for API requests and as a page otherwise.
// Errors that are not *dagang.Error are logged in full and shown as a
// generic message.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	code := dagang.ErrorCode(err)
	status := statusOf[code]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	if code == dagang.EINTERNAL {
		s.log.ErrorContext(r.Context(), "internal error", "request_id", requestID(r.Context()), "method", r.Method, "path", r.URL.Path, "err", err)
	}
	lang := langOf(r)
	if isAPI(r) {
		env := errorEnvelope{Error: errorBodyOf(err, lang)}
		// A change made from another version than the record's: 412 with
		// the record as it is now and its ETag, for the client to merge.
		var stale *dagang.StaleError
		if errors.As(err, &stale) {
			status, env.Current = http.StatusPreconditionFailed, stale.Current
			w.Header().Set("ETag", etag(stale.Version))
		}
		writeJSON(w, status, env)
		return
	}
	var fields []dagang.FieldError
	var de *dagang.Error
	if errors.As(err, &de) {
		fields = de.Fields
	}
	if code == dagang.EUNAUTHORIZED && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.renderPage(w, r, status, "error", errorPage{Status: status, Message: dagang.ErrorMessage(err, lang), Fields: fields})
}

// errorEnvelope is the one JSON shape of every error the API answers:
// {"error": {"code", "message", "fields": [{"field", "message"}]}}, its
// messages in the request's language.
type errorEnvelope struct {
	Error   *errorBody `json:"error"`
	Current any        `json:"current,omitempty"` // the record as it is now, with a 412
}

type errorBody struct {
	Code    string      `json:"code"`
	Message string      `json:"message"`
	Fields  []fieldBody `json:"fields,omitempty"`
}

type fieldBody struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// errorBodyOf renders err in lang; an error that is not a *dagang.Error is
// an internal one, shown as a generic message.
func errorBodyOf(err error, lang string) *errorBody {
	b := &errorBody{Code: dagang.ErrorCode(err), Message: dagang.ErrorMessage(err, lang)}
	var de *dagang.Error
	if errors.As(err, &de) {
		for _, f := range de.Fields {
			m := f.Message
			if lang == "en" {
				m = f.MessageEN
			}
			b.Fields = append(b.Fields, fieldBody{f.Field, m})
		}
	}
	return b
}

type errorPage struct {
	Status  int
	Message string
	Fields  []dagang.FieldError
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// langOf returns the request's language: ?lang=, then the lang cookie,
// then the user's setting, then Indonesian.
func langOf(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "en" || l == "id" {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == "en" || c.Value == "id") {
		return c.Value
	}
	if u := dagang.UserFromContext(r.Context()); u != nil && (u.Lang == "en" || u.Lang == "id") {
		return u.Lang
	}
	return "id"
}

// jsonType is the media type of the API's answers.
const jsonType = "application/json; charset=utf-8"

func writeJSON(w http.ResponseWriter, status int, v any) {
	a, _ := jsonAnswer(status, v)
	a.ContentType = jsonType
	writeAnswer(w, a, false)
}
