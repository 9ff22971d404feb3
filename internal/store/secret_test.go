package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/dagang/dagang/internal/store"
)

// Every instance on the database reads the same secret, made once even
// when several ask for it at the same time.
func TestServerSecret(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var wg sync.WaitGroup
		got := make([][]byte, 8)
		for i := range got {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				s, err := db.ServerSecret(ctx, "form")
				if err != nil {
					t.Error(err)
				}
				got[i] = s
			}(i)
		}
		wg.Wait()
		for i := range got {
			if len(got[i]) != 32 || string(got[i]) != string(got[0]) {
				t.Fatalf("secret %d = %x, secret 0 = %x; want the same 32 bytes", i, got[i], got[0])
			}
		}
		other, err := db.ServerSecret(ctx, "other")
		if err != nil || string(other) == string(got[0]) {
			t.Errorf("another name's secret = %x, %v; want a different one", other, err)
		}
	})
}
