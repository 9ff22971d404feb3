package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
)

// ServerSecret returns the secret called name, made (32 random bytes) at
// its first use. Every instance on the database reads the same one, so a
// token one instance signs, another accepts.
func (d *DB) ServerSecret(ctx context.Context, name string) ([]byte, error) {
	var secret []byte
	err := d.read().queryRow(ctx, `SELECT secret FROM server_secrets WHERE name = ?`, name).Scan(&secret)
	if err == nil {
		return secret, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: server secret: %w", err)
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("store: server secret: %w", err)
	}
	// Two instances may race to make it: the first insert wins and both
	// read it back.
	if _, err := d.read().exec(ctx, `INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING`,
		name, fresh, d.now().UTC()); err != nil {
		return nil, fmt.Errorf("store: server secret: %w", err)
	}
	if err := d.read().queryRow(ctx, `SELECT secret FROM server_secrets WHERE name = ?`, name).Scan(&secret); err != nil {
		return nil, fmt.Errorf("store: server secret: %w", err)
	}
	return secret, nil
}
