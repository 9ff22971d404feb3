package web

import (
	"net/http"

	"github.com/dagang/dagang"
)

// A flash message says, on the page a save leads to, what the save did
// ("Kegiatan disimpan."). It is kept on the browser's session in the
// store, so it survives the redirect after the post and needs no script;
// the next full page drawn for the session shows it once and clears it.
// Messages are Indonesian texts of the catalogue, translated when shown.

// sessionOf returns the request's browser session, nil for a token or an
// anonymous request.
func sessionOf(r *http.Request) *dagang.Session {
	s, _ := r.Context().Value(sessionKey{}).(*dagang.Session)
	return s
}

// done ends a successful post: it keeps msg for the next page and
// redirects there. A flash that cannot be kept is logged, not shown: the
// save itself succeeded.
func (s *Server) done(w http.ResponseWriter, r *http.Request, next, msg string) {
	if sess := sessionOf(r); sess != nil && msg != "" {
		if err := s.sessions.SetFlash(r.Context(), sess.ID, msg); err != nil {
			s.log.ErrorContext(r.Context(), "keep flash message", "request_id", requestID(r.Context()), "err", err)
		}
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// takeFlash returns the message kept for the request's session and clears
// it, "" when there is none. A fragment that htmx swaps into a page, and
// a page a script fetches (offline.js follows a form's redirect, then
// shows the page), leave the message for the next page the browser shows.
func (s *Server) takeFlash(r *http.Request) string {
	sess := sessionOf(r)
	mode := r.Header.Get("Sec-Fetch-Mode")
	if sess == nil || sess.Flash == "" || r.Header.Get("HX-Request") != "" || (mode != "" && mode != "navigate") {
		return ""
	}
	if err := s.sessions.SetFlash(r.Context(), sess.ID, ""); err != nil {
		s.log.ErrorContext(r.Context(), "clear flash message", "request_id", requestID(r.Context()), "err", err)
		return ""
	}
	msg := sess.Flash
	sess.Flash = ""
	return msg
}
