package write

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// snapshot returns every entry under dir: folders as "path/", files as
// their content, symbolic links as "-> target". A missing dir is empty.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == dir {
			return fs.SkipAll
		}
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			snap[rel] = "-> " + target
			return err
		case d.IsDir():
			snap[rel+"/"] = ""
		default:
			b, err := os.ReadFile(p)
			snap[rel] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// sameTree fails the test unless got and want hold the same entries.
func sameTree(t *testing.T, got, want map[string]string) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok {
			t.Errorf("missing %s", k)
		} else if g != want[k] {
			t.Errorf("%s = %q, want %q", k, g, want[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected %s", k)
		}
	}
}

// noStaging fails the test if a staging folder is left in dir.
func noStaging(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".roadmapgen-") {
			t.Errorf("staging folder %s left in %s", e.Name(), dir)
		}
	}
}

// files makes a root's file list from path, content pairs.
func files(pc ...string) []File {
	var list []File
	for i := 0; i+1 < len(pc); i += 2 {
		list = append(list, File{Path: pc[i], Data: []byte(pc[i+1])})
	}
	return list
}

// mustSite runs Site and fails the test on error.
func mustSite(t *testing.T, out string, roots []Root, opts Options) {
	t.Helper()
	if err := Site(t.Context(), out, roots, opts); err != nil {
		t.Fatal(err)
	}
}

