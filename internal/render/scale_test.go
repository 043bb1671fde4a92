package render_test

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
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

// Bounds every view page must keep at any size.
const (
	maxPageBytes   = 2 << 20 // unminified
	maxSVGElements = 4000
)

// lazySite loads, checks and ranks the site in dir and prepares its
// internal pages without rendering them, so a test renders the views of
// a large roadmap without paying for every item page.
func lazySite(t *testing.T, dir string) *render.Pages {
	t.Helper()
	ctx := context.Background()
	var diags diag.List
	site := source.NewLoader(nil).Load(ctx, dir, &diags)
	m := model.Build(ctx, site, &diags)
	check.Run(ctx, m, check.Options{Today: today}, &diags)
	if diags.HasErrors() {
		t.Fatalf("%s has errors: %v", dir, diags.Sorted()[0])
	}
	th, err := theme.Load(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	var warnings []diag.Diagnostic
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d)
		}
	}
	r, err := render.New(render.Options{Theme: th, Today: today, Warnings: warnings})
	if err != nil {
		t.Fatal(err)
	}
	return r.Pages(plan.Make(m))
}

var (
	hrefRe = regexp.MustCompile(`href="([^"]*)"`)
	idRe   = regexp.MustCompile(`\sid="([^"]*)"`)
	svgRe  = regexp.MustCompile(`(?s)<svg.*?</svg>`)
	tagRe  = regexp.MustCompile(`<[a-zA-Z]`)
)

// TestLargeRoadmapViews builds the views of a generated 4,000-item
// roadmap (16 product lines, 200 themes: every view splits or groups, and
// a page's size depends on the items per product line, which the
// generator keeps at 250 up to 10,000 items) and requires every page under the size bound, every picture
// under the element bound, the aggregation to be on, and the pages to
// link to each other: no link to a page (or an anchor) that does not
// exist, and every view page and every item page reachable from
// index.html.
func TestLargeRoadmapViews(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 4,000-item roadmap")
	}
	dir := t.TempDir()
	res, err := gen.Write(dir, gen.Options{Seed: 1, Items: 4000})
	if err != nil {
		t.Fatal(err)
	}
	ps := lazySite(t, dir)
	paths := ps.Paths(render.RootInternal)
	exists := map[string]bool{}
	for _, p := range paths {
		exists[p] = true
	}
	page := func(p string) string {
		t.Helper()
		data, ok, err := ps.File(render.RootInternal, p)
		if !ok || err != nil {
			t.Fatalf("%s: ok %v, %v", p, ok, err)
		}
		return string(data)
	}

	// Walk the views from index.html: every link must land on a file,
	// and on an element with the fragment's id. Item pages are rendered
	// only when a fragment points into them (none does).
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	items := 0
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		body := page(p)
		if len(body) > maxPageBytes {
			t.Errorf("%s is %d bytes, more than %d", p, len(body), maxPageBytes)
		}
		for i, svg := range svgRe.FindAllString(body, -1) {
			if n := len(tagRe.FindAllStringIndex(svg, -1)); n > maxSVGElements {
				t.Errorf("%s: picture %d has %d elements, more than %d", p, i+1, n, maxSVGElements)
			}
		}
		ids := map[string]bool{}
		for _, m := range idRe.FindAllStringSubmatch(body, -1) {
			ids[m[1]] = true
		}
		for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
			href := m[1]
			if strings.Contains(href, "://") || strings.HasPrefix(href, "mailto:") {
				continue
			}
			target, frag, _ := strings.Cut(href, "#")
			if target == "" {
				if frag != "" && !ids[frag] {
					t.Errorf("%s links to #%s, which is not on the page", p, frag)
				}
				continue
			}
			if !strings.HasSuffix(target, ".html") && !strings.HasSuffix(target, ".css") {
				t.Errorf("%s links to %q: page links name a file, such as index.html", p, href)
			}
			to := path.Join(path.Dir(p), target)
			if !exists[to] {
				t.Errorf("%s links to %q (%s), which is not built", p, href, to)
				continue
			}
			if frag != "" {
				if !regexp.MustCompile(`\sid="` + regexp.QuoteMeta(frag) + `"`).MatchString(page(to)) {
					t.Errorf("%s links to %q: no id %q there", p, href, frag)
				}
			}
			if seen[to] || !strings.HasSuffix(to, ".html") {
				continue
			}
			seen[to] = true
			if strings.HasPrefix(to, "items/") {
				items++ // an item page's links are those of the small site's tests
				continue
			}
			queue = append(queue, to)
		}
	}
	for _, p := range paths {
		if strings.HasSuffix(p, ".html") && !seen[p] {
			t.Errorf("%s is built but no view links to it", p)
		}
	}
	if items != res.Items {
		t.Errorf("the views link to %d item pages, want all %d", items, res.Items)
	}

	// The views split and aggregate as the README says.
	tests := []struct {
		page string
		want []string
		not  []string
	}{
		{"index.html", []string{`href="ranks/2/index.html">Ranks 101–200</a>`, "Ranks 1–100 of ", `<h2 id="counts">`, `<h2 id="shipped">`}, nil},
		{"ranks/2/index.html", []string{`<td class="num rank">101</td>`, `<td class="num rank">200</td>`, `href="../../index.html">Ranks 1–100</a>`}, []string{`<h2 id="counts">`, `<td class="num rank">201</td>`}},
		{"releases/index.html", []string{"Timeline by product line", ` items · `, `<h2 id="lines">Product lines</h2>`, "too many items to draw one bar each"}, []string{`Timeline by team`, `<h2 id="windows">`}},
		{"technology/index.html", []string{"The graph draws the 24 highest-ranked technical items of ", `<h2 id="lines">Technical work by product line</h2>`}, nil},
		{"executive/index.html", []string{"more themes</p>", `<p class="more">`}, nil},
	}
	for _, tt := range tests {
		body := page(tt.page)
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: missing %q", tt.page, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(body, w) {
				t.Errorf("%s: has %q", tt.page, w)
			}
		}
	}
	// The overview's timeline draws groups, not items: no bar links to an
	// item page.
	if svg := svgRe.FindString(page("releases/index.html")); strings.Contains(svg, "items/") {
		t.Error("releases/index.html: the overview timeline links to item pages; want one bar per product line and window")
	}
	if n := strings.Count(page("technology/index.html"), `<article class="tech-item">`); n != 25 {
		t.Errorf("technology/index.html describes %d items in full, want the top 25", n)
	}
}

