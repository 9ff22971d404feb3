package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

// dbFlag adds --db to fs, defaulting to $DAGANG_DB, then def.
func dbFlag(fs *flagSet, e env, def string) *string {
	if v := e.getenv("DAGANG_DB"); v != "" {
		def = v
	}
	return fs.String("db", def, "basis data: berkas SQLite atau postgres://… (env DAGANG_DB)")
}

// newLogger returns the structured logger of a command.
func newLogger(e env) *slog.Logger {
	level := slog.LevelInfo
	if e.getenv("DAGANG_DEBUG") != "" {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
}

// openExisting opens a database that must already exist: a missing SQLite
// file is an error rather than a new empty database.
func openExisting(ctx context.Context, dsn string, log *slog.Logger) (*store.DB, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("basis data %s belum ada; jalankan 'dagang demo' atau 'dagang serve' dahulu (database %s does not exist)", dsn, dsn)
		}
	}
	return store.Open(ctx, dsn, store.Options{Logger: log})
}

// pickOffice returns the office with the given id, or the first office
// when id is 0.
func pickOffice(ctx context.Context, db *store.DB, id int64) (*dagang.Office, error) {
	if id != 0 {
		return db.FindOfficeByID(ctx, id)
	}
	os, err := db.FindOffices(ctx)
	if err != nil {
		return nil, err
	}
	if len(os) == 0 {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "belum ada dinas di basis data ini", "this database has no office yet")
	}
	return os[0], nil
}

// redact hides the password of a PostgreSQL URL so it never reaches logs
// or the console.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
