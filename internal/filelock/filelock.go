// Package filelock keeps two servers off one SQLite file: `dagang serve`
// and `dagang demo` hold an OS lock on a lock file beside the database for
// as long as they run, and `dagang demo` never deletes a database whose
// lock another process holds. The operating system drops the lock when the
// process ends, crashed or not, so a stale lock file stops no one.
// Commands that only read or write a few rows (reports, imports) take no
// lock: SQLite lets them work beside a running server.
package filelock

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// Lock is a held lock; Release gives it back.
type Lock struct {
	f    *os.File
	path string
}

// PathFor is the lock file of a database file.
func PathFor(db string) string { return db + ".lock" }

// Acquire takes the lock of the database file db without waiting. When
// another process holds it, the error (ECONFLICT) names the lock file and,
// where the system lets it be read, the process id written in it.
func Acquire(db string) (*Lock, error) {
	path := PathFor(db)
	f, err := lockFile(path)
	if err == errHeld {
		pid := holder(path)
		who := "proses lain"
		whoEN := "another process"
		if pid != "" {
			who, whoEN = "proses "+pid, "process "+pid
		}
		return nil, &dagang.Error{Code: dagang.ECONFLICT,
			Message:   fmt.Sprintf("basis data %s sedang dipakai oleh %s (kunci %s); hentikan proses itu dahulu, atau pakai --db lain", db, who, path),
			MessageEN: fmt.Sprintf("database %s is in use by %s (lock %s); stop that process first, or use another --db", db, whoEN, path)}
	}
	if err != nil {
		return nil, fmt.Errorf("kunci %s: %w", path, err)
	}
	// The holder's process id, for the message of the next one to try.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f, path: path}, nil
}

// Release gives the lock back and removes the lock file.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	// Remove first, while the lock is still held: no one can have taken
	// the file in between.
	os.Remove(l.path)
	err := unlockFile(l.f)
	l.f = nil
	return err
}

// holder reads the process id in a lock file, or "".
func holder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	s := strings.TrimSpace(string(b))
	if _, err := strconv.Atoi(s); err != nil {
		return ""
	}
	return s
}
