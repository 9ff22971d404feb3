package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
)

// Every anonymous form (login, self-registration, the e-mail
// verification) passes one guard before its handler reads a field. It
// keeps scripts out without tracking anyone and without a third-party
// CAPTCHA (the product runs offline and keeps its visitors private):
//
//   - size limits on the body, on the number of fields and on each field,
//     a refusal naming the field as it was sent;
//   - a honeypot: a field hidden from people (screen readers read a label
//     asking to leave it empty) that scripts filling every input fill;
//   - a signed, time-stamped form token: a form sent sooner than a person
//     can fill it, or long after it was served, or without the token of
//     its page, is refused;
//   - rate limits per client address and per e-mail held in the database
//     (ratelimit.go), answered 429 with Retry-After.
//
// The guard runs before anything is written, so a refused form leaves no
// trace but the hits the limits count.
type publicForm struct {
	// name is signed into the form's tokens: one form's token is refused
	// by another.
	name string
	// maxBody bounds the request body in bytes; fieldMax the characters
	// of a field by its name (a row's field as "products[].name"), others
	// defaultFieldMax.
	maxBody  int64
	fieldMax map[string]int
	// token: the form must carry its page's token (guardView) and is
	// refused when sent sooner than Config.FormFillTime after the page was
	// served or more than formTokenMaxAge after.
	token bool
	// Limits per client address and per the e-mail in field emailField;
	// a zero limit is not taken (login takes its own, login.go).
	perAddress, perEmail rateLimit
	emailField           string
}

const (
	// defaultFieldMax bounds a field a form does not list: one line of text.
	defaultFieldMax = 300
	// maxFields bounds the fields of a public form, counting repeats.
	maxFields = 200
	// maxFieldName bounds the length of a field's name.
	maxFieldName = 64
	// defaultFillTime is the shortest time a person takes to fill a public
	// form; a script takes less.
	defaultFillTime = 3 * time.Second
	// formTokenMaxAge is how long a served form may be sent: a working
	// day's pause, not a token hoarded for a flood.
	formTokenMaxAge = 6 * time.Hour
	// honeypotField is the field people leave empty.
	honeypotField = "situs_web"
	// tokenField carries the form's signed token.
	tokenField = "form_token"
	// formTokenSecret names the server secret that signs form tokens.
	formTokenSecret = "form-tokens"
)

// The lane of anonymous posts (lane.go): a place per two processors,
// given only while the signed-in requests under way leave a processor
// idle, resting three times as long as each post took (a flood holds a
// place at most a quarter of the time); publicFormQueue more posts wait
// up to publicFormWait for a place. A flood then holds at most a place or
// two of the database's connections and processors, and only those the
// staff leave idle.
const (
	publicFormQueue = 32
	publicFormWait  = 10 * time.Second
	publicFormRest  = 3
)

func publicFormSlots() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// gated serves h, a post open to anonymous clients, in a place of the
// lane (a signed-in client's at once): 503 with Retry-After, before the
// body is read, when the queue is full or no place frees in time.
func (s *Server) gated(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if dagang.UserFromContext(r.Context()) != nil {
			return h(w, r) // signed in: never behind anonymous posts
		}
		switch admitted, leave := s.lane.enter(r.Context(), publicFormWait); admitted {
		case laneAdmitted:
			defer leave()
			return h(w, r)
		case laneGone:
			return nil // the client left
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(publicFormWait/time.Second)))
		id, en := locale.Both("error.form.busy")
		return &bodyError{http.StatusServiceUnavailable, &dagang.Error{Code: dagang.ETOOMANY, Message: id, MessageEN: en}}
	}
}

// guardView is what a guarded form's template draws (the "formguard"
// partial): the token of the form as served now.
type guardView struct {
	Token string
}

// guardFor returns the guard fields of form pf served now.
func (s *Server) guardFor(ctx context.Context, pf publicForm) (guardView, error) {
	if !pf.token {
		return guardView{}, nil
	}
	key, err := s.secret(ctx, formTokenSecret)
	if err != nil {
		return guardView{}, err
	}
	at := strconv.FormatInt(s.cfg.Now().Unix(), 10)
	return guardView{Token: at + "." + signToken(key, pf.name, at)}, nil
}

func signToken(key []byte, form, at string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(form + "\n" + at))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:18])
}

// readPublicForm reads a posted public form through its guard. The form is
// nil when the body could not be read at all; otherwise a refusal comes
// with the form as sent, for the handler to draw again with its errors
// (f.fail) and a fresh token. An ETOOMANY refusal has set Retry-After.
func (s *Server) readPublicForm(w http.ResponseWriter, r *http.Request, pf publicForm, labels map[string]string) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, pf.maxBody)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			id, en := locale.Both("error.form.body_too_large", pf.maxBody>>10)
			return nil, &bodyError{http.StatusRequestEntityTooLarge, bodyFieldError(id, en)}
		}
		return nil, invalidField("body", "formulir tidak dapat dibaca", "the form could not be read")
	}
	f := newForm(r, labels, r.PostForm)
	if err := pf.checkFields(r); err != nil {
		return f, err
	}
	if err := s.checkToken(w, r, pf); err != nil {
		return f, err
	}
	hits := []hit{}
	if pf.perAddress.n > 0 {
		hits = append(hits, hit{pf.perAddress, clientAddress(r)})
	}
	if email := strings.ToLower(strings.TrimSpace(r.PostForm.Get(pf.emailField))); pf.perEmail.n > 0 && email != "" {
		hits = append(hits, hit{pf.perEmail, email})
	}
	if err := s.limit(w, r, hits...); err != nil {
		if dagang.ErrorCode(err) == dagang.ETOOMANY {
			return f, err
		}
		return nil, err
	}
	return f, nil
}

