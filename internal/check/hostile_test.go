package check_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/datelike"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

func TestSymlinks(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	if err := os.WriteFile(secret, []byte(baseItem), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "items", "inner"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "roadmap.toml"), []byte(baseRoadmap), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "items", "a.md"), []byte(baseItem), 0o644))
	if err := os.Symlink(secret, filepath.Join(dir, "items", "leak.md")); err != nil {
		t.Skipf("symlinks not supported here: %v", err)
	}
	must(t, os.Symlink(outside, filepath.Join(dir, "items", "linked-folder")))
	must(t, os.Symlink(filepath.Join("..", "a.md"), filepath.Join(dir, "items", "inner", "alias.md")))
	must(t, os.Symlink(filepath.Join("..", "..", "..", "etc", "passwd"), filepath.Join(dir, "items", "dots.md")))

	// items/inner/alias.md links inside the source: it is read, as item
	// "alias".
	got := strings.Join(diagnose(t, dir), "\n")
	want := strings.Join([]string{
		"items/dots.md: error: symbolic link leaves the source folder or is broken: refused",
		"items/leak.md: error: symbolic link leaves the source folder or is broken: refused",
		"items/linked-folder: error: symbolic link leaves the source folder or is broken: refused",
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	var diags diag.List
	site := source.NewLoader(nil).Load(context.Background(), dir, &diags)
	var ids []string
	for _, it := range site.Items {
		ids = append(ids, it.ID)
	}
	if strings.Join(ids, ",") != "a,alias" {
		t.Errorf("items loaded: %v, want a and alias", ids)
	}
	if strings.Contains(got, "secret") {
		t.Error("the outside file was read")
	}
}

func TestRoadmapSymlinkOutsideRefused(t *testing.T) {
	outside := t.TempDir()
	must(t, os.WriteFile(filepath.Join(outside, "roadmap.toml"), []byte(baseRoadmap), 0o644))
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "items"), 0o755))
	if err := os.Symlink(filepath.Join(outside, "roadmap.toml"), filepath.Join(dir, "roadmap.toml")); err != nil {
		t.Skipf("symlinks not supported here: %v", err)
	}
	got := strings.Join(diagnose(t, dir), "\n")
	if !strings.Contains(got, "roadmap.toml: error: cannot read: path escapes from parent") {
		t.Errorf("roadmap.toml outside the source was not refused:\n%s", got)
	}
}

func TestHostileSizes(t *testing.T) {
	tests := []struct {
		name, item, want string
	}{
		{"oversized file", "+++\ntitle = \"x\"\n+++\n" + strings.Repeat("a", source.MaxFileBytes), "items/b.md: error: file is 1048596 bytes, more than the limit of 1048576"},
		{"oversized front matter", "+++\ntitle = \"" + strings.Repeat("a", source.MaxTOMLBytes) + "\"\n+++\n", "items/b.md:2:1: error: front matter is 65547 bytes, more than the limit of 65536: move prose into the Markdown body"},
		{"deep nesting", "+++\nx = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n+++\n", "items/b.md:2:13: error: TOML nests arrays or tables 5000 levels deep; roadmapgen accepts at most 8"},
		{"deep inline tables", "+++\nx = " + strings.Repeat("{a=", 20) + "1" + strings.Repeat("}", 20) + "\n+++\n", "items/b.md:2:29: error: TOML nests arrays or tables 20 levels deep; roadmapgen accepts at most 8"},
		{"not utf-8", "+++\ntitle = \"\xff\"\n+++\n", "items/b.md:2:1: error: TOML is not valid UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			got := runSite(t, map[string]string{"items/b.md": tt.item})
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// FuzzPipeline runs every stage (load, model, check) on an arbitrary item
// file and roadmap.toml: nothing may panic, and every diagnostic must point
// into the file it names.
func FuzzPipeline(f *testing.F) {
	f.Add([]byte(baseItem), []byte(baseRoadmap))
	f.Add([]byte(item(append(base, `depends_on = ["a", "b", "x"]`, `rice = { reach = 1 }`, `visibility = "public"`, `public_summary = "in Q3"`)...)), []byte(baseRoadmap))
	f.Add([]byte(item(`title = 1`, `kind = ["feature"]`, `horizon = { a = 1 }`, `window = 2026`, `estimate = 3`, `depends_on = "a"`, `rice = 5`)), []byte("objectives = 1\nthemes = [1]\n[capacity]\nproduct = \"x\"\n"))
	f.Add([]byte("+++\n+++\n"), []byte("now = \"2026-H1\"\nreviewed = 2026-01-01T10:00:00Z\n[[teams]]\nid = \"a\"\ncapacity = -1\n[[teams]]\nid = \"a\"\n"))
	dates := datelike.New() // compiling the patterns takes milliseconds: once
	f.Fuzz(func(t *testing.T, itemSrc, roadmap []byte) {
		fsys := fstest.MapFS{
			"roadmap.toml": {Data: roadmap},
			"items/b.md":   {Data: itemSrc},
			"items/a.md":   {Data: []byte(baseItem)},
			"items/s/c.md": {Data: itemSrc},
		}
		var diags diag.List
		site := source.NewLoader(nil).LoadFS(context.Background(), fsys, "src", &diags)
		plan := model.Build(context.Background(), site, &diags)
		check.Run(context.Background(), plan, check.Options{Today: today, Dates: dates}, &diags)
		for _, d := range diags.Sorted() {
			if d.Pos.Line == 0 {
				continue
			}
			if _, ok := site.Sources.Line(d.Pos.File, d.Pos.Line); !ok {
				t.Fatalf("diagnostic points past its file: %s: %s", d.Pos, d.Message)
			}
		}
	})
}
