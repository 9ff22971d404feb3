package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
)

// The page that sets a password from a single-use link
// (/kata-sandi?token=…): the first password of the account a business
// gets when staff approve its self-registration, which the decision's
// message carries. Nobody but the holder of the link knows the password;
// the link is spent by its use and expires after dagang.PasswordLinkTTL.

// passwordLinkLabels names the fields of /kata-sandi.
var passwordLinkLabels = map[string]string{"password": "Kata sandi baru", "password_again": "Ulangi kata sandi baru"}

// passwordLinkPerAddress limits the links tried from one address: a
// guess of a link's secret is hopeless, and the limit keeps the password
// hashing of the posts from being a flood's lever.
var passwordLinkPerAddress = rateLimit{"password-link-address", 30, time.Hour}

// passwordLinkPage is the data of /kata-sandi.
type passwordLinkPage struct {
	Form  *form
	Token string
	Email string // the account's, for the password manager and the login
	Done  bool   // the password is set
}

func (s *Server) handlePasswordLinkForm(w http.ResponseWriter, r *http.Request) error {
	if err := s.limitAddress(w, r, passwordLinkPerAddress); err != nil {
		return err
	}
	token := r.URL.Query().Get("token")
	u, err := s.passwordLinks.FindPasswordLink(r.Context(), token)
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "kata_sandi", passwordLinkPage{Form: newForm(r, passwordLinkLabels, url.Values{}), Token: token, Email: u.Email})
	return nil
}

func (s *Server) handlePasswordLinkSet(w http.ResponseWriter, r *http.Request) error {
	if err := s.limitAddress(w, r, passwordLinkPerAddress); err != nil {
		return err
	}
	f, err := readForm(w, r, passwordLinkLabels)
	if err != nil {
		return err
	}
	token := f.Get("token")
	u, err := s.passwordLinks.FindPasswordLink(r.Context(), token)
	if err != nil {
		return err
	}
	d := passwordLinkPage{Form: f, Token: token, Email: u.Email}
	password := f.Get("password")
	var v dagang.Validation
	v.Merge("", checkPassword(password))
	v.Check(password == f.Get("password_again"), "password_again", "kedua kata sandi tidak sama", "the two passwords differ")
	err = v.Err()
	if err == nil {
		var hash string
		if hash, err = auth.HashPassword(password, auth.DefaultParams); err != nil {
			return err
		}
		_, err = s.passwordLinks.SetPasswordByLink(r.Context(), token, hash)
	}
	if err != nil {
		if err := f.fail(err); err != nil {
			return err
		}
		// The passwords are never sent back.
		f.Values = url.Values{}
		s.renderPage(w, r, statusOf[dagang.ErrorCode(err)], "kata_sandi", d)
		return nil
	}
	d.Done, d.Token = true, ""
	s.renderPage(w, r, http.StatusOK, "kata_sandi", d)
	return nil
}
