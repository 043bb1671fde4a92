package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/public"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/source"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/internal/write"
	"github.com/roadmapgen/roadmapgen/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var today = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// build renders the site in dir with the default theme.
func build(t *testing.T, dir string) (internal, pub []write.File) {
	t.Helper()
	ctx := context.Background()
	var diags diag.List
	site := source.NewLoader(nil).Load(ctx, dir, &diags)
	m := model.Build(ctx, site, &diags)
	check.Run(ctx, m, check.Options{Today: today}, &diags)
	if diags.HasErrors() {
		var b bytes.Buffer
		diag.WriteAll(&b, diags.Sorted(), diag.Text, site.Sources)
		t.Fatalf("test site has errors:\n%s", b.String())
	}
	var warnings []diag.Diagnostic
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d)
		}
	}
	th, err := theme.Load(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(render.Options{Theme: th, Today: today, Warnings: warnings, BaseURL: "https://roadmap.acme.example/internal/"})
	if err != nil {
		t.Fatal(err)
	}
	p := plan.Make(m)
	if internal, err = r.Internal(ctx, p); err != nil {
		t.Fatal(err)
	}
	if pub, err = r.Public(ctx, public.From(p)); err != nil {
		t.Fatal(err)
	}
	return materialize(t, internal), materialize(t, pub)
}

// materialize renders the pages the writer would render as it writes, so
// tests can read every file's Data.
func materialize(t *testing.T, files []write.File) []write.File {
	t.Helper()
	for i := range files {
		data, err := files[i].Bytes()
		if err != nil {
			t.Fatal(err)
		}
		files[i].Data, files[i].Make = data, nil
	}
	return files
}

