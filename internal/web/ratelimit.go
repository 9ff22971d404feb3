package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/netip"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
)

// rateLimit allows n hits per window in each bucket of its kind. The hits
// are counted in the database (store.RateTake), so every server instance
// behind a load balancer counts the same ones.
type rateLimit struct {
	kind   string
	n      int
	window time.Duration
}

// Login limits: attempts per account and per client address within a
// quarter of an hour. A successful login forgets its account's failures
// and gives back its address's hit, so the limits count failures. Five
// per account stops password guessing against one person while a typo or
// two never locks anyone out; twenty per address lets an office behind
// one NAT share it.
var (
	loginPerAccount = rateLimit{"login-account", 5, 15 * time.Minute}
	loginPerAddress = rateLimit{"login-address", 20, 15 * time.Minute}
)

// hit is one hit to take: under limit, in the bucket of value (an address,
// an e-mail).
type hit struct {
	limit rateLimit
	value string
}

// takeHits takes the hits in order and stops at the first refused one:
// wait is then how long until it would be accepted. buckets are the
// buckets of the hits, taken or not, in order.
func (s *Server) takeHits(ctx context.Context, now time.Time, hits ...hit) (buckets []string, wait time.Duration, err error) {
	for _, h := range hits {
		b, err := s.bucket(ctx, h.limit.kind, h.value)
		if err != nil {
			return nil, 0, err
		}
		buckets = append(buckets, b)
	}
	for i, h := range hits {
		ok, retry, err := s.limits.RateTake(ctx, buckets[i], h.limit.n, h.limit.window, now)
		if err != nil {
			return nil, 0, err
		}
		if !ok {
			return buckets, retry, nil
		}
	}
	return buckets, 0, nil
}

// bucket names the bucket of value under kind: a digest keyed with the
// deployment's secret, so the table of hits holds no address or e-mail
// that a reader of the database could recover.
func (s *Server) bucket(ctx context.Context, kind, value string) (string, error) {
	key, err := s.secret(ctx, "rate-buckets")
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(kind + "\x00" + value))
	return kind + ":" + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:18]), nil
}

// secret is the deployment's secret called name (store.ServerSecret), read
// once per process.
func (s *Server) secret(ctx context.Context, name string) ([]byte, error) {
	if v, ok := s.secrets.Load(name); ok {
		return v.([]byte), nil
	}
	b, err := s.limits.ServerSecret(ctx, name)
	if err != nil {
		return nil, err
	}
	s.secrets.Store(name, b)
	return b, nil
}

// tooMany answers a refused hit: 429 with Retry-After, and the message of
// key, with the wait in whole units (time.Minute, time.Second), as the
// error to show.
func tooMany(w http.ResponseWriter, wait time.Duration, key string, unit time.Duration) *dagang.Error {
	w.Header().Set("Retry-After", fmt.Sprint(int((wait+time.Second-1)/time.Second)))
	id, en := locale.Both(key, int((wait+unit-1)/unit))
	return &dagang.Error{Code: dagang.ETOOMANY, Message: id, MessageEN: en}
}

// clientAddress is the address a request's limits count it under: the
// request's (clientIP: forwarded headers only from trusted proxies), an IPv6
// address as its /64, which one subscriber usually holds whole.
func clientAddress(r *http.Request) string {
	ip := clientIP(r)
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}
