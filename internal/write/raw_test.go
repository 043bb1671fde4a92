package write

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestRawDirCreate: a file made with system calls alone holds what was
// written, in one call or many; a name that exists, or is a link, is
// refused as os.Root refuses it with O_EXCL, and the error says so.
func TestRawDirCreate(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "taken.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if err := os.Symlink("elsewhere.html", filepath.Join(dir, "link.html")); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	raw := openRawDir(root)
	if raw == nil {
		t.Skip("no raw files on " + runtime.GOOS)
	}
	defer raw.close()
	f, err := raw.create("page.html")
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 3<<20)
	for i := range big {
		big[i] = byte('a' + i%26)
	}
	for _, p := range [][]byte{[]byte("<!doctype html>"), big, nil, []byte("end")} {
		if n, err := f.Write(p); n != len(p) || err != nil {
			t.Fatalf("Write of %d bytes: %d, %v", len(p), n, err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "<!doctype html>" + string(big) + "end"; string(got) != want {
		t.Errorf("page.html holds %d bytes, want %d", len(got), len(want))
	}
	refused := []string{"taken.html"}
	if runtime.GOOS != "windows" {
		refused = append(refused, "link.html")
	}
	for _, name := range refused {
		_, err := raw.create(name)
		_, rootErr := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) || cause(err).Error() != cause(rootErr).Error() {
			t.Errorf("create %s: %v; os.Root says %v", name, err, rootErr)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "taken.html")); string(data) != "old" {
		t.Errorf("taken.html was overwritten: %q", data)
	}
}
