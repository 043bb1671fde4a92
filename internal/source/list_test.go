package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestListDirMatchesRoot: listDir, which the walk lists folders with,
// gives the names and types fs.ReadDir gives through the source's
// os.Root, in the same order: files, folders, hidden entries and links
// to files, to folders, to nothing and out of the source.
func TestListDirMatchesRoot(t *testing.T) {
	dir := t.TempDir()
	items := filepath.Join(dir, "items")
	for _, d := range []string{"items/b-folder", "items/a-folder/deeper", "outside"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"items/z.md", "items/a.md", "items/.hidden.md", "items/_draft.md", "items/notes.txt", "items/a-folder/x.md", "outside/secret.md"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("+++\ntitle = \"t\"\n+++\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if runtime.GOOS != "windows" {
		for link, target := range map[string]string{"link-file.md": "a.md", "link-folder": "b-folder", "dangling.md": "missing.md", "escape.md": "../outside/secret.md"} {
			if err := os.Symlink(target, filepath.Join(items, link)); err != nil {
				t.Fatal(err)
			}
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, name := range []string{"items", "items/a-folder", "items/b-folder"} {
		want, werr := fs.ReadDir(root.FS(), name)
		got, err := listDir(root, name)
		if err != nil || werr != nil {
			t.Fatalf("%s: listDir error %v, fs.ReadDir error %v", name, err, werr)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: listDir gives %d entries, fs.ReadDir %d", name, len(got), len(want))
		}
		for i := range want {
			if got[i].Name() != want[i].Name() || got[i].Type() != want[i].Type() || got[i].IsDir() != want[i].IsDir() {
				t.Errorf("%s entry %d: listDir %s (%v), fs.ReadDir %s (%v)", name, i, got[i].Name(), got[i].Type(), want[i].Name(), want[i].Type())
			}
		}
	}
	if _, err := listDir(root, "items/missing"); err == nil {
		t.Error("listDir of a missing folder: no error")
	}
}

// TestRawDirRead: a folder's files read with system calls alone are the
// bytes os.ReadFile reads, from empty to the size limit; whatever is not
// a regular file within the limit is declined, for readFile to read
// through os and say what is wrong.
func TestRawDirRead(t *testing.T) {
	dir := t.TempDir()
	files := map[string]int{"empty.md": 0, "one.md": 1, "small.md": 3000, "at-limit.md": MaxFileBytes, "past-limit.md": MaxFileBytes + 1}
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
	links := runtime.GOOS != "windows"
	if links {
		if err := os.Symlink("small.md", filepath.Join(dir, "link.md")); err != nil {
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
		t.Skip("no raw reads on " + runtime.GOOS)
	}
	defer raw.close()
	for name, size := range files {
		got, ok := raw.read(name)
		want, _ := os.ReadFile(filepath.Join(dir, name))
		switch {
		case size > MaxFileBytes:
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
		if _, ok := raw.read(name); ok {
			t.Errorf("%s: read, want declined", name)
		}
	}
}
