package render_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/chart/charttest"
	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/gen"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/source"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/themes"
)

// svgReference is the html/template "svg" partial the default theme had
// before pictures were drawn in Go.
const svgReference = "../chart/testdata/svg_template.html"

// checkedPlan loads, checks and ranks the site in dir, which must have no
// errors.
func checkedPlan(tb testing.TB, dir string) *plan.Plan {
	tb.Helper()
	ctx := context.Background()
	var diags diag.List
	site := source.NewLoader(nil).Load(ctx, dir, &diags)
	m := model.Build(ctx, site, &diags)
	check.Run(ctx, m, check.Options{Today: today}, &diags)
	if diags.HasErrors() {
		tb.Fatalf("%s has errors: %v", dir, diags.Sorted()[0])
	}
	return plan.Make(m)
}

// svgReferenceTheme writes a theme folder whose only file overrides "svg"
// with the reference partial, and returns it.
func svgReferenceTheme(tb testing.TB) string {
	return referenceTheme(tb, map[string]string{"partials/svg.html": svgReference})
}

// referenceSites returns the folders of sites and, unless testing is
// short, of a generated 1,200-item roadmap (from seed), large enough
// for every view to split: what the tests comparing Go-written markup
// with the templates it replaced render.
func referenceSites(t *testing.T, seed uint64, sites ...string) []string {
	t.Helper()
	if !testing.Short() {
		big := t.TempDir()
		if _, err := gen.Write(big, gen.Options{Seed: seed, Items: 1200}); err != nil {
			t.Fatal(err)
		}
		sites = append(sites, big)
	}
	return sites
}

// referenceTheme writes a theme folder whose only files are copies of
// reference files, keyed by their slash path in the theme, and returns
// it.
func referenceTheme(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, ref := range files {
		data, err := os.ReadFile(ref)
		if err != nil {
			tb.Fatal(err)
		}
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// viewRenderer renders with the default theme merged with themeDir (""
// for none).
func viewRenderer(tb testing.TB, themeDir string, minify bool) *render.Renderer {
	tb.Helper()
	th, err := theme.Load(themes.Default(), themeDir)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := render.New(render.Options{Theme: th, Today: today, Minify: minify})
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// viewPages renders every page of both roots except item pages (which
// draw no picture), keyed by root and path.
func viewPages(tb testing.TB, r *render.Renderer, p *plan.Plan) map[string]string {
	tb.Helper()
	return pagesWhere(tb, r.Pages(p), func(root, path string) bool {
		return !strings.HasPrefix(path, "items/") && strings.HasSuffix(path, ".html")
	})
}

// pagesWhere renders the files of ps that keep accepts, keyed by root
// and path.
func pagesWhere(tb testing.TB, ps *render.Pages, keep func(root, path string) bool) map[string]string {
	tb.Helper()
	out := map[string]string{}
	for _, root := range []string{render.RootInternal, render.RootPublic} {
		for _, path := range ps.Paths(root) {
			if !keep(root, path) {
				continue
			}
			data, ok, err := ps.File(root, path)
			if !ok || err != nil {
				tb.Fatalf("%s/%s: ok %v, %v", root, path, ok, err)
			}
			out[root+"/"+path] = string(data)
		}
	}
	return out
}

// TestSVGPartialMatchesReference renders the views of the test site and
// of a generated 1,200-item roadmap (its release plan and technology views
// split per product line) with the default theme, whose "svg" partial
// calls (*chart.SVG).HTML, and with a theme that overrides "svg" with the
// html/template partial it replaced. Unminified, every page must be the
// same bytes; minified, the same once minifiedSVGCase is applied. The
// override also shows that a theme's own "svg" partial still works.
func TestSVGPartialMatchesReference(t *testing.T) {
	override := svgReferenceTheme(t)
	sites := referenceSites(t, 2, "testdata/site")
	for _, dir := range sites {
		p := checkedPlan(t, dir)
		for _, minify := range []bool{false, true} {
			got := viewPages(t, viewRenderer(t, "", minify), p)
			want := viewPages(t, viewRenderer(t, override, minify), p)
			if len(got) != len(want) {
				t.Fatalf("%s minify=%v: %d pages, reference theme %d", dir, minify, len(got), len(want))
			}
			pictures := 0
			for p, w := range want {
				if minify {
					w = charttest.MinifiedSVGCase.Replace(w)
				}
				if got[p] != w {
					t.Errorf("%s minify=%v: %s differs from the reference partial's page:\n%s", dir, minify, p, firstDiff([]byte(got[p]), []byte(w)))
				}
				pictures += strings.Count(w, "<svg ")
			}
			// Every view with a picture must have been compared, and on the
			// generated roadmap the split pages of both split views too.
			if pictures < 8 {
				t.Errorf("%s minify=%v: only %d pictures compared", dir, minify, pictures)
			}
			if dir != "testdata/site" {
				for _, view := range []string{"releases", "technology"} {
					if !hasSplitPage(want, "internal/"+view+"/") {
						t.Errorf("%s: no split %s page compared", dir, view)
					}
				}
			}
		}
	}
}

// hasSplitPage reports whether pages has a page in a subfolder of prefix,
// such as internal/releases/<product>/index.html.
func hasSplitPage(pages map[string]string, prefix string) bool {
	for p := range pages {
		if rest, ok := strings.CutPrefix(p, prefix); ok && strings.Contains(rest, "/") {
			return true
		}
	}
	return false
}
