package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTrustForwarded(t *testing.T) {
	trusted, err := ParseTrustedProxies(" 127.0.0.1, 10.0.0.0/8,fd00::/8 ,")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, remote string
		xff          []string
		trusted      bool // the server trusts the proxies above
		want         string
	}{
		{"no proxy trusted: the header is not believed", "127.0.0.1:5000", []string{"203.0.113.5"}, false, "127.0.0.1:5000"},
		{"a trusted proxy reports its client", "127.0.0.1:5000", []string{"203.0.113.5"}, true, "203.0.113.5:5000"},
		{"an untrusted peer's header is ignored", "198.51.100.7:5000", []string{"203.0.113.5"}, true, "198.51.100.7:5000"},
		{"what the client wrote to the left is not believed", "127.0.0.1:5000", []string{"192.0.2.1, 203.0.113.5"}, true, "203.0.113.5:5000"},
		{"a chain of trusted proxies", "127.0.0.1:5000", []string{"203.0.113.5, 10.1.2.3", "10.9.9.9"}, true, "203.0.113.5:5000"},
		{"every hop trusted: the leftmost", "127.0.0.1:5000", []string{"10.0.0.2, 10.0.0.3"}, true, "10.0.0.2:5000"},
		{"no header from a trusted proxy", "127.0.0.1:5000", nil, true, "127.0.0.1:5000"},
		{"garbage stops at the proxy that passed it on", "127.0.0.1:5000", []string{"203.0.113.5, <script>, 10.0.0.4"}, true, "10.0.0.4:5000"},
		{"IPv6 client through an IPv6 proxy", "[fd00::1]:443", []string{"2001:db8::9"}, true, "[2001:db8::9]:443"},
		{"IPv4-mapped proxy address", "[::ffff:127.0.0.1]:5000", []string{"203.0.113.8"}, true, "203.0.113.8:5000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ps = trusted
			if !tc.trusted {
				ps = nil
			}
			var got string
			h := trustForwarded(ps, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = r.RemoteAddr }))
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("RemoteAddr (-want +got):\n%s", d)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	for _, bad := range []string{"localhost", "10.0.0.0/33", "1.2.3"} {
		if _, err := ParseTrustedProxies(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	got, err := ParseTrustedProxies("10.1.2.3/8")
	if err != nil || len(got) != 1 || got[0].String() != "10.0.0.0/8" {
		t.Errorf("10.1.2.3/8: %v %v, want 10.0.0.0/8", got, err)
	}
}