// TestSplitThresholds: a roadmap of 100 planned items keeps one page per
// view; one more item splits the plan view into pages of 100 ranks, and
// the 101st rank moves to ranks/2/; past 250 items the release plan is
// split into product lines too. Every item is committed work without a
// team, so check warns about each: the plan view lists the first 100 and
// counts the rest.
func TestSplitThresholds(t *testing.T) {
	tests := []struct {
		items                int
		planSplit, lineSplit bool
	}{
		{100, false, false},
		{101, true, false},
		{250, true, false},
		{251, true, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.items), func(t *testing.T) {
			dir := t.TempDir()
			roadmap := "title = \"R\"\nnow = \"2026-Q4\"\n[[objectives]]\nid = \"o\"\ntitle = \"O\"\n[[products]]\nid = \"p\"\ntitle = \"P\"\n[[themes]]\nid = \"th\"\ntitle = \"Th\"\nobjective = \"o\"\n"
			write := func(name, body string) {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("roadmap.toml", roadmap)
			for i := range tt.items {
				// Cost of delay falls with i, so item i ranks i+1.
				write(fmt.Sprintf("items/i%04d.md", i), fmt.Sprintf("+++\ntitle = \"Item %d\"\nkind = \"feature\"\ntheme = \"th\"\nproduct = \"p\"\nhorizon = \"now\"\nwindow = \"2026-Q4\"\nestimate = \"1w\"\ncost_of_delay = %d\n+++\n", i, 10000-i))
			}
			ps := lazySite(t, dir)
			has := map[string]bool{}
			for _, p := range ps.Paths(render.RootInternal) {
				has[p] = true
			}
			for p, want := range map[string]bool{"ranks/2/index.html": tt.planSplit, "releases/p/index.html": tt.lineSplit} {
				if has[p] != want {
					t.Errorf("%s built: %v, want %v", p, has[p], want)
				}
			}
			index, _, err := ps.File(render.RootInternal, "index.html")
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(string(index), `<td class="num rank">101</td>`); got {
				t.Error("index.html lists rank 101")
			}
			if n, more := strings.Count(string(index), "<li><code>"), strings.Contains(string(index), " more: <code>roadmapgen check</code> lists them all."); n != 100 || more != (tt.items > 100) {
				t.Errorf("index.html lists %d warnings and a count of more: %v; want the first 100 and a count of any more", n, more)
			}
			if got := strings.Contains(string(index), `<nav class="pages"`); got != tt.planSplit {
				t.Errorf("index.html has page navigation: %v, want %v", got, tt.planSplit)
			}
			if tt.planSplit {
				p2, _, _ := ps.File(render.RootInternal, "ranks/2/index.html")
				if !strings.Contains(string(p2), `<td class="num rank">101</td>`) || !strings.Contains(string(p2), `href="../../items/i0100.html">Item 100</a>`) {
					t.Error("ranks/2/index.html does not list rank 101 (Item 100) with a link from its depth")
				}
			}
			if tt.lineSplit {
				line, _, _ := ps.File(render.RootInternal, "releases/p/index.html")
				if !strings.Contains(string(line), `id="w-2026-q4"`) || strings.Count(string(line), `class="item-link"`) < tt.items {
					t.Error("releases/p/index.html does not list every item of its product line by window")
				}
			}
		})
	}
}
