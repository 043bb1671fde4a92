package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/themes"
)

// defaultItemLayout is the default theme's item.html. A theme folder
// holding a copy of it overrides the file without changing it, which
// makes the renderer execute the template instead of writing the page
// in Go.
const defaultItemLayout = "../../themes/default/layouts/item.html"

// TestItemPageMatchesTemplate renders every item page of the test site,
// a hostile copy of it, the example roadmap and a generated 1,200-item
// roadmap twice: written in Go (the default theme) and executed from
// the default theme's own templates. Minified and readable, with and
// without canonical links, every page must be the same bytes, and the
// pages compared must have covered every optional part of the page.
func TestItemPageMatchesTemplate(t *testing.T) {
	same := referenceTheme(t, map[string]string{"layouts/item.html": defaultItemLayout})
	sites := referenceSites(t, 3, "testdata/site", hostileItemSite(t), "../../content")
	seen := map[string]int{}
	for _, dir := range sites {
		p := checkedPlan(t, dir)
		for _, minify := range []bool{false, true} {
			for _, base := range []string{"", "https://plan.example.com/road map/"} {
				got := itemPages(t, itemRenderer(t, "", base, minify), p)
				want := itemPages(t, itemRenderer(t, same, base, minify), p)
				if len(got) != len(want) || len(got) != len(p.Model.Items) {
					t.Fatalf("%s minify=%v: %d item pages written in Go, %d from the template, %d items", dir, minify, len(got), len(want), len(p.Model.Items))
				}
				for path, w := range want {
					if g := got[path]; g != w {
						t.Errorf("%s minify=%v base %q: %s differs from the template's page:\n%s", dir, minify, base, path, firstDiff([]byte(g), []byte(w)))
					}
					for _, part := range []string{`rel="canonical"`, `class="flags"`, `class="public-copy"`, `<div class="prose">`, `class="prose"`, "&amp;", "&#34;"} {
						if strings.Contains(w, part) {
							seen[part]++
						}
					}
				}
			}
		}
	}
	for _, part := range []string{`rel="canonical"`, `class="flags"`, `class="public-copy"`, `<div class="prose">`, `class="prose"`, "&amp;", "&#34;"} {
		if seen[part] == 0 {
			t.Errorf("no page compared has %s", part)
		}
	}
}

// TestItemPageFollowsBaseOverride: a theme folder that overrides base.html
// gets its own frame on item pages, not the default one written in Go.
func TestItemPageFollowsBaseOverride(t *testing.T) {
	src, err := os.ReadFile("../../themes/default/layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	marked := strings.Replace(string(src), `<a class="skip"`, `<a data-canary="base-override" class="skip"`, 1)
	if marked == string(src) {
		t.Fatal("base.html has no skip link to mark")
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "base.html"), []byte(marked), 0o644); err != nil {
		t.Fatal(err)
	}
	p := checkedPlan(t, "testdata/site")
	for _, minify := range []bool{false, true} {
		pages := itemPages(t, itemRenderer(t, dir, "", minify), p)
		if len(pages) == 0 {
			t.Fatal("no item pages")
		}
		for path, page := range pages {
			if !strings.Contains(page, `data-canary="base-override"`) {
				t.Errorf("minify=%v: %s does not use the overriding base.html", minify, path)
			}
		}
	}
}

// itemRenderer renders with the default theme merged with themeDir (""
// for none) and the internal root's base URL.
func itemRenderer(tb testing.TB, themeDir, base string, minify bool) *render.Renderer {
	tb.Helper()
	th, err := theme.Load(themes.Default(), themeDir)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := render.New(render.Options{Theme: th, Today: today, Minify: minify, BaseURL: base})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
