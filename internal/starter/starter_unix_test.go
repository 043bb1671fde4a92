//go:build unix

package starter

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestWriteUmask: the new roadmap folder is made under the umask, as the
// folders and files in it are, not readable by all when they are not.
func TestWriteUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "roadmap")
	if _, err := Write(dir, DatesFor(time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{dir, filepath.Join(dir, "items")} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m != 0o700 {
			t.Errorf("%s: mode %o, want 700 under umask 077", p, m)
		}
	}
}
