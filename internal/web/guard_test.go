package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

// The guard of public forms, one submission after another on one
// database: each refusal names its field as sent, or answers 429 with
// Retry-After; the limits count per address (an IPv6 client as its /64)
// and per e-mail.
func TestPublicFormGuard(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "guard.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	s, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }}, db)
	if err != nil {
		t.Fatal(err)
	}
	pf := publicForm{name: "test", maxBody: 4 << 10, fieldMax: map[string]int{"name": 10, "products[].name": 5}, token: true,
		perAddress: rateLimit{"test-address", 3, time.Hour}, perEmail: rateLimit{"test-email", 2, time.Hour}, emailField: "email"}
	// token is the token of form served age ago.
	token := func(form string, age time.Duration) string {
		t.Helper()
		p := pf
		p.name = form
		at := now
		now = now.Add(-age)
		defer func() { now = at }()
		g, err := s.guardFor(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		return g.Token
	}
	good := token("test", time.Minute)
	forged := strings.Replace(good, good[:3], "999", 1)
	manyFields := url.Values{tokenField: {good}}
	for range maxFields {
		manyFields.Add("x", "1")
	}
	type result struct {
		Code   string
		Fields []string
		Retry  string
		Status int // 413 when the body could not be read
	}
	tests := []struct {
		name, addr string
		form       url.Values
		want       result
	}{
		{"accepted", "10.0.0.1", url.Values{tokenField: {good}, "email": {"a@contoh.id"}, "name": {"Toko"}}, result{}},
		{"field too long, in characters", "10.0.0.1", url.Values{tokenField: {good}, "name": {strings.Repeat("é", 11)}}, result{Code: dagang.EINVALID, Fields: []string{"name"}}},
		{"row field too long", "10.0.0.1", url.Values{tokenField: {good}, "products[3].name": {"beras merah"}}, result{Code: dagang.EINVALID, Fields: []string{"products[3].name"}}},
		{"unlisted field too long", "10.0.0.1", url.Values{tokenField: {good}, "catatan": {strings.Repeat("a", defaultFieldMax+1)}}, result{Code: dagang.EINVALID, Fields: []string{"catatan"}}},
		{"field name too long", "10.0.0.1", url.Values{tokenField: {good}, strings.Repeat("n", maxFieldName+1): {"x"}}, result{Code: dagang.EINVALID, Fields: []string{"body"}}},
		{"too many fields", "10.0.0.1", manyFields, result{Code: dagang.EINVALID, Fields: []string{"body"}}},
		{"honeypot filled", "10.0.0.1", url.Values{tokenField: {good}, honeypotField: {"http://spam.example"}}, result{Code: dagang.EINVALID, Fields: []string{honeypotField}}},
		{"no token", "10.0.0.1", url.Values{"name": {"Toko"}}, result{Code: dagang.EINVALID, Fields: []string{tokenField}}},
		{"forged time", "10.0.0.1", url.Values{tokenField: {forged}}, result{Code: dagang.EINVALID, Fields: []string{tokenField}}},
		{"garbage token", "10.0.0.1", url.Values{tokenField: {"abc"}}, result{Code: dagang.EINVALID, Fields: []string{tokenField}}},
		{"another form's token", "10.0.0.1", url.Values{tokenField: {token("login", time.Minute)}}, result{Code: dagang.EINVALID, Fields: []string{tokenField}}},
		{"sent a second after it was served", "10.0.0.1", url.Values{tokenField: {token("test", time.Second)}}, result{Code: dagang.ETOOMANY, Retry: "2"}},
		{"served seven hours ago", "10.0.0.1", url.Values{tokenField: {token("test", 7*time.Hour)}}, result{Code: dagang.EINVALID, Fields: []string{tokenField}}},
		{"body too large", "10.0.0.1", url.Values{tokenField: {good}, "name": {strings.Repeat("a", 5<<10)}}, result{Code: dagang.EINVALID, Fields: []string{"body"}, Status: http.StatusRequestEntityTooLarge}},
		// Two per e-mail, whatever the address.
		{"same e-mail, second", "10.0.0.2", url.Values{tokenField: {good}, "email": {" A@Contoh.id "}}, result{}},
		{"same e-mail, third", "10.0.0.3", url.Values{tokenField: {good}, "email": {"a@contoh.id"}}, result{Code: dagang.ETOOMANY, Retry: "3600"}},
		// Three per address, whatever the e-mail.
		{"address, first", "10.0.0.9", url.Values{tokenField: {good}, "email": {"b1@contoh.id"}}, result{}},
		{"address, second", "10.0.0.9", url.Values{tokenField: {good}, "email": {"b2@contoh.id"}}, result{}},
		{"address, third", "10.0.0.9", url.Values{tokenField: {good}}, result{}},
		{"address, fourth", "10.0.0.9", url.Values{tokenField: {good}, "email": {"b4@contoh.id"}}, result{Code: dagang.ETOOMANY, Retry: "3600"}},
		{"another address", "10.0.0.10", url.Values{tokenField: {good}, "email": {"b4@contoh.id"}}, result{}},
		// An IPv6 client is its /64.
		{"IPv6, first", "[2001:db8:1:2::1]", url.Values{tokenField: {good}}, result{}},
		{"IPv6, second", "[2001:db8:1:2::2]", url.Values{tokenField: {good}}, result{}},
		{"IPv6, third", "[2001:db8:1:2:ffff::3]", url.Values{tokenField: {good}}, result{}},
		{"IPv6, fourth in the /64", "[2001:db8:1:2::4]", url.Values{tokenField: {good}}, result{Code: dagang.ETOOMANY, Retry: "3600"}},
		{"IPv6, another /64", "[2001:db8:1:3::1]", url.Values{tokenField: {good}}, result{}},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("POST", "/test", strings.NewReader(tc.form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.RemoteAddr = tc.addr + ":40000"
		w := httptest.NewRecorder()
		f, err := s.readPublicForm(w, r, pf, nil)
		got := result{Code: dagang.ErrorCode(err), Fields: dagang.ErrorFields(err), Retry: w.Header().Get("Retry-After")}
		if be, ok := err.(*bodyError); ok {
			got.Status, got.Fields = be.status, dagang.ErrorFields(be.err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		if err != nil && got.Status == 0 && f == nil {
			t.Errorf("%s: refused without the form as sent", tc.name)
		}
	}
}
