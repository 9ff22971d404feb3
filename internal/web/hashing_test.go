package web_test

import (
	"testing"

	"github.com/dagang/dagang/internal/demo/demotest"
)

// TestMain builds the demo story once for the package's tests and hashes
// passwords at the cheapest cost (internal/demo/demotest).
func TestMain(m *testing.M) { demotest.Main(m) }
