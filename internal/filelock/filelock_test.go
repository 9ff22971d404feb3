package filelock_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/filelock"
)

func TestOneHolderAtATime(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	l, err := filelock.Acquire(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = filelock.Acquire(db)
	if dagang.ErrorCode(err) != dagang.ECONFLICT {
		t.Fatalf("second acquire: %v, want a conflict", err)
	}
	msg := dagang.ErrorMessage(err, "id")
	for _, want := range []string{"sedang dipakai", filelock.PathFor(db)} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if pidReadable && !strings.Contains(msg, "proses "+strconv.Itoa(os.Getpid())) {
		t.Errorf("message %q does not name this process", msg)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l, err = filelock.Acquire(db)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l.Release()
}

// A lock file left by a process that died holds nothing: the lock is the
// operating system's, not the file's.
func TestStaleLockFile(t *testing.T) {
	if !osLock {
		t.Skip("no OS file lock on this system: a stale lock file is removed by hand")
	}
	db := filepath.Join(t.TempDir(), "a.db")
	if err := os.WriteFile(filelock.PathFor(db), []byte("999999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := filelock.Acquire(db)
	if err != nil {
		t.Fatalf("stale lock file: %v", err)
	}
	l.Release()
}

// pidReadable: Windows lets no one read the file a process holds.
var pidReadable = runtime.GOOS != "windows"

// osLock: where the operating system drops the lock with the process.
var osLock = map[string]bool{"linux": true, "darwin": true, "freebsd": true, "netbsd": true, "openbsd": true, "dragonfly": true, "windows": true}[runtime.GOOS]
