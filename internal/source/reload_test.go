package source

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

func itemText(title string) string {
	return "+++\ntitle = \"" + title + "\"\nkind = \"feature\"\nhorizon = \"now\"\n+++\nBody of " + title + ".\n"
}

// TestTreeMatchesLoad changes a source folder step by step, tells a Tree
// about each change as a file watcher would, and requires after every step
// exactly the Site and diagnostics a full Load returns.
func TestTreeMatchesLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(rel string) {
		t.Helper()
		if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	rename := func(from, to string) {
		t.Helper()
		if err := os.Rename(filepath.Join(dir, filepath.FromSlash(from)), filepath.Join(dir, filepath.FromSlash(to))); err != nil {
			t.Fatal(err)
		}
	}
	write(RoadmapFile, "title = \"R\"\nnow = \"2026-Q4\"\n")
	write("items/a.md", itemText("A"))
	write("items/sub/b.md", itemText("B"))
	write("items/sub/a.md", itemText("A again")) // a duplicate id
	write("items/sub-x/c.md", itemText("C"))     // walks after sub/
	write("items/Bad_Name.md", itemText("Bad"))
	write("items/Upper.MD", itemText("Upper"))
	write("items/_draft.md", "not front matter")
	write("items/.hidden/x.md", "not front matter")
	write("items/no-front.md", "no front matter here\n")
	write("items/notes.txt", "ignored")
	outside := filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(outside, []byte(itemText("Out")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "items", "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "items", "linkdir")); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	tree := NewLoader(nil).NewTree(dir)
	tree.Reload(ctx)
	same(t, "initial load", tree, dir)

	steps := []struct {
		name   string
		change func()
		rels   []string
		// read is how many files Update may read again; walked whether it
		// may walk items/.
		read   int
		walked bool
	}{
		{"edit one item", func() { write("items/sub/b.md", itemText("B2")) }, []string{"items/sub/b.md"}, 1, false},
		{"edit twice, reported twice", func() { write("items/a.md", itemText("A2")) }, []string{"items/a.md", "items/a.md"}, 2, false},
		{"break front matter", func() { write("items/a.md", "+++\ntitle = \n+++\n") }, []string{"items/a.md"}, 1, false},
		{"delete the first of two duplicates", func() { remove("items/a.md") }, []string{"items/a.md"}, 0, false},
		{"re-create it", func() { write("items/a.md", itemText("A3")) }, []string{"items/a.md"}, 1, false},
		{"temp file and hidden file", func() { write("items/.a.md.swp", "x"); write("items/_x/y.md", "x") }, []string{"items/.a.md.swp", "items/_x/y.md"}, 0, false},
		{"editor backup", func() { write("items/a.md~", "x") }, []string{"items/a.md~"}, 0, false},
		{"new folder with files", func() { write("items/new/d.md", itemText("D")); write("items/new/e.md", itemText("E")) }, []string{"items/new"}, 2, true},
		{"file in a new nested folder", func() { write("items/new/deep/f.md", itemText("F")) }, []string{"items/new/deep/f.md"}, 1, true},
		{"rename a folder", func() { rename("items/new", "items/renamed") }, []string{"items/new", "items/renamed"}, 3, true},
		{"delete a folder", func() { remove("items/sub-x") }, []string{"items/sub-x"}, 0, true},
		{"break roadmap.toml", func() { write(RoadmapFile, "title = [\n") }, []string{RoadmapFile}, 1, false},
		{"remove roadmap.toml", func() { remove(RoadmapFile) }, []string{RoadmapFile}, 1, false},
		{"remove items/", func() { rename("items", "items.old") }, []string{"items", "items.old"}, 0, true},
		{"empty items/", func() { write("items/.keep", "") }, []string{"items"}, 0, true},
		{"restore items/", func() { remove("items"); rename("items.old", "items") }, []string{"items"}, 8, true},
		{"outside the source parts", func() { write("dist/x.md", itemText("X")) }, []string{"dist/x.md", "dist"}, 0, false},
	}
	for _, s := range steps {
		s.change()
		ch := tree.Update(ctx, s.rels)
		if ch.Read != s.read || ch.Walked != s.walked {
			t.Errorf("%s: Update read %d files (walked %v), want %d (walked %v)", s.name, ch.Read, ch.Walked, s.read, s.walked)
		}
		same(t, s.name, tree, dir)
	}
}

// same fails unless tree holds what a full load of dir finds.
func same(t *testing.T, step string, tree *Tree, dir string) {
	t.Helper()
	var wantDiags, gotDiags diag.List
	want := NewLoader(nil).Load(context.Background(), dir, &wantDiags)
	got := tree.Site(&gotDiags)
	if w, g := wantDiags.Sorted(), gotDiags.Sorted(); !reflect.DeepEqual(w, g) {
		t.Errorf("%s: diagnostics differ\nload: %v\ntree: %v", step, w, g)
	}
	if !slices.Equal(want.Skipped, got.Skipped) {
		t.Errorf("%s: skipped %v, load skips %v", step, got.Skipped, want.Skipped)
	}
	if !reflect.DeepEqual(want.Sources, got.Sources) {
		t.Errorf("%s: sources differ: load has %d files, tree %d", step, len(want.Sources), len(got.Sources))
	}
	if (want.Roadmap == nil) != (got.Roadmap == nil) || (want.Roadmap != nil && !reflect.DeepEqual(want.Roadmap.Data, got.Roadmap.Data)) {
		t.Errorf("%s: roadmap.toml differs", step)
	}
	var wantItems, gotItems []string
	for _, it := range want.Items {
		wantItems = append(wantItems, describeItem(it))
	}
	for _, it := range got.Items {
		gotItems = append(gotItems, describeItem(it))
	}
	if !slices.Equal(wantItems, gotItems) {
		t.Errorf("%s: items differ\nload: %q\ntree: %q", step, wantItems, gotItems)
	}
}

func describeItem(it *Item) string {
	s := it.ID + " " + it.Rel + " " + string(it.Body.src)
	if it.Front == nil {
		return s + " (no front matter)"
	}
	return s + " " + it.Front.File + " " + string(it.Front.Src)
}

func TestWalkOrder(t *testing.T) {
	paths := []string{"items/a-b/x.md", "items/a/x.md", "items/a.md", "items/a/b/c.md", "items/b.md", "items/a/z.md"}
	slices.SortFunc(paths, walkOrder)
	want := []string{"items/a/b/c.md", "items/a/x.md", "items/a/z.md", "items/a-b/x.md", "items/a.md", "items/b.md"}
	if !slices.Equal(paths, want) {
		t.Fatalf("walk order %q, want %q", paths, want)
	}
}
