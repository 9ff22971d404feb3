// Package authtest makes password hashing cheap for tests that build
// demo databases or create accounts: each demo hashes five passwords, and
// at the product's argon2id cost (46 MiB, internal/auth.DefaultParams)
// that is most of such a test's time. The cost of the real parameters is
// the concern of internal/auth's own tests, which do not use this. Only
// tests import this package.
package authtest

import "github.com/dagang/dagang/internal/auth"

// Cheap sets the parameters every hash of this test binary uses to the
// smallest argon2id allows. Call it from TestMain, before m.Run.
func Cheap() {
	auth.DefaultParams = auth.Params{Memory: 8, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
}
