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