// limitAddress takes a hit of the request's client address under l, for
// an anonymous request that is not a form (a link followed from an
// e-mail).
func (s *Server) limitAddress(w http.ResponseWriter, r *http.Request, l rateLimit) error {
	return s.limit(w, r, hit{l, clientAddress(r)})
}

// limit takes the hits: an ETOOMANY error (Retry-After set) when one is
// refused.
func (s *Server) limit(w http.ResponseWriter, r *http.Request, hits ...hit) error {
	_, wait, err := s.takeHits(r.Context(), s.cfg.Now(), hits...)
	if err != nil {
		return err
	}
	if wait > 0 {
		return tooMany(w, wait, "error.rate.form", time.Minute)
	}
	return nil
}

// refused puts a guard's refusal on f, for the form to be drawn again with
// it, and returns the status to draw it with; an error it cannot show
// (an internal one) is returned.
func (f *form) refused(err error) (int, error) {
	if dagang.ErrorCode(err) == dagang.ETOOMANY {
		f.Message = dagang.ErrorMessage(err, f.lang)
		return http.StatusTooManyRequests, nil
	}
	if ferr := f.fail(err); ferr != nil {
		return 0, ferr
	}
	return statusOf[dagang.ErrorCode(err)], nil
}

// checkFields refuses too many fields, a field too long (named as sent)
// and a filled honeypot.
func (pf publicForm) checkFields(r *http.Request) error {
	n := 0
	for _, vs := range r.PostForm {
		n += len(vs)
	}
	if n > maxFields {
		id, en := locale.Both("error.form.too_many_fields", n, maxFields)
		return invalidField("body", id, en)
	}
	var v dagang.Validation
	names := make([]string, 0, len(r.PostForm))
	for name := range r.PostForm {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if len(name) > maxFieldName {
			id, en := locale.Both("error.form.name_too_long", maxFieldName)
			v.Add("body", id, en)
			continue
		}
		limit, ok := pf.fieldMax[name]
		if !ok {
			limit, ok = pf.fieldMax[rowIndex.ReplaceAllString(name, "[]")]
		}
		if !ok {
			limit = defaultFieldMax
		}
		for _, val := range r.PostForm[name] {
			if c := utf8.RuneCountInString(val); c > limit {
				id, en := locale.Both("error.form.too_long", c, limit)
				v.Add(name, id, en)
				break
			}
		}
	}
	if r.PostForm.Get(honeypotField) != "" {
		id, en := locale.Both("error.form.honeypot")
		v.Add(honeypotField, id, en)
	}
	return v.Err()
}

// checkToken refuses a form without its page's token, with another form's
// or a forged one, one sent sooner than a person fills it (429 with the
// seconds left) and one served too long ago.
func (s *Server) checkToken(w http.ResponseWriter, r *http.Request, pf publicForm) error {
	if !pf.token {
		return nil
	}
	raw := r.PostForm.Get(tokenField)
	if raw == "" {
		id, en := locale.Both("error.form.token_missing")
		return invalidField(tokenField, id, en)
	}
	key, err := s.secret(r.Context(), formTokenSecret)
	if err != nil {
		return err
	}
	at, mac, _ := strings.Cut(raw, ".")
	unix, perr := strconv.ParseInt(at, 10, 64)
	if perr != nil || !hmac.Equal([]byte(mac), []byte(signToken(key, pf.name, at))) {
		id, en := locale.Both("error.form.token_invalid")
		return invalidField(tokenField, id, en)
	}
	age := s.cfg.Now().Sub(time.Unix(unix, 0))
	fill := s.cfg.FormFillTime
	if fill == 0 {
		fill = defaultFillTime
	}
	switch {
	case age > formTokenMaxAge:
		id, en := locale.Both("error.form.token_expired", int(formTokenMaxAge/time.Hour))
		return invalidField(tokenField, id, en)
	case age < fill:
		return tooMany(w, fill-age, "error.rate.too_fast", time.Second)
	}
	return nil
}

// refusalText is a refusal as one message naming its fields as sent, for
// a form that shows one message (login).
func refusalText(err error, lang string) string {
	var de *dagang.Error
	if !errors.As(err, &de) {
		return dagang.ErrorMessage(err, lang)
	}
	parts := []string{dagang.ErrorMessage(err, lang)}
	for _, fe := range de.Fields {
		m := fe.Message
		if lang == "en" && fe.MessageEN != "" {
			m = fe.MessageEN
		}
		parts = append(parts, fe.Field+": "+m)
	}
	return strings.Join(parts, " · ")
}
