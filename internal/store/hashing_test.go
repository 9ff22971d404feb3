package store_test

import (
	"os"
	"testing"

	"github.com/dagang/dagang/internal/authtest"
)

// TestMain hashes passwords at the cheapest argon2id cost (internal/authtest).
func TestMain(m *testing.M) {
	authtest.Cheap()
	os.Exit(m.Run())
}
