package web

import (
	"net/http"
	"strings"

	"github.com/dagang/dagang"
)

// handleLang switches the interface language: a cookie for this browser,
// and the user's own setting when signed in, so it follows them to other
// devices. It then goes back to the page the switch was pressed on.
func (s *Server) handleLang(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, map[string]string{"lang": "Bahasa"})
	if err != nil {
		return err
	}
	lang := f.str("lang")
	if lang != "id" && lang != "en" {
		return &dagang.Error{Code: dagang.EINVALID, Message: "Data tidak valid", MessageEN: "Invalid data",
			Fields: []dagang.FieldError{{Field: "lang", Message: "bahasa harus id atau en", MessageEN: "language must be id or en"}}}
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
	if u := dagang.UserFromContext(r.Context()); u != nil && u.Lang != lang {
		changed := dagang.User{ID: u.ID, Lang: lang}
		if err := s.users.UpdateUser(r.Context(), &changed, dagang.Change{Fields: []string{"lang"}}); err != nil {
			return err
		}
	}
	http.Redirect(w, r, localPath(f.str("next")), http.StatusSeeOther)
	return nil
}

// localPath returns next when it is a path on this site, "/" otherwise,
// so the switch cannot redirect elsewhere.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/"
	}
	return next
}
