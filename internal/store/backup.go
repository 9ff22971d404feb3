package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of a SQLite database to path with
// VACUUM INTO: it reads one snapshot, so it is safe while the server keeps
// writing. path must not exist yet. PostgreSQL is backed up with pg_dump
// (see docs/operations.md), not here.
func (d *DB) Backup(ctx context.Context, path string) error {
	if d.dialect.name() != "sqlite" {
		return fmt.Errorf("store: backup: only SQLite is backed up by dagang; use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("berkas cadangan %s sudah ada (backup file already exists)", path)
	}
	if _, err := d.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return fmt.Errorf("store: backup: %w", err)
	}
	return nil
}

// LatestSchemaVersion is the highest migration this program knows.
func LatestSchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// CheckSQLiteBackup opens the SQLite file at path read-only and checks it:
// PRAGMA integrity_check must say ok and its schema version must be one
// this program knows (older ones are migrated after the restore). It
// returns the schema version.
func CheckSQLiteBackup(ctx context.Context, path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, fmt.Errorf("berkas cadangan %s tidak terbaca: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil {
		return 0, fmt.Errorf("berkas %s bukan basis data SQLite yang utuh (not an intact SQLite database): %w", path, err)
	}
	if check != "ok" {
		return 0, fmt.Errorf("berkas %s rusak (integrity_check: %s)", path, check)
	}
	var v int
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil || v == 0 {
		return 0, fmt.Errorf("berkas %s bukan cadangan dagang: tidak ada versi skema (no dagang schema version)", path)
	}
	if latest := LatestSchemaVersion(); v > latest {
		return 0, fmt.Errorf("cadangan %s berskema versi %d, lebih baru dari program ini (%d): pakai dagang yang lebih baru (backup schema is newer than this program)", path, v, latest)
	}
	return v, nil
}

// SQLiteHasData reports whether the SQLite file at path exists and holds
// at least one row outside schema_migrations.
func SQLiteHasData(ctx context.Context, path string) (bool, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if st.Size() == 0 {
		return false, nil
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return false, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")
	if err != nil {
		return true, fmt.Errorf("berkas %s tidak terbaca sebagai SQLite (not readable as SQLite): %w", path, err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return true, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return true, err
	}
	for _, n := range names {
		var one int
		err := db.QueryRowContext(ctx, `SELECT 1 FROM "`+n+`" LIMIT 1`).Scan(&one)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return true, err
		}
	}
	return false, nil
}

// RestoreSQLite replaces the SQLite database at to with a copy of the
// checked backup from: it copies to a temporary file beside to, syncs it,
// removes to's WAL and shared-memory files and renames the copy into
// place, so an interrupted restore leaves the old file or the new one. The
// server must be stopped first. The caller checks from and to beforehand
// (CheckSQLiteBackup, SQLiteHasData).
func RestoreSQLite(from, to string) error {
	if dir := filepath.Dir(to); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	tmp, err := os.CreateTemp(filepath.Dir(to), filepath.Base(to)+".restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, src); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(to + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(tmp.Name(), to)
}
