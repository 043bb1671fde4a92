package rawfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestRead: a folder's files read with system calls alone are the
// bytes os.ReadFile reads, from empty to the size limit; whatever is not
// a regular file within the limit is declined, for readFile to read
// through os and say what is wrong.
func TestRead(t *testing.T) {
	const limit = 1 << 20
	dir := t.TempDir()
	files := map[string]int{"empty.md": 0, "one.md": 1, "small.md": 3000, "at-limit.md": limit, "past-limit.md": limit + 1}
	for name, size := range files {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte('a' + i%26)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	links := symlink(t, "small.md", filepath.Join(dir, "link.md"))
	_, raw := openDir(t, dir)
	for name, size := range files {
		got, ok := raw.Read(name, limit)
		want, _ := os.ReadFile(filepath.Join(dir, name))
		switch {
		case size > limit:
			if ok {
				t.Errorf("%s (%d bytes): read, want declined", name, size)
			}
		case !ok:
			t.Errorf("%s (%d bytes): declined", name, size)
		case string(got) != string(want):
			t.Errorf("%s: read %d bytes, os.ReadFile %d", name, len(got), len(want))
		}
	}
	declined := []string{"folder.md", "missing.md", "../outside.md"}
	if links {
		declined = append(declined, "link.md")
	}
	for _, name := range declined {
		if _, ok := raw.Read(name, limit); ok {
			t.Errorf("%s: read, want declined", name)
		}
	}
}

// TestCreate: a file made with system calls alone holds what was
// written, in one call or many; a name that exists, or is a link, is
// refused as os.Root refuses it with O_EXCL, and the error says so.
func TestCreate(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "taken.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := symlink(t, "elsewhere.html", filepath.Join(dir, "link.html"))
	root, raw := openDir(t, dir)
	f, err := raw.Create("page.html")
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
	if links {
		refused = append(refused, "link.html")
	}
	for _, name := range refused {
		_, err := raw.Create(name)
		_, rootErr := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) || errors.Unwrap(err).Error() != errors.Unwrap(rootErr).Error() {
			t.Errorf("create %s: %v; os.Root says %v", name, err, rootErr)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "taken.html")); string(data) != "old" {
		t.Errorf("taken.html was overwritten: %q", data)
	}
}

// symlink makes a link at name to target where links can be made, and
// reports whether it did.
func symlink(t *testing.T, target, name string) bool {
	t.Helper()
	if runtime.GOOS == "windows" {
		return false
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
	return true
}

// openDir opens dir as an os.Root and as a Dir, both closed when the test
// ends; it skips the test where there is no Dir.
func openDir(t *testing.T, dir string) (*os.Root, *Dir) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	raw := Open(root)
	if raw == nil {
		t.Skip("no raw files on " + runtime.GOOS)
	}
	t.Cleanup(func() { raw.Close() })
	return root, raw
}
