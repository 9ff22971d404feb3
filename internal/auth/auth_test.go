package auth

import (
	"strings"
	"testing"
)

// cheap keeps the tests fast; the format and checks are the same.
var cheap = Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}

func TestPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("rahasia-kalsel", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q lacks the PHC prefix", h)
	}
	h2, _ := HashPassword("rahasia-kalsel", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: salt not random")
	}
	tests := []struct {
		password string
		want     bool
	}{
		{"rahasia-kalsel", true},
		{"rahasia-kalseL", false},
		{"", false},
	}
	for _, tt := range tests {
		ok, err := VerifyPassword(tt.password, h)
		if err != nil || ok != tt.want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", tt.password, ok, err, tt.want)
		}
	}
}

func TestVerifyMalformed(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=18$m=64,t=1,p=1$c2FsdA$a2V5",
		"$argon2id$v=19$m=0,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=64,t=1,p=1$!!$a2V5", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdA$a2V5"} {
		if ok, err := VerifyPassword("x", h); ok || err != ErrMalformedHash {
			t.Errorf("VerifyPassword(%q) = %v, %v; want false, ErrMalformedHash", h, ok, err)
		}
	}
}

func TestSecrets(t *testing.T) {
	a, b := NewSecret("dgt_"), NewSecret("dgt_")
	if a == b || !strings.HasPrefix(a, "dgt_") || len(a) != 4+43 {
		t.Errorf("secrets %q, %q", a, b)
	}
	if h := HashSecret(a); h == HashSecret(b) || len(h) != 64 || h != HashSecret(strings.Clone(a)) {
		t.Error("HashSecret is not a stable 256-bit hex digest")
	}
	if p := NewPassword(); len(p) != 26 || p == NewPassword() {
		t.Errorf("NewPassword = %q", p)
	}
}

func BenchmarkHashDefault(b *testing.B) {
	for b.Loop() {
		HashPassword("rahasia-kalsel", DefaultParams)
	}
}
