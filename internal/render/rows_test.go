package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rowReferences are the default theme's layouts from before their rows
// were written in Go (planView.RankedRows, releasesView.TableRows,
// techView.Articles), keyed by the layout they stand in for.
var rowReferences = map[string]string{
	"layouts/plan.html":       "testdata/plan_template.html",
	"layouts/releases.html":   "testdata/releases_template.html",
	"layouts/technology.html": "testdata/technology_template.html",
	"partials/pages.html":     "testdata/pages_template.html",
}

// TestViewRowsMatchTemplate renders every view page of the test site, of
// a hostile copy of it and of a generated roadmap large enough to split
// the views by product line, with the default theme and with the
// layouts whose rows the Go writers replaced. Both must give the same
// bytes, minified or not, and the pages compared must have shown rows
// of every kind and escaped text.
func TestViewRowsMatchTemplate(t *testing.T) {
	override := referenceTheme(t, rowReferences)
	sites := referenceSites(t, 3, "testdata/site", hostileItemSite(t))
	counts := map[string]int{}
	for _, dir := range sites {
		p := checkedPlan(t, dir)
		for _, minify := range []bool{false, true} {
			got := viewPages(t, viewRenderer(t, "", minify), p)
			want := viewPages(t, viewRenderer(t, override, minify), p)
			if len(got) != len(want) {
				t.Fatalf("%s minify=%v: %d view pages, reference theme %d", dir, minify, len(got), len(want))
			}
			for path, w := range want {
				if g := got[path]; g != w {
					t.Errorf("%s minify=%v: %s differs from the reference layout's page:\n%s", dir, minify, path, firstDiff([]byte(g), []byte(w)))
				}
				if minify {
					continue // the minifier drops the marks' quotes
				}
				for _, mark := range marks {
					counts[mark] += strings.Count(w, mark)
				}
			}
		}
	}
	for _, mark := range marks {
		if counts[mark] == 0 {
			t.Errorf("no page compared has %s", mark)
		}
	}
}

// marks are markup each kind of row or article the Go writers replaced
// prints: the rows of all pages compared must have shown every one.
var marks = []string{`<nav class="pages"`, `aria-current="page">Ranks`, `<td class="num rank">`, `data-label="Depends on">`, `<article class="tech-item">`, `<span class="flag">`, ` + unblocks: `, `<ul class="unblocks">`, `class="missing"`, `badge status status-`, `title="confidence"`, `&lt;`, `&#43;`}

// TestOverriddenLayoutGetsFragmentHTML: the default layouts let the
// Go-written fragments write themselves into the page as they are made,
// which is only right where the layout prints them on the spot. A
// theme's own layout gets their HTML as a value instead, to keep or
// print where it likes.
func TestOverriddenLayoutGetsFragmentHTML(t *testing.T) {
	dir := t.TempDir()
	layout := `{{template "base" .}}
{{define "main"}}<p id="mark">kept</p>{{$rows := .RankedRows}}<table><tbody>{{$rows}}</tbody></table>{{end}}
`
	if err := os.MkdirAll(filepath.Join(dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "plan.html"), []byte(layout), 0o644); err != nil {
		t.Fatal(err)
	}
	p := checkedPlan(t, "testdata/site")
	for _, minify := range []bool{false, true} {
		page := viewPages(t, viewRenderer(t, dir, minify), p)["internal/index.html"]
		nl := "\n" // each row follows a line break, unless minified
		if minify {
			nl = ""
		}
		if !strings.Contains(page, `kept</p><table><tbody>`+nl+`<tr><td class="num rank">1</td>`) {
			t.Errorf("minify=%v: the rows are not where the layout printed them:\n%s", minify, page)
		}
	}
}
