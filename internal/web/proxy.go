package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ParseTrustedProxies reads the addresses of the reverse proxies or load
// balancers in front of the server (DAGANG_TRUSTED_PROXIES): a comma
// separated list of addresses and CIDR prefixes, such as
// "127.0.0.1, 10.0.0.0/8, fd00::/8".
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var ps []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			ps = append(ps, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("%q bukan alamat IP atau prefiks CIDR, misalnya 10.0.0.0/8 (not an IP address or CIDR prefix)", f)
		}
		a = a.Unmap()
		ps = append(ps, netip.PrefixFrom(a, a.BitLen()))
	}
	return ps, nil
}

// trustForwarded makes the client's address, as the trusted proxies in
// front of the server report it in X-Forwarded-For, the request's
// RemoteAddr, so that the per-address limits count each client under its
// own address rather than every client under the proxy's. The header is
// read from the right: each hop appends the address it received the
// request from, so the first address that is not a trusted proxy is the
// client's; what lies to its left was written by the client and is not
// believed. A request that did not come from a trusted proxy keeps its
// connection's address whatever it claims.
func trustForwarded(trusted []netip.Prefix, next http.Handler) http.Handler {
	if len(trusted) == 0 {
		return next
	}
	isTrusted := func(a netip.Addr) bool {
		a = a.Unmap()
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, port, err := net.SplitHostPort(r.RemoteAddr)
		peer, perr := netip.ParseAddr(host)
		if err != nil || perr != nil || !isTrusted(peer) {
			next.ServeHTTP(w, r)
			return
		}
		client := peer
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				// A hop that is not an address: stop at the last
				// trusted proxy, which passed it on.
				break
			}
			client = a.Unmap()
			if !isTrusted(client) {
				break
			}
		}
		if client != peer {
			r2 := r.Clone(r.Context())
			r2.RemoteAddr = net.JoinHostPort(client.String(), port)
			r = r2
		}
		next.ServeHTTP(w, r)
	})
}