// built returns a folder holding a previous build of two roots and a file
// of the user's, and the folder's parent.
func built(t *testing.T) (out, parent string) {
	t.Helper()
	parent = t.TempDir()
	out = filepath.Join(parent, "dist")
	mustSite(t, out, []Root{
		{Name: "internal", Files: files("index.html", "old internal", "items/a/index.html", "a")},
		{Name: "public", Files: files("index.html", "old public", "style.css", "b{}")},
	}, Options{})
	if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte("example.org"), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, parent
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		roots []Root
		want  string // "" for no error, else a substring of the error
	}{
		{"plain", []Root{{Name: "public", Files: files("index.html", "")}}, ""},
		{"nested", []Root{{Name: "public", Files: files("items/sso/index.html", "", "items/sso/a.svg", "")}}, ""},
		{"dot names", []Root{{Name: "public", Files: files(".well-known/x", "", "a..b", "", "..c", "", "d.", "")}}, ""},
		{"hyphen and digit root", []Root{{Name: "v2-public", Files: files("x", "")}}, ""},
		{"empty root", []Root{{Name: "internal"}}, ""},
		{"no roots", nil, ""},
		{"empty path", []Root{{Name: "public", Files: files("", "")}}, `dist/public: file path "" is empty`},
		{"absolute", []Root{{Name: "public", Files: files("/etc/passwd", "")}}, `dist/public: file path "/etc/passwd" is absolute`},
		{"parent", []Root{{Name: "public", Files: files("../x", "")}}, `dist/public: file path "../x" has a ".." segment`},
		{"inner parent", []Root{{Name: "public", Files: files("a/../b", "")}}, `"a/../b" has a ".." segment`},
		{"only parent", []Root{{Name: "public", Files: files("..", "")}}, `".." has a ".." segment`},
		{"dot", []Root{{Name: "public", Files: files("./a", "")}}, `"./a" has a "." segment`},
		{"inner dot", []Root{{Name: "public", Files: files("a/./b", "")}}, `"a/./b" has a "." segment`},
		{"double slash", []Root{{Name: "public", Files: files("a//b", "")}}, `"a//b" has an empty segment`},
		{"trailing slash", []Root{{Name: "public", Files: files("a/", "")}}, `"a/" has an empty segment`},
		{"backslash", []Root{{Name: "public", Files: files(`a\b`, "")}}, `contains a backslash`},
		{"nul", []Root{{Name: "public", Files: files("a\x00b", "")}}, `contains a NUL byte`},
		{"duplicate", []Root{{Name: "public", Files: files("a/b", "1", "c", "", "a/b", "2")}}, `dist/public: file path "a/b" is given twice`},
		{"same path in two roots", []Root{{Name: "public", Files: files("a", "")}, {Name: "internal", Files: files("a", "")}}, ""},
		{"file then folder", []Root{{Name: "public", Files: files("a", "", "a/b", "")}}, `dist/public: "a" is a file, but "a/b" uses it as a folder`},
		{"folder then file", []Root{{Name: "public", Files: files("a/b/c", "", "a/b", "")}}, `"a/b" is a file, but "a/b/c" uses it as a folder`},
		{"prefix is not a folder", []Root{{Name: "public", Files: files("a", "", "ab/c", "", "a.html", "")}}, ""},
		{"bad late in list", []Root{{Name: "internal", Files: files("a", "")}, {Name: "public", Files: files("b", "", "c", "", "d//e", "")}}, `dist/public: file path "d//e"`},
		{"root empty", []Root{{Name: ""}}, `root name ""`},
		{"root upper case", []Root{{Name: "Public"}}, `root name "Public"`},
		{"root space", []Root{{Name: "pub lic"}}, `root name "pub lic"`},
		{"root path", []Root{{Name: "a/b"}}, `root name "a/b"`},
		{"root parent", []Root{{Name: ".."}}, `root name ".."`},
		{"root hidden", []Root{{Name: ".old-public"}}, `root name ".old-public"`},
		{"root leading hyphen", []Root{{Name: "-x"}}, `root name "-x"`},
		{"root double hyphen", []Root{{Name: "a--b"}}, `root name "a--b"`},
		{"root twice", []Root{{Name: "public"}, {Name: "public"}}, `root "public" is given twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "dist")
			err := Site(t.Context(), out, tt.roots, Options{})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(filepath.ToSlash(err.Error()), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("output folder created on a validation error (%v)", err)
			}
			noStaging(t, parent)
		})
	}
}

func TestSiteWritesExactly(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "a", "b", "dist") // parents do not exist yet
	mustSite(t, out, []Root{
		{Name: "internal", Files: files("index.html", "<p>in</p>", "items/sso/index.html", "sso", "items/sso/chart.svg", "<svg/>")},
		{Name: "public", Files: files("index.html", "<p>pub</p>", "robots.txt", "User-agent: *\n", ".nojekyll", "")},
		{Name: "empty"},
	}, Options{})
	sameTree(t, snapshot(t, out), map[string]string{
		"internal/":                     "",
		"internal/index.html":           "<p>in</p>",
		"internal/items/":               "",
		"internal/items/sso/":           "",
		"internal/items/sso/index.html": "sso",
		"internal/items/sso/chart.svg":  "<svg/>",
		"public/":                       "",
		"public/index.html":             "<p>pub</p>",
		"public/robots.txt":             "User-agent: *\n",
		"public/.nojekyll":              "",
		"empty/":                        "",
	})
	fi, err := os.Stat(filepath.Join(out, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o133 != 0 || fi.Mode().Perm()&0o600 != 0o600 {
		t.Errorf("file mode %v, want at most 0644 and at least 0600", fi.Mode().Perm())
	}
	noStaging(t, parent)
	noStaging(t, filepath.Dir(out))
}

func TestSiteReplacesRoots(t *testing.T) {
	out, parent := built(t)
	before := snapshot(t, out)
	if err := os.MkdirAll(filepath.Join(out, "other"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "other", "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}

	// Only "public", with style.css gone: internal, CNAME and other/ stay.
	mustSite(t, out, []Root{{Name: "public", Files: files("index.html", "new public")}}, Options{})
	want := map[string]string{
		"internal/":                   "",
		"internal/index.html":         before["internal/index.html"],
		"internal/items/":             "",
		"internal/items/a/":           "",
		"internal/items/a/index.html": "a",
		"public/":                     "",
		"public/index.html":           "new public",
		"CNAME":                       "example.org",
		"other/":                      "",
		"other/keep.txt":              "mine",
	}
	sameTree(t, snapshot(t, out), want)
	noStaging(t, parent)

	// A second build of the same root with fewer folders.
	mustSite(t, out, []Root{{Name: "internal", Files: files("index.html", "new internal")}}, Options{})
	delete(want, "internal/items/")
	delete(want, "internal/items/a/")
	delete(want, "internal/items/a/index.html")
	want["internal/index.html"] = "new internal"
	sameTree(t, snapshot(t, out), want)
	noStaging(t, parent)
}

// cancelAfter is a context whose Err cancels it on its n+1st call, so a
// test can stop a build at each of its checks in turn.
type cancelAfter struct {
	context.Context
	left   atomic.Int64
	cancel context.CancelFunc
}

func (c *cancelAfter) Err() error {
	if c.left.Add(-1) < 0 {
		c.cancel()
	}
	return c.Context.Err()
}

func newCancelAfter(t *testing.T, n int64) *cancelAfter {
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	c := &cancelAfter{Context: ctx, cancel: cancel}
	c.left.Store(n)
	return c
}

func TestSiteFailureLeavesOutAsIs(t *testing.T) {
	many := func(bad string) []File {
		var list []File
		for i := range 500 {
			list = append(list, File{Path: fmt.Sprintf("items/i%03d/index.html", i), Data: []byte("new")})
		}
		return append(list, File{Path: bad, Data: []byte("x")})
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, out string) // runs before the snapshot
		ctx   func(t *testing.T) context.Context
		roots []Root
		opts  Options
		want  string
		is    error
	}{
		{
			name:  "bad path late in list",
			roots: []Root{{Name: "internal", Files: files("index.html", "new")}, {Name: "public", Files: many("items/../x")}},
			want:  `public: file path "items/../x" has a ".." segment`,
		},
		{
			name: "cancelled context",
			ctx: func(t *testing.T) context.Context {
				ctx, cancel := context.WithCancel(t.Context())
				cancel()
				return ctx
			},
			roots: []Root{{Name: "public", Files: files("index.html", "new")}},
			is:    context.Canceled,
		},
		{
			name: "root is a file",
			setup: func(t *testing.T, out string) {
				if err := os.WriteFile(filepath.Join(out, "extra"), []byte("a file"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			roots: []Root{{Name: "public", Files: files("index.html", "new")}, {Name: "extra", Files: files("x", "")}},
			want:  filepath.Join("dist", "extra") + " exists and is not a folder",
		},
		{
			name:  "minify error in a worker",
			roots: []Root{{Name: "internal", Files: files("index.html", "new")}, {Name: "public", Files: append(many("a.js"), File{Path: "z.js", Data: []byte("function ( {")})}},
			opts:  Options{Minify: true},
			want:  "cannot minify",
		},
		{
			name:  "file where the build needs a folder",
			roots: []Root{{Name: "public", Files: files("index.html", "new", "index.html/x", "")}},
			want:  `"index.html" is a file, but "index.html/x" uses it as a folder`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, parent := built(t)
			if tt.setup != nil {
				tt.setup(t, out)
			}
			before := snapshot(t, out)
			ctx := t.Context()
			if tt.ctx != nil {
				ctx = tt.ctx(t)
			}
			err := Site(ctx, out, tt.roots, tt.opts)
			switch {
			case err == nil:
				t.Fatal("no error")
			case tt.is != nil && !errors.Is(err, tt.is):
				t.Errorf("error %v, want %v", err, tt.is)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			sameTree(t, snapshot(t, out), before)
			noStaging(t, parent)
		})
	}
}

// TestSiteCancelAtEachCheck cancels a build at each of its context checks
// in turn: each run either stops with OUT as it was or completes.
func TestSiteCancelAtEachCheck(t *testing.T) {
	var list []File
	for i := range 40 {
		list = append(list, File{Path: fmt.Sprintf("items/i%02d/index.html", i), Data: []byte("new")})
	}
	roots := []Root{{Name: "public", Files: list}}
	cancelled := 0
	for n := int64(0); ; n++ {
		out, parent := built(t)
		before := snapshot(t, out)
		err := Site(newCancelAfter(t, n), out, roots, Options{})
		noStaging(t, parent)
		if err == nil {
			if after := snapshot(t, out); after["public/items/i39/index.html"] != "new" {
				t.Fatalf("n=%d: build reported success but did not write", n)
			}
			break
		}
		if err != context.Canceled {
			t.Fatalf("n=%d: error %v, want context.Canceled itself", n, err)
		}
		sameTree(t, snapshot(t, out), before)
		cancelled++
		if n > 1000 {
			t.Fatal("never completes")
		}
	}
	if cancelled < 40 {
		t.Errorf("only %d checks, want one per folder at least", cancelled)
	}
}

func TestSiteRefusesDangerousOutput(t *testing.T) {
	tests := []struct {
		name   string
		out    string // relative to a temporary folder
		source string // relative to the same folder; "" for none
		setup  func(t *testing.T, dir string)
		want   string // "" for no error
	}{
		{name: "root is the source", out: "dist", source: "dist/public", want: "refusing to replace the source folder"},
		{name: "root contains the source", out: "dist", source: "dist/public/roadmap", want: "contains the source folder"},
		{name: "root is inside the source", out: "roadmap/dist", source: "roadmap", want: "inside the source folder"},
		{name: "out is the source", out: "roadmap", source: "roadmap", want: "inside the source folder"},
		{name: "source with a trailing slash", out: "roadmap/dist", source: "roadmap/", want: "inside the source folder"},
		{name: "source beside out", out: "dist", source: "roadmap"},
		{name: "source in out but not in a root", out: "dist", source: "dist/roadmap"},
		{name: "source with a similar name", out: "dist", source: "dist/public-src"},
		{name: "no source", out: "dist"},
		{
			name: "root is a link to the source", out: "dist", source: "roadmap",
			setup: func(t *testing.T, dir string) {
				mkdir(t, filepath.Join(dir, "dist"))
				symlink(t, filepath.Join(dir, "roadmap"), filepath.Join(dir, "dist", "public"))
			},
			want: "refusing to replace the source folder",
		},
		{
			name: "out is a link into the source", out: "site", source: "roadmap",
			setup: func(t *testing.T, dir string) {
				mkdir(t, filepath.Join(dir, "roadmap", "out"))
				symlink(t, filepath.Join(dir, "roadmap", "out"), filepath.Join(dir, "site"))
			},
			want: "inside the source folder",
		},
		{
			name: "source is a link to a root", out: "dist", source: "src-link",
			setup: func(t *testing.T, dir string) {
				mkdir(t, filepath.Join(dir, "dist", "public"))
				symlink(t, filepath.Join(dir, "dist", "public"), filepath.Join(dir, "src-link"))
			},
			want: "refusing to replace the source folder",
		},
		{
			name: "out is a file", out: "dist",
			setup: func(t *testing.T, dir string) { putFile(t, filepath.Join(dir, "dist"), "x") },
			want:  "dist exists and is not a folder",
		},
		{
			name: "root is a file", out: "dist",
			setup: func(t *testing.T, dir string) { putFile(t, filepath.Join(dir, "dist", "public"), "x") },
			want:  filepath.Join("dist", "public") + " exists and is not a folder",
		},
		{
			name: "out is inside a file", out: "file/dist",
			setup: func(t *testing.T, dir string) { putFile(t, filepath.Join(dir, "file"), "x") },
			want:  "not a directory",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			mkdir(t, filepath.Join(dir, "roadmap", "items"))
			putFile(t, filepath.Join(dir, "roadmap", "roadmap.toml"), "title = 'x'")
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			before := snapshot(t, dir)
			var source string
			if tt.source != "" {
				source = filepath.Join(dir, tt.source)
			}
			out := filepath.Join(dir, tt.out)
			err := Site(t.Context(), out, []Root{{Name: "public", Files: files("index.html", "new")}}, Options{Source: source})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if got := snapshot(t, out)["public/index.html"]; got != "new" {
					t.Errorf("public/index.html = %q", got)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			sameTree(t, snapshot(t, dir), before)
		})
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func putFile(t *testing.T, name, data string) {
	t.Helper()
	mkdir(t, filepath.Dir(name))
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

func TestSiteReplacesLinkedRoot(t *testing.T) {
	dir := t.TempDir()
	putFile(t, filepath.Join(dir, "elsewhere", "keep.txt"), "kept")
	mkdir(t, filepath.Join(dir, "dist"))
	symlink(t, filepath.Join(dir, "elsewhere"), filepath.Join(dir, "dist", "public"))
	mustSite(t, filepath.Join(dir, "dist"), []Root{{Name: "public", Files: files("index.html", "new")}}, Options{})
	sameTree(t, snapshot(t, dir), map[string]string{
		"elsewhere/":             "",
		"elsewhere/keep.txt":     "kept",
		"dist/":                  "",
		"dist/public/":           "",
		"dist/public/index.html": "new",
	})
}

// TestSwapRollback makes a rename fail part way through the swap and
// checks that what was moved is put back.
func TestSwapRollback(t *testing.T) {
	roots := []Root{
		{Name: "internal", Files: files("index.html", "new internal")},
		{Name: "public", Files: files("index.html", "new public")},
		{Name: "fresh", Files: files("index.html", "new fresh")},
	}
	tests := []struct {
		name     string
		failAt   int  // the rename call that fails, from 1
		failBack bool // the first rename back fails too
		wantKept bool // the staging folder must be kept
	}{
		{name: "moving the first old root aside", failAt: 1},
		{name: "placing the first new root", failAt: 2},
		{name: "moving the second old root aside", failAt: 3},
		{name: "placing the second new root", failAt: 4},
		{name: "placing a root that did not exist", failAt: 5},
		{name: "restore fails too", failAt: 4, failBack: true, wantKept: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, parent := built(t)
			before := snapshot(t, out)
			staging, err := os.MkdirTemp(parent, ".dist.roadmapgen-*")
			if err != nil {
				t.Fatal(err)
			}
			if err := build(t.Context(), staging, out, roots, nil); err != nil {
				t.Fatal(err)
			}
			calls := 0
			rename := func(oldpath, newpath string) error {
				calls++
				if calls == tt.failAt || (tt.failBack && calls == tt.failAt+1) {
					return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: fs.ErrPermission}
				}
				return os.Rename(oldpath, newpath)
			}
			err = swap(staging, out, out, []string{"internal", "public", "fresh"}, nil, rename)
			if !errors.Is(err, fs.ErrPermission) {
				t.Fatalf("error %v, want permission denied", err)
			}
			if !strings.Contains(err.Error(), "write "+out) {
				t.Errorf("error %q does not name the output", err)
			}
			if tt.wantKept {
				if !strings.Contains(err.Error(), staging) {
					t.Errorf("error %q does not name the kept staging folder", err)
				}
				if _, err := os.Stat(staging); err != nil {
					t.Errorf("staging folder not kept: %v", err)
				}
				return
			}
			sameTree(t, snapshot(t, out), before)
			noStaging(t, parent)
		})
	}
}

func TestSiteMinify(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	html := "<!DOCTYPE html>\n<html>\n<head>\n  <title>T</title>\n</head>\n<body>\n  <p class=\"a\">x</p>\n</body>\n</html>\n"
	roots := []Root{{Name: "public", Files: files(
		"index.html", html,
		"style.css", "a { color : red ; }\n",
		"notes.txt", "  keep   me  \n",
		"logo.png", "\x89PNG  \n",
	)}}
	mustSite(t, out, roots, Options{Minify: true})
	snap := snapshot(t, out)
	want := map[string]string{
		"public/":           "",
		"public/index.html": `<!doctype html><html><head><title>T</title></head><body><p class="a">x</p></body></html>`,
		"public/style.css":  "a{color:red}",
		"public/notes.txt":  "  keep   me  \n",
		"public/logo.png":   "\x89PNG  \n",
	}
	sameTree(t, snap, want)
	if string(roots[0].Files[0].Data) != html {
		t.Error("Site changed the caller's data")
	}

	mustSite(t, out, roots, Options{})
	if got := snapshot(t, out)["public/index.html"]; got != html {
		t.Errorf("without Minify, index.html = %q", got)
	}
}

// TestSiteManyFiles writes 2,000 files in 100 folders of 20 and 300 in
// items/, which holds those folders too: enough for items/ to be
// written through a root of its own (manyFiles).
func TestSiteManyFiles(t *testing.T) {
	const n = 2300
	var list []File
	want := map[string]string{"public/": "", "public/items/": ""}
	for i := range n {
		dir := fmt.Sprintf("items/d%02d", i%100)
		if i >= 2000 {
			dir = "items"
		}
		p := fmt.Sprintf("%s/f%04d.html", dir, i)
		data := fmt.Sprintf("<p>%d</p>", i)
		list = append(list, File{Path: p, Data: []byte(data)})
		want["public/"+dir+"/"] = ""
		want["public/"+p] = data
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "dist")
	for _, minify := range []bool{false, true} {
		mustSite(t, out, []Root{{Name: "public", Files: list}}, Options{Minify: minify})
		sameTree(t, snapshot(t, out), want)
		noStaging(t, parent)
	}
}

// Files with Make are made as they are written, each into a buffer its
// worker reuses, so a long page never leaks into the next one; a Minified
// file is written as it is.
func TestSiteMake(t *testing.T) {
	const n = 300
	var list []File
	want := map[string]string{"public/": ""}
	for i := range n {
		p := fmt.Sprintf("p%03d.html", i)
		// Sizes alternate long and short, so a reused buffer that is not
		// reset would show.
		body := strings.Repeat("x", (i%2)*500+1)
		list = append(list, File{Path: p, Minified: true, Make: func(w io.Writer) error {
			_, err := fmt.Fprintf(w, "<p>  %d %s</p>\n", i, body)
			return err
		}})
		want["public/"+p] = fmt.Sprintf("<p>  %d %s</p>\n", i, body)
	}
	out := filepath.Join(t.TempDir(), "dist")
	mustSite(t, out, []Root{{Name: "public", Files: list}}, Options{Minify: true})
	sameTree(t, snapshot(t, out), want)
}

// TestSiteLaterFilesComeLast: a file marked Later is made only once every
// other file of every root is written, wherever it stands in its root, and
// a Later file that fails leaves the output as it was.
func TestSiteLaterFilesComeLast(t *testing.T) {
	var made atomic.Int64
	slow := func(root string) []File {
		var list []File
		for i := range 40 {
			list = append(list, File{Path: fmt.Sprintf("p%02d.html", i), Make: func(w io.Writer) error {
				time.Sleep(time.Millisecond) // so that workers overlap
				made.Add(1)
				_, err := io.WriteString(w, root)
				return err
			}})
		}
		return list
	}
	count := File{Path: "a-first-by-path.html", Later: true, Make: func(w io.Writer) error {
		_, err := fmt.Fprint(w, made.Load())
		return err
	}}
	out := filepath.Join(t.TempDir(), "dist")
	mustSite(t, out, []Root{{Name: "internal", Files: append([]File{count}, slow("internal")...)}, {Name: "public", Files: slow("public")}}, Options{})
	got, err := os.ReadFile(filepath.Join(out, "internal", "a-first-by-path.html"))
	if err != nil || string(got) != "80" {
		t.Errorf("the Later file saw %q files made (%v), want all 80", got, err)
	}

	made.Store(0)
	count.Make = func(io.Writer) error { return errors.New("later failed") }
	before := snapshot(t, out)
	err = Site(context.Background(), out, []Root{{Name: "internal", Files: append([]File{count}, slow("new")...)}}, Options{})
	if err == nil || err.Error() != "later failed" {
		t.Fatalf("err = %v, want later failed", err)
	}
	sameTree(t, snapshot(t, out), before)
	noStaging(t, filepath.Dir(out))
}

// TestSiteEarlyFilesComeFirst: a file marked Early, in the last root and
// last by path, is made before any file without it.
func TestSiteEarlyFilesComeFirst(t *testing.T) {
	// One worker claims the files in order, so the order is what is
	// tested, not the timing.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var made atomic.Int64
	var list []File
	for i := range 40 {
		list = append(list, File{Path: fmt.Sprintf("p%02d.html", i), Make: func(w io.Writer) error {
			made.Add(1)
			_, err := io.WriteString(w, "x")
			return err
		}})
	}
	early := File{Path: "z-last-by-path.html", Early: true, Make: func(w io.Writer) error {
		_, err := fmt.Fprint(w, made.Load())
		return err
	}}
	out := filepath.Join(t.TempDir(), "dist")
	mustSite(t, out, []Root{{Name: "internal", Files: list}, {Name: "public", Files: []File{early}}}, Options{})
	got, err := os.ReadFile(filepath.Join(out, "public", "z-last-by-path.html"))
	if err != nil || string(got) != "0" {
		t.Errorf("the Early file saw %q files made (%v), want none", got, err)
	}
}

// When several files fail to make, the error of the first in path order
// is reported, on every run, and the output is left as it was.
func TestSiteMakeErrorIsDeterministic(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "dist")
	mustSite(t, out, []Root{{Name: "public", Files: files("index.html", "old")}}, Options{})
	var list []File
	for i := range 200 {
		list = append(list, File{Path: fmt.Sprintf("p%03d.html", i), Make: func(w io.Writer) error {
			if i%7 == 3 {
				return fmt.Errorf("page %d failed", i)
			}
			_, err := io.WriteString(w, "ok")
			return err
		}})
	}
	for range 20 {
		err := Site(context.Background(), out, []Root{{Name: "public", Files: list}}, Options{})
		if err == nil || err.Error() != "page 3 failed" {
			t.Fatalf("err = %v, want page 3 failed", err)
		}
	}
	sameTree(t, snapshot(t, out), map[string]string{"public/": "", "public/index.html": "old"})
	noStaging(t, parent)
}

// TestSiteReplacesOnlyPreviousOutput: with Options.Replaceable, a root
// replaces a missing or empty folder, a symbolic link and a folder the
// func accepts, and refuses any other, leaving it as it was.
func TestSiteReplacesOnlyPreviousOutput(t *testing.T) {
	marked := func(dir string) bool {
		_, err := os.Stat(filepath.Join(dir, "MARK"))
		return err == nil
	}
	opts := Options{Replaceable: marked}
	root := []Root{{Name: "internal", Files: files("index.html", "new")}}
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, dir string) // dir is OUT/internal
		refused bool
	}{
		{"missing", func(t *testing.T, dir string) {}, false},
		{"empty", func(t *testing.T, dir string) { os.MkdirAll(dir, 0o755) }, false},
		{"accepted", func(t *testing.T, dir string) {
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, "MARK"), nil, 0o644)
		}, false},
		{"someone's folder", func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "pkg"), 0o755)
			os.WriteFile(filepath.Join(dir, "pkg", "main.go"), []byte("package pkg"), 0o644)
		}, true},
		{"a symbolic link is replaced, not followed", func(t *testing.T, dir string) {
			target := filepath.Join(filepath.Dir(filepath.Dir(dir)), "elsewhere")
			os.MkdirAll(target, 0o755)
			os.WriteFile(filepath.Join(target, "notes.txt"), []byte("mine"), 0o644)
			if err := os.Symlink(target, dir); err != nil {
				t.Skip(err)
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "dist")
			os.MkdirAll(out, 0o755)
			tc.prepare(t, filepath.Join(out, "internal"))
			before := snapshot(t, parent)
			err := Site(t.Context(), out, root, opts)
			if !tc.refused {
				if err != nil {
					t.Fatal(err)
				}
				if got := snapshot(t, out)["internal/index.html"]; got != "new" {
					t.Errorf("internal/index.html = %q, want the new build", got)
				}
				if tc.name == "a symbolic link is replaced, not followed" {
					if got := snapshot(t, filepath.Join(parent, "elsewhere"))["notes.txt"]; got != "mine" {
						t.Errorf("the link's target lost notes.txt")
					}
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "refusing to replace a folder that is not a previous build's output") {
				t.Fatalf("err = %v, want a refusal", err)
			}
			sameTree(t, snapshot(t, parent), before)
		})
	}
}
