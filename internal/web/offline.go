package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"sync"
)

// The event day without a network: the service worker (static/sw.js)
// keeps the day's pages and their files on the phone once loaded, and
// static/offline.js queues the writes made while the network is down in
// IndexedDB and sends them, with their idempotency keys, when it returns
// (idempotency.go).

// serviceWorker answers /sw.js. It is served from the root, not under
// /static/, so that its scope is the whole site, and always revalidated,
// so that a deploy reaches the phones. Its version is a hash of the static
// files: a deploy that changes them changes the worker, which then drops
// the copies of the old ones.
func (s *Server) serviceWorker() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", cacheRevalidate)
		w.Write(workerScript())
	})
}

var workerScript = sync.OnceValue(func() []byte {
	set := assets()
	names := make([]string, 0, len(set.byName))
	for n := range set.byName {
		names = append(names, n)
	}
	slices.Sort(names)
	sum := sha256.New()
	for _, n := range names {
		fmt.Fprintf(sum, "%s %s\n", n, set.byName[n].hash)
	}
	return bytes.Replace(set.byName["sw.js"].body, []byte("__VERSION__"), []byte(hex.EncodeToString(sum.Sum(nil))[:hashLen]), 1)
})
