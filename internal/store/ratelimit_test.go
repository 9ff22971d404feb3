package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

// A bucket accepts limit hits in any window, refuses the next until the
// oldest counted one leaves it, and names that wait.
func TestRateTake(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t0 := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
		type take struct {
			bucket string
			after  time.Duration
			ok     bool
			retry  time.Duration
		}
		steps := []take{
			{"a", 0, true, 0},
			{"a", 20 * time.Second, true, 0},
			{"a", 40 * time.Second, true, 0},
			// Three in the last minute: the one at 0 s leaves at 60 s.
			{"a", 50 * time.Second, false, 10 * time.Second},
			{"b", 50 * time.Second, true, 0},
			{"a", 59 * time.Second, false, time.Second},
			{"a", 60 * time.Second, true, 0},
			// Now 20 s, 40 s and 60 s count: 20 s leaves at 80 s.
			{"a", 61 * time.Second, false, 19 * time.Second},
			{"a", 3 * time.Minute, true, 0},
		}
		var got []take
		for _, s := range steps {
			ok, retry, err := db.RateTake(ctx, s.bucket, 3, time.Minute, t0.Add(s.after))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, take{s.bucket, s.after, ok, retry})
		}
		if diff := cmp.Diff(steps, got, cmp.AllowUnexported(take{})); diff != "" {
			t.Errorf("takes (-want +got):\n%s", diff)
		}
	})
}

// Many takers of one bucket at once, as from several server instances:
// exactly limit of them are accepted.
func TestRateTakeConcurrent(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
		const takers, limit = 40, 7
		var accepted atomic.Int32
		var wg sync.WaitGroup
		for i := range takers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Spread over a few milliseconds, all in one window.
				ok, _, err := db.RateTake(ctx, "flood", limit, time.Hour, now.Add(time.Duration(i)*time.Millisecond))
				if err != nil {
					t.Error(err)
				}
				if ok {
					accepted.Add(1)
				}
			}()
		}
		wg.Wait()
		if n := accepted.Load(); n != limit {
			t.Errorf("%d of %d concurrent takers accepted, want exactly %d", n, takers, limit)
		}
	})
}

// A refund gives back one hit; forgetting a bucket empties it.
func TestRateRefundForget(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 12, 4, 8, 0, 0, 123456789, time.UTC)
		take := func(bucket string) bool {
			t.Helper()
			ok, _, err := db.RateTake(ctx, bucket, 2, time.Hour, now)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		for i, want := range []bool{true, true, false} {
			if got := take("ip"); got != want {
				t.Fatalf("take %d of the address = %v, want %v", i+1, got, want)
			}
		}
		if err := db.RateRefund(ctx, "ip", now); err != nil {
			t.Fatal(err)
		}
		if !take("ip") {
			t.Error("a refunded hit still counts")
		}
		if take("ip") {
			t.Error("a refund gave back more than one hit")
		}
		take("account")
		take("account")
		if err := db.RateForget(ctx, "account"); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			if !take("account") {
				t.Errorf("take %d after forgetting: refused; a forgotten bucket still counts its hits", i+1)
			}
		}
		if take("ip") {
			t.Error("forgetting one bucket emptied another")
		}
	})
}