// TestGolden compares every page of a small site with its golden file.
// The pages are unminified so that a diff reads well; go test
// ./internal/render -update rewrites them after an intended change.
func TestGolden(t *testing.T) {
	internal, pub := build(t, "testdata/site")
	got := map[string][]byte{}
	for _, f := range internal {
		if !strings.HasPrefix(f.Path, "assets/") {
			got["internal/"+f.Path] = f.Data
		}
	}
	for _, f := range pub {
		if !strings.HasPrefix(f.Path, "assets/") {
			got["public/"+f.Path] = f.Data
		}
	}
	goldenDir := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(goldenDir)
		for p, data := range got {
			path := filepath.Join(goldenDir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	seen := map[string]bool{}
	err := filepath.WalkDir(goldenDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(goldenDir, path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		want, _ := os.ReadFile(path)
		if g, ok := got[rel]; !ok {
			t.Errorf("%s: golden file for a page that is no longer built (run go test ./internal/render -update)", rel)
		} else if !bytes.Equal(g, want) {
			t.Errorf("%s differs from its golden file (go test ./internal/render -update rewrites it):\n%s", rel, firstDiff(g, want))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range got {
		if !seen[p] {
			t.Errorf("%s: no golden file (run go test ./internal/render -update)", p)
		}
	}
}

// firstDiff shows the first differing line.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n  got:  " + gl + "\n  want: " + wl
		}
	}
	return ""
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func files(list []write.File) map[string]string {
	m := map[string]string{}
	for _, f := range list {
		m[f.Path] = string(f.Data)
	}
	return m
}

// TestHostileMarkup asserts the rendered bytes for markup in front matter
// and Markdown: escaped in text, dropped raw HTML, neutralised links.
func TestHostileMarkup(t *testing.T) {
	internal, pub := build(t, "testdata/site")
	in, pb := files(internal), files(pub)
	sso := in["items/sso.html"]
	for _, bad := range []string{"<b>", "<img src=x", "onerror=alert", "javascript:", "<script>"} {
		if strings.Contains(sso, bad) {
			t.Errorf("item page contains %q", bad)
		}
	}
	for _, want := range []string{
		`SAML &#34;single&#34; sign-on &lt;b&gt;`,     // a title with markup and quotes, escaped
		`<a href="https://example.com/docs">docs</a>`, // a safe link kept
		`click`, // the unsafe link's text kept, without its destination
		`<table>`,
		`<h2>Why</h2>`, // a body heading moved below the page's h1
	} {
		if !strings.Contains(sso, want) {
			t.Errorf("item page lacks %q", want)
		}
	}
	exec := in["executive/index.html"]
	if strings.Contains(exec, "<script>") || !strings.Contains(exec, "<strong>SSO</strong>") {
		t.Errorf("theme description not rendered safely:\n%s", exec)
	}
	if !strings.Contains(exec, "Grow &lt;enterprise&gt; revenue") {
		t.Errorf("objective title not escaped")
	}
	// The public page holds public fields only.
	page := pb["index.html"] + pb["roadmap.json"]
	for _, internalOnly := range []string{"ACME deal", "jira.internal", "javascript:", "sso", "session-store", "Session store", "Identity", "IdP quirks", "Unblocks three deals", "2026", "Q4", "Acme roadmap", "Enterprise ready", "Multi-AZ", "Who did what"} {
		if strings.Contains(page, internalOnly) {
			t.Errorf("public output contains internal text %q", internalOnly)
		}
	}
	for _, want := range []string{"Learn more", "Single sign-on", "Sign in with Okta or Entra ID.", "Sign in your way", "Audit log", "A faster login page", "What Acme is building"} {
		if !strings.Contains(page, want) {
			t.Errorf("public output lacks %q", want)
		}
	}
}

// TestLinksAreRelative: every internal link resolves inside the root, so
// the site works from any base path and from the file system.
func TestLinksAreRelative(t *testing.T) {
	internal, _ := build(t, "testdata/site")
	in := files(internal)
	for path, body := range in {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		for _, href := range attrs(body, "href") {
			if strings.HasPrefix(href, "https://") || strings.HasPrefix(href, "#") {
				continue
			}
			target := filepath.ToSlash(filepath.Join(filepath.Dir(path), href))
			if _, ok := in[target]; !ok {
				t.Errorf("%s links to %q, which is not in the output (resolved %s)", path, href, target)
			}
		}
	}
}

// attrs returns the values of attribute name in an HTML text.
func attrs(body, name string) []string {
	var out []string
	for rest := body; ; {
		i := strings.Index(rest, " "+name+`="`)
		if i < 0 {
			return out
		}
		rest = rest[i+len(name)+3:]
		j := strings.IndexByte(rest, '"')
		out = append(out, rest[:j])
		rest = rest[j:]
	}
}

// TestJSONExports checks the shape of both exports.
func TestJSONExports(t *testing.T) {
	internal, pub := build(t, "testdata/site")
	var in struct {
		Format string
		Items  []struct {
			ID   string
			Rank int
		}
	}
	if err := json.Unmarshal([]byte(files(internal)["roadmap.json"]), &in); err != nil {
		t.Fatal(err)
	}
	if in.Format != "roadmapgen/1" || len(in.Items) != 5 || in.Items[0].ID != "session-store" || in.Items[0].Rank != 1 {
		t.Errorf("internal roadmap.json: %+v", in)
	}
	var pb map[string]any
	if err := json.Unmarshal([]byte(files(pub)["roadmap.json"]), &pb); err != nil {
		t.Fatal(err)
	}
	for key := range pb {
		switch key {
		case "format", "title", "intro_html", "feedback_url", "columns", "shipped":
		default:
			t.Errorf("public roadmap.json has unexpected key %q", key)
		}
	}
}

// TestEdgeSites renders plans with nothing in them, or with capacity
// missing, without a panic and with an honest message.
func TestEdgeSites(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		page  string
		want  []string
	}{
		{
			name:  "no items, no teams",
			files: map[string]string{"roadmap.toml": "title = \"Empty\"\nnow = \"2026-Q4\"\n", "items/.keep": ""},
			page:  "executive/index.html",
			want:  []string{"No team declares a capacity"},
		},
		{
			name:  "review overdue",
			files: map[string]string{"roadmap.toml": "title = \"R\"\nnow = \"2026-Q4\"\nreviewed = 2026-08-01\nreview_every = \"quarter\"\n", "items/.keep": ""},
			page:  "index.html",
			want:  []string{"review overdue since 2026-11-01"},
		},
		{
			name: "work on a team without capacity",
			files: map[string]string{
				"roadmap.toml": "title = \"T\"\nnow = \"2026-Q4\"\n[[teams]]\nid = \"a\"\ntitle = \"Team A\"\n",
				"items/x.md":   "+++\ntitle = \"X\"\nkind = \"feature\"\nteam = \"a\"\nhorizon = \"now\"\nwindow = \"2026-Q4\"\nestimate = \"2w\"\n+++\n",
			},
			page: "portfolio/index.html",
			want: []string{"2w committed but no capacity declared", `class="over"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte(body), 0o644)
			}
			internal, pub := build(t, dir)
			page := files(internal)[tt.page]
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("%s lacks %q", tt.page, w)
				}
			}
			if !strings.Contains(files(pub)["index.html"], "Nothing here yet.") && tt.name == "no items, no teams" {
				t.Error("empty public page does not say so")
			}
		})
	}
}

// A minified build streams roadmap.json compactly, item by item; it holds
// the same JSON as the indented export, and the writer is told not to
// minify it again.
func TestJSONStreamedCompact(t *testing.T) {
	ctx := context.Background()
	var diags diag.List
	site := source.NewLoader(nil).Load(ctx, "testdata/site", &diags)
	p := plan.Make(model.Build(ctx, site, &diags))
	th, err := theme.Load(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	var got [2][]byte
	for i, minify := range []bool{false, true} {
		r, err := render.New(render.Options{Theme: th, Today: today, Minify: minify})
		if err != nil {
			t.Fatal(err)
		}
		files, err := r.Internal(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range materialize(t, files) {
			if f.Path == "roadmap.json" {
				got[i] = f.Data
				if f.Minified != minify {
					t.Errorf("minify %v: roadmap.json marked Minified %v", minify, f.Minified)
				}
			}
		}
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, got[0]); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(compact.Bytes(), got[1]) {
		t.Errorf("streamed JSON differs from the indented export, compacted:\n%.300s\n%.300s", got[1], compact.Bytes())
	}
	if bytes.Contains(got[1], []byte("\n")) || !json.Valid(got[1]) {
		t.Error("streamed JSON is not compact, valid JSON")
	}
}
