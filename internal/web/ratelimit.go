package web

import (
	"sync"
	"time"
)

// failLimiter counts failed attempts per key (an IP address or an e-mail)
// in a sliding window, in memory. A key with max failures in the window
// is refused until the oldest of them leaves it.
type failLimiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string][]time.Time
}

func newFailLimiter(max int, window time.Duration) *failLimiter {
	return &failLimiter{max: max, window: window, fails: map[string][]time.Time{}}
}

// retryAfter returns 0 when key may try now, or how long it must wait.
func (l *failLimiter) retryAfter(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	fs := l.recent(key, now)
	if len(fs) < l.max {
		return 0
	}
	return fs[len(fs)-l.max].Add(l.window).Sub(now)
}

// fail records a failed attempt.
func (l *failLimiter) fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[key] = append(l.recent(key, now), now)
	if len(l.fails) > 10_000 {
		for k := range l.fails {
			if len(l.recent(k, now)) == 0 {
				delete(l.fails, k)
			}
		}
	}
}

// reset forgets the failures of key (after a successful login).
func (l *failLimiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

// recent drops the failures of key older than the window; l.mu is held.
func (l *failLimiter) recent(key string, now time.Time) []time.Time {
	fs := l.fails[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) >= l.window {
		i++
	}
	if i == len(fs) {
		delete(l.fails, key)
		return nil
	}
	fs = fs[i:]
	l.fails[key] = fs
	return fs
}
