package main_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// tree reads every file under dir into a map from slash path to content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// itemIDs lists the ids of the example's items (file names under items/).
func itemIDs(t *testing.T, dir string) []string {
	t.Helper()
	var ids []string
	err := filepath.WalkDir(filepath.Join(dir, "items"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			ids = append(ids, strings.TrimSuffix(d.Name(), ".md"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(ids)
	return ids
}

// TestBuildExample builds content/ with the real binary and checks every
// expected file of both roots.
func TestBuildExample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	stdout, stderr, code := run(t, nil, "build", "--source", "../../content", "--out", out, "--today", "2026-11-21")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "built ../../content (52 items, 18 public items)") {
		t.Errorf("unexpected summary:\n%s", stdout)
	}
	files := tree(t, out)
	want := []string{
		"internal/index.html", "internal/executive/index.html", "internal/releases/index.html",
		"internal/technology/index.html", "internal/portfolio/index.html", "internal/roadmap.json",
		"internal/assets/style.css", "internal/assets/charts.css", "internal/assets/internal/views.css",
		"public/index.html", "public/roadmap.json", "public/assets/style.css", "public/assets/charts.css",
	}
	ids := itemIDs(t, "../../content")
	for _, id := range ids {
		want = append(want, "internal/items/"+id+".html")
	}
	for _, f := range want {
		if _, ok := files[f]; !ok {
			t.Errorf("missing %s", f)
		}
	}
	if len(files) != len(want) {
		var extra []string
		for f := range files {
			if !contains(want, f) {
				extra = append(extra, f)
			}
		}
		t.Errorf("%d files, want %d; unexpected: %v", len(files), len(want), extra)
	}
	// The public root stands alone: nothing links out of it or names an
	// internal page.
	for f, body := range files {
		if !strings.HasPrefix(f, "public/") {
			continue
		}
		for _, bad := range []string{"../", "internal", "items/", "executive"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains %q", f, bad)
			}
		}
	}
	for _, id := range ids {
		if strings.Contains(files["public/index.html"], id) && len(id) > 6 {
			t.Errorf("public page contains the item id %q", id)
		}
	}
	// Every view is minified (no indentation left) and names its audience.
	for view, audience := range map[string]string{
		"internal/executive/index.html":  "For executives",
		"internal/releases/index.html":   "For engineering, marketing and sales",
		"internal/technology/index.html": "For engineering leadership",
		"internal/portfolio/index.html":  "For product leadership",
	} {
		if !strings.Contains(files[view], audience) {
			t.Errorf("%s does not say it is %q", view, audience)
		}
		// Templates are minified once, so a line break between loop
		// iterations may stay, but no indentation or comment does.
		if strings.Contains(files[view], "\n ") || strings.Contains(files[view], "\n\t") || strings.Contains(files[view], "<!--") {
			t.Errorf("%s is not minified", view)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestBuildFailureKeepsOutput: a build stopped by an error, in check or in
// the theme, leaves the previous output byte for byte and no temporary
// folder behind.
func TestBuildFailureKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	copyDir(t, "../../content", src)
	out := filepath.Join(dir, "dist")
	if _, stderr, code := run(t, nil, "build", "--source", src, "--out", out, "--today", "2026-11-21"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	before := tree(t, out)
	entries := func() []string {
		list, _ := os.ReadDir(dir)
		var names []string
		for _, e := range list {
			names = append(names, e.Name())
		}
		return names
	}
	if err := os.WriteFile(filepath.Join(src, "items", "broken.md"), []byte("+++\ntitle = \"Broken\"\nkind = \"featur\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, nil, "build", "--source", src, "--out", out, "--today", "2026-11-21")
	if code != 1 || !strings.Contains(stderr, "broken.md:3:8") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("broken build: exit %d\n%s", code, stderr)
	}
	os.Remove(filepath.Join(src, "items", "broken.md"))
	// A theme override that does not parse fails after check.
	theme := filepath.Join(dir, "theme", "layouts")
	os.MkdirAll(theme, 0o755)
	os.WriteFile(filepath.Join(theme, "executive.html"), []byte("{{template \"base\" .}}{{define \"main\"}}{{.Nope"), 0o644)
	_, stderr, code = run(t, nil, "build", "--source", src, "--out", out, "--theme", filepath.Join(dir, "theme"))
	if code != 1 || !strings.Contains(stderr, "executive.html") {
		t.Errorf("broken theme: exit %d\n%s", code, stderr)
	}
	after := tree(t, out)
	if len(before) != len(after) {
		t.Fatalf("output changed: %d files before, %d after", len(before), len(after))
	}
	for f, b := range before {
		if after[f] != b {
			t.Errorf("%s changed after a failed build", f)
		}
	}
	if names := entries(); len(names) != 3 {
		t.Errorf("temporary folders left beside the output: %v", names)
	}
}

// TestBuildRemovesStalePages: a deleted item's page disappears, and
// --site public leaves the internal root as it was.
func TestBuildRemovesStalePages(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	copyDir(t, "../../content", src)
	out := filepath.Join(dir, "dist")
	if _, stderr, code := run(t, nil, "build", "--source", src, "--out", out, "--today", "2026-11-21"); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	page := filepath.Join(out, "internal", "items", "guided-setup.html")
	if _, err := os.Stat(page); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(src, "items", "dispatch", "guided-setup.md")); err != nil {
		t.Fatal(err)
	}
	internalBefore := tree(t, filepath.Join(out, "internal"))
	if _, stderr, code := run(t, nil, "build", "--source", src, "--out", out, "--site", "public", "--today", "2026-11-21"); code != 0 {
		t.Fatalf("public build: exit %d\n%s", code, stderr)
	}
	internalAfter := tree(t, filepath.Join(out, "internal"))
	if len(internalAfter) != len(internalBefore) {
		t.Errorf("--site public changed the internal root")
	}
	if _, stderr, code := run(t, nil, "build", "--source", src, "--out", out, "--today", "2026-11-21"); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(page); !os.IsNotExist(err) {
		t.Errorf("the deleted item's page is still there: %v", err)
	}
}

// TestBuildDeterministic: two builds with different parallelism, time
// zones and locales are byte-identical.
func TestBuildDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if _, stderr, code := run(t, []string{"GOMAXPROCS=1", "TZ=Pacific/Kiritimati", "LANG=de_DE.UTF-8", "SOURCE_DATE_EPOCH=1795219200"}, "build", "--source", "../../content", "--out", a); code != 0 {
		t.Fatalf("build a: exit %d\n%s", code, stderr)
	}
	if _, stderr, code := run(t, []string{"GOMAXPROCS=8", "TZ=America/Adak", "LANG=C", "SOURCE_DATE_EPOCH=1795219200"}, "build", "--source", "../../content", "--out", b); code != 0 {
		t.Fatalf("build b: exit %d\n%s", code, stderr)
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d", len(ta), len(tb))
	}
	for f, x := range ta {
		if !bytes.Equal([]byte(x), []byte(tb[f])) {
			t.Errorf("%s differs between builds", f)
		}
	}
}

// TestBuildKeepsFoldersItDidNotWrite: a build replaces OUT/internal and
// OUT/public whole, so it refuses to replace a folder that is not a
// previous build's output ("--out ." in a Go project has an internal/),
// and says so; a previous build's roots are replaced as before.
func TestBuildKeepsFoldersItDidNotWrite(t *testing.T) {
	for _, site := range []string{"all", "internal", "public"} {
		t.Run(site, func(t *testing.T) {
			out := t.TempDir()
			root := "internal"
			if site == "public" {
				root = "public"
			}
			mine := filepath.Join(out, root, "pkg", "main.go")
			os.MkdirAll(filepath.Dir(mine), 0o755)
			os.WriteFile(mine, []byte("package pkg\n"), 0o644)
			_, stderr, code := run(t, nil, "build", "--source", "../../content", "--out", out, "--site", site, "--today", "2026-11-21")
			want := "refusing to replace a folder that is not a previous build's output"
			if code != 1 || !strings.Contains(stderr, filepath.Join(out, root)+": "+want) {
				t.Errorf("exit %d, want 1 and %q\n%s", code, want, stderr)
			}
			if b, err := os.ReadFile(mine); err != nil || string(b) != "package pkg\n" {
				t.Errorf("%s was lost: %v", mine, err)
			}
			// Once the folder is moved away, builds replace their own roots.
			os.RemoveAll(filepath.Join(out, root))
			for range 2 {
				if _, stderr, code := run(t, nil, "build", "--source", "../../content", "--out", out, "--site", site, "--today", "2026-11-21"); code != 0 {
					t.Fatalf("exit %d\n%s", code, stderr)
				}
			}
		})
	}
}
