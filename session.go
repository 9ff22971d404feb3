package dagang

import (
	"context"
	"time"
)

// Session is a logged-in browser. ID is the hash of the secret in the
// cookie; the secret itself is never stored.
type Session struct {
	ID         string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute end, whatever the activity
	// Flash is the message the next page shows once, after a save: a text
	// of the locale catalogue (its Indonesian form), "" for none.
	Flash string
}

// APIToken lets a script act as a user (Authorization: Bearer). Hash is the
// hash of the secret shown once at creation.
type APIToken struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"user_id"`
	Name       string    `json:"name"`
	Hash       string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
}

// AuthService keeps credentials, sessions and tokens.
type AuthService interface {
	// FindCredentials returns the user with this e-mail and its password hash.
	FindCredentials(ctx context.Context, email string) (*User, string, error)
	// SetPassword replaces a user's password hash and ends its sessions.
	SetPassword(ctx context.Context, userID int64, passwordHash string) error
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the session with this id hash, ENOTFOUND if none.
	FindSession(ctx context.Context, id string) (*Session, error)
	// TouchSession records activity on a session.
	TouchSession(ctx context.Context, id string, at time.Time) error
	DeleteSession(ctx context.Context, id string) error
	// SetFlash keeps the message the session's next page shows ("" clears
	// it); a session that does not exist is no error.
	SetFlash(ctx context.Context, id, flash string) error
	// DeleteExpiredSessions removes sessions idle since before idleBefore or
	// past their absolute end at now.
	DeleteExpiredSessions(ctx context.Context, idleBefore, now time.Time) error
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// FindAPIToken returns the token with this hash and records its use
	// (at most once a minute).
	FindAPIToken(ctx context.Context, hash string, at time.Time) (*APIToken, error)
	// FindAPITokens lists a user's tokens (without their hashes' use).
	FindAPITokens(ctx context.Context, userID int64) ([]*APIToken, error)
	// DeleteAPIToken revokes a token; ENOTFOUND if it does not exist.
	DeleteAPIToken(ctx context.Context, id int64) error
}

// PasswordLinkTTL is how long a link to set a password stays valid.
const PasswordLinkTTL = 7 * 24 * time.Hour

// PasswordLinkService keeps the single-use links that let a person set
// the password of their own account (/kata-sandi): the first password of
// the account a business gets when its self-registration is approved.
// The link's secret is never stored, only its hash; a link is spent by
// its first use and expires after PasswordLinkTTL.
type PasswordLinkService interface {
	// FindPasswordLink returns the account of a valid link without
	// spending it; ENOTFOUND when the link is unknown, spent or expired.
	FindPasswordLink(ctx context.Context, secret string) (*User, error)
	// SetPasswordByLink spends the link and sets the account's password
	// hash, ending its sessions and spending its other links, at once;
	// ENOTFOUND as FindPasswordLink, also when another use came first.
	SetPasswordByLink(ctx context.Context, secret, passwordHash string) (*User, error)
}

// UserWriter changes user accounts; every change is audited.
type UserWriter interface {
	// UpdateUser sets the fields of u that c names and leaves u as stored.
	UpdateUser(ctx context.Context, u *User, c Change) error
	// DeleteUser removes a user at version (0: any) with its sessions and
	// tokens.
	DeleteUser(ctx context.Context, id, version int64) error
}
