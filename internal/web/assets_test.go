package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// rawGet fetches path without Go's transparent gzip, with the given
// request headers, and returns the response and its body as sent.
func rawGet(t *testing.T, base, p string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", base+p, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	c := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

var staticLink = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// TestStaticAssets checks that every static file a page links is served
// under a fingerprinted name, cached for a year, gzipped when the client
// accepts it and revalidated by ETag, and that a changed name is a 404.
func TestStaticAssets(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	var links []string
	for _, page := range []string{"/", "/laporan"} {
		res, err := staff.Get(e.srv.URL + page)
		if err != nil {
			t.Fatal(err)
		}
		html, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !bytes.Contains(html, []byte(`rel="icon"`)) {
			t.Errorf("%s links no favicon", page)
		}
		for _, m := range staticLink.FindAllSubmatch(html, -1) {
			if l := string(m[1]); !slices.Contains(links, l) {
				links = append(links, l)
			}
		}
	}
	fingerprinted := regexp.MustCompile(`^/static/[a-z/.]+\.[0-9a-f]{10}\.(css|js|svg)$`)
	for _, want := range []string{"app.css", "app.js", "vendor/htmx.min.js", "vendor/echarts.min.js", "laporan.js", "favicon.svg"} {
		if !slices.ContainsFunc(links, func(l string) bool {
			return strings.HasPrefix(l, "/static/"+strings.TrimSuffix(want, path.Ext(want))+".")
		}) {
			t.Errorf("no page links %s; links: %v", want, links)
		}
	}
	ctypes := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
	for _, l := range links {
		t.Run(l, func(t *testing.T) {
			if !fingerprinted.MatchString(l) {
				t.Fatalf("%s is not a fingerprinted name", l)
			}
			plain, body := rawGet(t, e.srv.URL, l)
			zipped, zbody := rawGet(t, e.srv.URL, l, "Accept-Encoding", "gzip, deflate, br")
			for _, c := range []struct {
				res      *http.Response
				encoding string
			}{{plain, ""}, {zipped, "gzip"}} {
				h := c.res.Header
				got := []string{h.Get("Cache-Control"), h.Get("Content-Type"), h.Get("Content-Encoding"), h.Get("Vary")}
				want := []string{"public, max-age=31536000, immutable", ctypes[path.Ext(l)], c.encoding, "Accept-Encoding"}
				if c.res.StatusCode != 200 || !slices.Equal(got, want) {
					t.Errorf("Accept-Encoding %q: status %d, headers %q, want 200 and %q", c.encoding, c.res.StatusCode, got, want)
				}
				if h.Get("ETag") == "" {
					t.Errorf("Accept-Encoding %q: no ETag", c.encoding)
				}
			}
			if plain.Header.Get("ETag") == zipped.Header.Get("ETag") {
				t.Errorf("the plain and gzipped forms share the ETag %s", plain.Header.Get("ETag"))
			}
			zr, err := gzip.NewReader(bytes.NewReader(zbody))
			if err != nil {
				t.Fatalf("gzipped body: %v", err)
			}
			unzipped, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(unzipped, body) {
				t.Errorf("gunzipped body (%d bytes, %v) differs from the plain body (%d bytes)", len(unzipped), err, len(body))
			}
			if len(zbody) >= len(body) {
				t.Errorf("gzip does not shrink it: %d >= %d bytes", len(zbody), len(body))
			}
			again, _ := rawGet(t, e.srv.URL, l, "Accept-Encoding", "gzip", "If-None-Match", zipped.Header.Get("ETag"))
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("If-None-Match with its ETag: status %d, want 304", again.StatusCode)
			}
		})
	}

	// The provinces' GeoJSON for the maps, behind the login, gzipped too.
	req, _ := http.NewRequest("GET", e.srv.URL+"/geo/provinces.geojson", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	geo, err := (&http.Client{Jar: staff.Jar, Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	geo.Body.Close()
	if got := []string{geo.Header.Get("Content-Type"), geo.Header.Get("Content-Encoding"), geo.Header.Get("Cache-Control")}; !slices.Equal(got, []string{"application/geo+json", "gzip", "private, max-age=86400"}) || geo.StatusCode != 200 {
		t.Errorf("provinces.geojson: status %d, Content-Type, Content-Encoding, Cache-Control = %q", geo.StatusCode, got)
	}

	tests := []struct {
		name, path     string
		acceptEncoding string
		status         int
		cache          string
		encoding       string
	}{
		{"plain name revalidates", "/static/app.js", "gzip", 200, "no-cache", "gzip"},
		{"gzip refused", "/static/app.js", "gzip;q=0, br", 200, "no-cache", ""},
		{"gzip with a weight", "/static/app.css", "br;q=1.0, gzip;q=0.5", 200, "no-cache", "gzip"},
		{"no Accept-Encoding", "/static/app.css", "", 200, "no-cache", ""},
		{"stale fingerprint", "/static/app.0000000000.js", "gzip", 404, "", ""},
		{"directory", "/static/vendor/", "gzip", 404, "", ""},
		{"unknown file", "/static/tidak-ada.js", "gzip", 404, "", ""},
		{"favicon", "/favicon.ico", "gzip", 200, "public, max-age=86400", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := rawGet(t, e.srv.URL, tt.path, "Accept-Encoding", tt.acceptEncoding)
			got := []any{res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("Content-Encoding")}
			want := []any{tt.status, tt.cache, tt.encoding}
			if !slices.Equal(got, want) {
				t.Errorf("status, Cache-Control, Content-Encoding = %v, want %v", got, want)
			}
			if tt.name == "favicon" && (res.Header.Get("Content-Type") != "image/vnd.microsoft.icon" || !bytes.HasPrefix(body, []byte{0, 0, 1, 0})) {
				t.Errorf("favicon: Content-Type %q, body starts % x; want an ICO file", res.Header.Get("Content-Type"), body[:min(4, len(body))])
			}
		})
	}
}
