//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package filelock

import (
	"errors"
	"os"
)

var errHeld = errors.New("lock held")

// lockFile creates path exclusively, on systems without flock(2). A
// crashed process leaves the file behind: the message names it, and
// removing it frees the database.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return nil, errHeld
	}
	return f, err
}

func unlockFile(f *os.File) error { return f.Close() }
