package source

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

const okItem = "+++\ntitle = \"A\"\n+++\nBody.\n"

// writeTree creates files (slash paths to contents) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlinkOrSkip(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links are not available here: %v", err)
	}
}

// load loads dir and returns the item ids and the diagnostics, with paths
// relative to dir.
func load(t *testing.T, dir string) (ids, msgs []string) {
	t.Helper()
	var diags diag.List
	site := NewLoader(nil).Load(context.Background(), dir, &diags)
	for _, it := range site.Items {
		ids = append(ids, it.ID)
	}
	for _, d := range diags.Sorted() {
		file := filepath.ToSlash(strings.TrimPrefix(d.Pos.File, dir+string(filepath.Separator)))
		msgs = append(msgs, file+": "+d.Message)
	}
	return ids, msgs
}

// TestItemIDsCannotNamePaths: an item's id becomes the folder of its page
// (items/<id>/), so a file name that is not a slug is refused, and nothing
// that could climb out of a folder or name another one becomes an id.
func TestItemIDsCannotNamePaths(t *testing.T) {
	names := []string{
		"a..b.md", "Upper.md", "space name.md", "dot.dot.md", "back\\slash.md",
		"percent%2e%2e.md", "tilde~.md", "ünï.md", "-lead.md", "trail-.md", "a--b.md",
		strings.Repeat("x", 101) + ".md",
	}
	if runtime.GOOS == "windows" {
		names = slices.DeleteFunc(names, func(n string) bool { return strings.ContainsAny(n, "\\") })
	}
	files := map[string]string{"roadmap.toml": "title = \"T\"\n", "items/fine.md": okItem}
	for _, n := range names {
		files["items/"+n] = okItem
	}
	dir := t.TempDir()
	writeTree(t, dir, files)
	ids, msgs := load(t, dir)
	if !slices.Equal(ids, []string{"fine"}) {
		t.Errorf("items loaded: %q, want only \"fine\"", ids)
	}
	refused := 0
	for _, m := range msgs {
		if strings.Contains(m, "invalid item id") {
			refused++
		}
	}
	if refused != len(names) {
		t.Errorf("%d file names refused, want %d:\n%s", refused, len(names), strings.Join(msgs, "\n"))
	}
	for _, id := range ids {
		if !filepath.IsLocal(filepath.Join("items", id, "index.html")) || strings.ContainsAny(id, `./\`) {
			t.Errorf("id %q can name a path", id)
		}
	}
}

// TestLinksOutOfTheSource: the loader reads through an os.Root, so no
// symbolic link (to a file, to a folder, as items/ itself, as
// roadmap.toml, relative or absolute) makes it read outside the source.
func TestLinksOutOfTheSource(t *testing.T) {
	const secret = "+++\ntitle = \"CANARY-OUTSIDE\"\n+++\nCANARY-OUTSIDE\n"
	tests := []struct {
		name  string
		setup func(t *testing.T, src, outside string)
		want  string // a message that must be reported
	}{
		{"item links to an outside file", func(t *testing.T, src, outside string) {
			symlinkOrSkip(t, filepath.Join(outside, "secret.md"), filepath.Join(src, "items", "leak.md"))
		}, "items/leak.md: symbolic link leaves the source folder or is broken: refused"},
		{"item links out with dots", func(t *testing.T, src, outside string) {
			rel, err := filepath.Rel(filepath.Join(src, "items"), filepath.Join(outside, "secret.md"))
			if err != nil {
				t.Fatal(err)
			}
			symlinkOrSkip(t, rel, filepath.Join(src, "items", "dots.md"))
		}, "items/dots.md: symbolic link leaves the source folder or is broken: refused"},
		{"item links through a folder inside to outside", func(t *testing.T, src, outside string) {
			symlinkOrSkip(t, outside, filepath.Join(src, "door"))
			symlinkOrSkip(t, filepath.Join("..", "door", "secret.md"), filepath.Join(src, "items", "via.md"))
		}, "items/via.md: symbolic link leaves the source folder or is broken: refused"},
		{"items folder is a link outside", func(t *testing.T, src, outside string) {
			if err := os.RemoveAll(filepath.Join(src, "items")); err != nil {
				t.Fatal(err)
			}
			symlinkOrSkip(t, outside, filepath.Join(src, "items"))
		}, "items: cannot read"},
		{"roadmap.toml links outside", func(t *testing.T, src, outside string) {
			if err := os.Remove(filepath.Join(src, "roadmap.toml")); err != nil {
				t.Fatal(err)
			}
			symlinkOrSkip(t, filepath.Join(outside, "roadmap.toml"), filepath.Join(src, "roadmap.toml"))
		}, "roadmap.toml: cannot read: path escapes from parent"},
		{"a subfolder of items links outside", func(t *testing.T, src, outside string) {
			symlinkOrSkip(t, outside, filepath.Join(src, "items", "more"))
		}, "items/more: symbolic link leaves the source folder or is broken: refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			src, outside := filepath.Join(root, "src"), filepath.Join(root, "outside")
			writeTree(t, outside, map[string]string{"secret.md": secret, "roadmap.toml": "title = \"CANARY-OUTSIDE\"\n"})
			writeTree(t, src, map[string]string{"roadmap.toml": "title = \"T\"\n", "items/a.md": okItem})
			tt.setup(t, src, outside)
			var diags diag.List
			site := NewLoader(nil).Load(context.Background(), src, &diags)
			_, msgs := load(t, src)
			found := false
			for _, m := range msgs {
				found = found || strings.HasPrefix(m, tt.want)
			}
			if !found {
				t.Errorf("no %q among:\n%s", tt.want, strings.Join(msgs, "\n"))
			}
			for file, data := range site.Sources {
				if strings.Contains(string(data), "CANARY-OUTSIDE") {
					t.Errorf("read %s from outside the source", file)
				}
			}
			for _, it := range site.Items {
				if strings.Contains(string(it.Body.src), "CANARY-OUTSIDE") {
					t.Errorf("item %q holds text from outside the source", it.ID)
				}
			}
		})
	}
}

// TestLinkInsideTheSourceIsRead: a link that stays inside the source folder
// is an ordinary file, so refusing links does not refuse this.
func TestLinkInsideTheSourceIsRead(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, map[string]string{"roadmap.toml": "title = \"T\"\n", "shared/b.md": okItem, "items/a.md": okItem})
	symlinkOrSkip(t, filepath.Join("..", "shared", "b.md"), filepath.Join(src, "items", "b.md"))
	ids, msgs := load(t, src)
	if !slices.Equal(ids, []string{"a", "b"}) || len(msgs) != 0 {
		t.Errorf("ids %q, diagnostics:\n%s", ids, strings.Join(msgs, "\n"))
	}
}

// TestFolderRootsKeepLinks: a folder of items with a root of its own
// (folderRoots) still reads a link to a file elsewhere in the source, and
// still refuses one that leaves the source.
func TestFolderRootsKeepLinks(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"roadmap.toml": "title = \"T\"\n", "items/b/target.md": okItem}
	for _, id := range []string{"one", "two", "three", "four", "five"} {
		files["items/a/"+id+".md"] = okItem
	}
	writeTree(t, dir, files)
	outside := filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(outside, []byte(okItem), 0o644); err != nil {
		t.Fatal(err)
	}
	symlinkOrSkip(t, filepath.Join("..", "b", "target.md"), filepath.Join(dir, "items", "a", "linked.md"))
	symlinkOrSkip(t, outside, filepath.Join(dir, "items", "a", "escape.md"))
	ids, msgs := load(t, dir)
	slices.Sort(ids)
	if want := []string{"five", "four", "linked", "one", "target", "three", "two"}; !slices.Equal(ids, want) {
		t.Errorf("items loaded: %q, want %q (messages: %q)", ids, want, msgs)
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "items/a/escape.md: symbolic link leaves the source folder") {
		t.Errorf("messages: %q, want only escape.md refused", msgs)
	}
}

// TestOpenFolders: the walk opens a root for each folder of items it
// enters, and a file opens through its folder's root alone.
func TestOpenFolders(t *testing.T) {
	dir := t.TempDir()
	rels := []string{"items/top.md", "items/a/one.md", "items/a/two.md", "items/c/lone.md"}
	files := map[string]string{}
	for _, rel := range rels {
		files[rel] = okItem
	}
	writeTree(t, dir, files)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	r := NewLoader(nil).NewTree(dir).startReading(context.Background(), root.FS(), root)
	defer r.wait()
	for _, d := range []string{"items", "items/a", "items/c"} {
		r.enter(d)
	}
	if len(r.roots) != 3 {
		t.Fatalf("folders with a root: %v, want items, items/a and items/c", r.roots)
	}
	for _, rel := range rels {
		// Nothing but the folder's root can open the file here.
		file, err := folderFS{fstest.MapFS{}, r.roots[path.Dir(rel)]}.Open(rel)
		if err != nil {
			t.Fatalf("open %s through its folder's root: %v", rel, err)
		}
		file.Close()
	}
}

// TestManyFolders: a source with more folders of items than the walk
// opens roots for loads every item, those past the bound through the
// source's root, and holds no more than maxFolderRoots roots.
func TestManyFolders(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"roadmap.toml": "title = \"T\"\n"}
	n := maxFolderRoots + 20
	for i := range n {
		files[fmt.Sprintf("items/f%03d/item-%03d.md", i, i)] = okItem
	}
	writeTree(t, dir, files)
	ids, msgs := load(t, dir)
	if len(ids) != n || len(msgs) != 0 {
		t.Fatalf("loaded %d items of %d, messages %q", len(ids), n, msgs)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	r := NewLoader(nil).NewTree(dir).startReading(context.Background(), root.FS(), root)
	for i := range n {
		r.enter(fmt.Sprintf("items/f%03d", i))
	}
	if len(r.roots) != maxFolderRoots {
		t.Errorf("%d roots open, want %d", len(r.roots), maxFolderRoots)
	}
	r.wait()
}
