package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/write"
)

// itemReference is the default theme's item.html from before its badges
// and facts were written in Go (itemView.Badges, itemView.Facts).
const itemReference = "testdata/item_template.html"

// hostileTitles turns the titles, unit and texts of testdata/site into
// markup, quotes, ampersands and plus signs, everything html/template
// escapes, in every place the item page's facts print them.
var hostileTitles = strings.NewReplacer(
	`"Identity"`, `"Identity <b>\"x\"</b> & 'y' + z"`,
	`"Audit log"`, `"Audit <log> & \"trail\" +1"`,
	`"k$ per week"`, `"k$ + <per> \"week\""`,
	`"IdP quirks"`, `"IdP's <quirks> & \"more\" +"`,
	`"Acme App"`, `"Acme <App> +"`,
	`"Enterprise ready"`, `"Enterprise & 'ready'"`,
)

// hostileItemSite writes testdata/site with hostileTitles applied and
// returns its folder.
func hostileItemSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("testdata/site", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dir, strings.TrimPrefix(p, "testdata/site"))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, []byte(hostileTitles.Replace(string(data))), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestItemFragmentsMatchTemplate renders every item page of the test site,
// of a hostile copy of it and of a generated 1,200-item roadmap with the
// default theme, whose item.html prints .Badges and .Facts, and with a
// theme whose item.html is the template they replaced. Unminified, every
// page must be the same bytes. Minified, the Go fragments leave out line
// breaks the template minifier kept between facts, so both pages must be
// the same once minified again as whole pages.
func TestItemFragmentsMatchTemplate(t *testing.T) {
	override := referenceTheme(t, map[string]string{"layouts/item.html": itemReference})
	sites := referenceSites(t, 2, "testdata/site", hostileItemSite(t))
	m := write.NewMinifier()
	for _, dir := range sites {
		p := checkedPlan(t, dir)
		for _, minify := range []bool{false, true} {
			got := itemPages(t, viewRenderer(t, "", minify), p)
			want := itemPages(t, viewRenderer(t, override, minify), p)
			if len(got) != len(want) || len(got) != len(p.Model.Items) {
				t.Fatalf("%s minify=%v: %d item pages, reference theme %d, items %d", dir, minify, len(got), len(want), len(p.Model.Items))
			}
			var breakdowns, links int
			for path, w := range want {
				g := got[path]
				if minify {
					gm, err1 := m.Bytes(path, []byte(g))
					wm, err2 := m.Bytes(path, []byte(w))
					if err1 != nil || err2 != nil {
						t.Fatal(err1, err2)
					}
					g, w = string(gm), string(wm)
				}
				if g != w {
					t.Errorf("%s minify=%v: %s differs from the reference template's page:\n%s", dir, minify, path, firstDiff([]byte(g), []byte(w)))
				}
				breakdowns += strings.Count(w, " + unblocks: ")
				links += strings.Count(w, `class="item-link"`)
			}
			// The comparison must have covered breakdowns and links.
			if breakdowns == 0 || links == 0 {
				t.Errorf("%s minify=%v: compared %d breakdowns and %d item links", dir, minify, breakdowns, links)
			}
		}
	}
}

// itemPages renders every item page of the internal root, keyed by path.
func itemPages(tb testing.TB, r *render.Renderer, p *plan.Plan) map[string]string {
	tb.Helper()
	return pagesWhere(tb, r.Pages(p), func(root, path string) bool {
		return root == render.RootInternal && strings.HasPrefix(path, "items/")
	})
}
