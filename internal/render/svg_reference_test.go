package render_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// minifiedSVGCase puts back the case of the SVG attribute names that the
// template minifier lower-cased in the reference partial's <pattern> and
// <marker> (they sit in a define of their own, outside any <svg> tag, so
// the HTML minifier took them for HTML attributes). An HTML parser
// restores that case itself ("adjust SVG attributes" in the HTML
// standard), so the pages read the same; the Go writer writes SVG's
// spelling.
var minifiedSVGCase = strings.NewReplacer(
	` patternunits="`, ` patternUnits="`,
	` patterntransform="`, ` patternTransform="`,
	` viewbox="`, ` viewBox="`,
	` refx="`, ` refX="`,
	` refy="`, ` refY="`,
	` markerwidth="`, ` markerWidth="`,
	` markerheight="`, ` markerHeight="`,
	` markerunits="`, ` markerUnits="`,
)

// viewPages renders every page of both roots of the site in dir except
// item pages (which draw no picture), with the default theme merged with
// themeDir ("" for none).
func viewPages(t *testing.T, dir, themeDir string, minify bool) map[string]string {
	t.Helper()
	ctx := context.Background()
	var diags diag.List
	site := source.NewLoader(nil).Load(ctx, dir, &diags)
	m := model.Build(ctx, site, &diags)
	check.Run(ctx, m, check.Options{Today: today}, &diags)
	if diags.HasErrors() {
		t.Fatalf("%s has errors: %v", dir, diags.Sorted()[0])
	}
	th, err := theme.Load(themes.Default(), themeDir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(render.Options{Theme: th, Today: today, Minify: minify})
	if err != nil {
		t.Fatal(err)
	}
	ps := r.Pages(plan.Make(m))
	out := map[string]string{}
	for _, root := range []string{render.RootInternal, render.RootPublic} {
		for _, p := range ps.Paths(root) {
			if strings.HasPrefix(p, "items/") || !strings.HasSuffix(p, ".html") {
				continue
			}
			data, ok, err := ps.File(root, p)
			if !ok || err != nil {
				t.Fatalf("%s/%s: ok %v, %v", root, p, ok, err)
			}
			out[root+"/"+p] = string(data)
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
	ref, err := os.ReadFile(svgReference)
	if err != nil {
		t.Fatal(err)
	}
	override := t.TempDir()
	if err := os.MkdirAll(filepath.Join(override, "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(override, "partials", "svg.html"), ref, 0o644); err != nil {
		t.Fatal(err)
	}
	sites := []string{"testdata/site"}
	if !testing.Short() {
		big := t.TempDir()
		if _, err := gen.Write(big, gen.Options{Seed: 2, Items: 1200}); err != nil {
			t.Fatal(err)
		}
		sites = append(sites, big)
	}
	for _, dir := range sites {
		for _, minify := range []bool{false, true} {
			got := viewPages(t, dir, "", minify)
			want := viewPages(t, dir, override, minify)
			if len(got) != len(want) {
				t.Fatalf("%s minify=%v: %d pages, reference theme %d", dir, minify, len(got), len(want))
			}
			pictures := 0
			for p, w := range want {
				if minify {
					w = minifiedSVGCase.Replace(w)
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
