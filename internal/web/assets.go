package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Static files are served under names that carry a hash of their content
// (app.css is linked as /static/app.1a2b3c4d5e.css), so a browser may keep
// them for a year and never ask again: a changed file gets a new name.
// The plain names still answer, with revalidation, for links from outside
// the templates. Text files are gzipped once per process, at their first
// request, and kept in memory: the smallest form leaves the server with no
// work per request and needs no build step besides `go build`.

// asset is one embedded static file ready to serve.
type asset struct {
	name   string // path under static/: "vendor/echarts.min.js"
	url    string // fingerprinted URL: "/static/vendor/echarts.min.3f9a2c1d0b.js"
	hash   string // first hex digits of the content's SHA-256
	ctype  string
	body   []byte
	gz     []byte // nil when gzip would not make it smaller
	gzETag string
}

// assetSet indexes the assets by plain and by fingerprinted name.
type assetSet struct {
	byName        map[string]*asset
	byFingerprint map[string]*asset
}

// hashLen hex digits (40 bits) are plenty to tell a file's versions apart.
const hashLen = 10

// assets builds the set once per process from the embedded files.
var assets = sync.OnceValue(func() *assetSet {
	set, err := loadAssets(staticFiles, "static")
	if err != nil {
		panic(err) // the files are embedded: only a broken build gets here
	}
	return set
})

func loadAssets(fsys fs.FS, root string) (*assetSet, error) {
	set := &assetSet{byName: map[string]*asset{}, byFingerprint: map[string]*asset{}}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, root+"/")
		a, err := newAsset(name, body)
		if err != nil {
			return err
		}
		fp := fingerprint(name, a.hash)
		a.url = "/static/" + fp
		set.byName[name] = a
		set.byFingerprint[fp] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	return set, nil
}

// newAsset hashes body and gzips it when that makes it smaller.
func newAsset(name string, body []byte) (*asset, error) {
	sum := sha256.Sum256(body)
	a := &asset{name: name, hash: hex.EncodeToString(sum[:])[:hashLen], ctype: contentType(name), body: body}
	if compressible(a.ctype) {
		gz, err := gzipBytes(body)
		if err != nil {
			return nil, err
		}
		if len(gz) < len(body) {
			a.gz, a.gzETag = gz, `"`+a.hash+`-gz"`
		}
	}
	return a, nil
}

// fingerprint puts hash before the name's extension: app.css becomes
// app.<hash>.css.
func fingerprint(name, hash string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}

// assetURL is the templates' only way to link a static file; an unknown
// name fails the page's rendering (and its tests) instead of a broken link.
func assetURL(name string) (string, error) {
	a, ok := assets().byName[name]
	if !ok {
		return "", fmt.Errorf("web: no static file %q", name)
	}
	return a.url, nil
}

var contentTypes = map[string]string{
	".css":     "text/css; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".svg":     "image/svg+xml",
	".ico":     "image/vnd.microsoft.icon",
	".md":      "text/markdown; charset=utf-8",
	".json":    "application/json",
	".geojson": "application/geo+json",
}

// contentType does not depend on the machine's MIME tables; licence files
// (echarts.LICENSE, echarts.NOTICE) are plain text.
func contentType(name string) string {
	ext := path.Ext(name)
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "text/plain; charset=utf-8"
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "image/svg") || strings.HasSuffix(ctype, "json")
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (and does not refuse it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, h := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(h, ",") {
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
				continue
			}
			for _, param := range strings.Split(params, ";") {
				k, v, _ := strings.Cut(strings.TrimSpace(param), "=")
				if strings.EqualFold(k, "q") {
					q, err := strconv.ParseFloat(v, 64)
					return err == nil && q > 0
				}
			}
			return true
		}
	}
	return false
}

const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
	cacheFavicon    = "public, max-age=86400"
)

// static serves /static/: fingerprinted names for a year, plain names
// with revalidation.
func (s *Server) static() http.Handler {
	return http.StripPrefix("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		set := assets()
		if a, ok := set.byFingerprint[r.URL.Path]; ok {
			serveAsset(w, r, a, cacheImmutable)
			return
		}
		if a, ok := set.byName[r.URL.Path]; ok {
			serveAsset(w, r, a, cacheRevalidate)
			return
		}
		http.NotFound(w, r)
	}))
}

// favicon answers /favicon.ico, which browsers ask for at a fixed name.
func (s *Server) favicon() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveAsset(w, r, assets().byName["favicon.ico"], cacheFavicon)
	})
}

// serveAsset writes a (gzipped if the client accepts it) with its ETag;
// http.ServeContent answers If-None-Match with 304, HEAD and ranges.
func serveAsset(w http.ResponseWriter, r *http.Request, a *asset, cache string) {
	h := w.Header()
	h.Set("Cache-Control", cache)
	h.Set("Content-Type", a.ctype)
	body, etag := a.body, `"`+a.hash+`"`
	if a.gz != nil {
		h.Set("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body, etag = a.gz, a.gzETag
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
