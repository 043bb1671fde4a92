package main_test

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/datelike"
	"github.com/roadmapgen/roadmapgen/internal/gen"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
	"github.com/roadmapgen/roadmapgen/themes"
)

// hostileItem is a public item added to each generated roadmap. Its public
// fields carry canaries only where the renderer must drop them (an HTML
// comment, raw HTML, an unused link definition, script and climbing link
// destinations); its internal fields and body carry them openly. Each
// canary has the generator's shape ("cnry" and six letters).
const hostileItem = `+++
title = "Hostile cnryhoatit"
kind = "feature"
horizon = "next"
risk = "cnryhorisk"
outcome = "cnryhoutco"
visibility = "public"
public_title = "Sign in <b>your</b> way & \"more\""
public_summary = """
Sign in your way <!-- cnryhocomm --> with <span title="cnryhospan">style</span>.
See [the plan](../internal/cnryhoclimb) and [this](javascript:alert('cnryhojsxx'))
and [that](&#x6A;avascript:cnryhoentit) and ![img](data:text/html,cnryhodataa).

[unused]: https://example.com/cnryhounuse
"""
+++

Body with <script>cnryhoscrip</script> and <!-- cnryhobodyc --> comment.
`

var hostileCanaries = []string{
	"cnryhoatit", "cnryhorisk", "cnryhoutco", "cnryhocomm", "cnryhospan", "cnryhoclimb",
	"cnryhojsxx", "cnryhoentit", "cnryhodataa", "cnryhounuse", "cnryhoscrip", "cnryhobodyc",
}

// TestPublicOutputHoldsNoInternalText is the public-safety property test.
// Generated roadmaps of hundreds of items, with random structure, hold a
// unique canary in every internal field of every item, theme, objective,
// product and team, and in every body. Built with and without
// minification, no public file (its name or any byte: HTML, CSS, SVG,
// JSON, comments, attribute values) holds a canary, an id of any kind or
// anything that reads as a date; the internal root holds every canary and
// id, so an empty or broken build cannot pass.
func TestPublicOutputHoldsNoInternalText(t *testing.T) {
	dates := datelike.New()
	for _, tc := range []struct {
		seed  uint64
		items int
	}{{1, 200}, {2, 300}, {3, 400}} {
		src := filepath.Join(t.TempDir(), "content")
		res, err := gen.Write(src, gen.Options{Seed: tc.seed, Items: tc.items, Canaries: true})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, "items", "hostile.md"), []byte(hostileItem), 0o644); err != nil {
			t.Fatal(err)
		}
		canaries := append(append([]string{}, res.Canaries...), hostileCanaries...)
		ids := append(append([]string{}, res.IDs...), "hostile")
		if len(res.Canaries) < 3*tc.items || res.PublicItems == 0 {
			t.Fatalf("seed %d: %d canaries and %d public items for %d items: the generator no longer makes a useful test", tc.seed, len(res.Canaries), res.PublicItems, tc.items)
		}
		for _, minify := range []bool{true, false} {
			t.Run(fmt.Sprintf("seed %d, %d items, minify %v", tc.seed, tc.items, minify), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "dist")
				stdout, stderr, code := run(t, nil, "build", "--source", src, "--out", out, "--today", "2026-11-21", fmt.Sprintf("--minify=%v", minify))
				if code != 0 {
					t.Fatalf("build: exit %d\n%s\n%s", code, stdout, stderr)
				}
				pub, internal := tree(t, filepath.Join(out, "public")), tree(t, filepath.Join(out, "internal"))
				checkPublicRoot(t, pub, res.PublicItems+1, ids, dates)
				checkInternalRoot(t, internal, canaries, ids)
			})
		}
	}
}

// checkPublicRoot asserts that no public file name or byte holds a canary,
// an id or a date, and that the page shows every public item.
func checkPublicRoot(t *testing.T, files map[string]string, publicItems int, ids []string, dates *datelike.Detector) {
	t.Helper()
	if files["index.html"] == "" {
		t.Fatal("the public root has no index.html")
	}
	idSet := map[string]bool{}
	for _, id := range ids {
		idSet[id] = true
	}
	for name, body := range files {
		for _, text := range []struct{ where, s string }{{"file name " + name, name}, {name, themeCSSWithoutComments(t, name, body)}} {
			if i := strings.Index(strings.ToLower(text.s), "cnry"); i >= 0 {
				t.Errorf("%s holds a canary: %q", text.where, around(text.s, i))
			}
			for _, w := range words(text.s) {
				if idSet[w] {
					t.Errorf("%s holds the id %q", text.where, w)
				}
			}
			// Entities are decoded first: "&#50;026" is a year too. A page
			// is also read as a reader sees it, without its tags:
			// "20<code>27</code>" is a year on the screen.
			plain := html.UnescapeString(withoutGeometry(text.s))
			if ms := dates.FindAll(plain); len(ms) > 0 {
				t.Errorf("%s holds date-like text %q (%s) and %d more", text.where, ms[0].Text, ms[0].Kind, len(ms)-1)
			}
			if strings.HasSuffix(name, ".html") && text.where == name {
				if ms := dates.FindAll(markdown.VisibleText(template.HTML(withoutGeometry(text.s)))); len(ms) > 0 {
					t.Errorf("%s shows date-like text %q (%s) and %d more", text.where, ms[0].Text, ms[0].Kind, len(ms)-1)
				}
			}
		}
	}
	// The page is not empty: every public item is in the export.
	var export struct {
		Columns []struct {
			Themes []struct{ Items []struct{ Title string } }
		}
		Shipped []struct{ Items []struct{ Title string } }
	}
	if err := json.Unmarshal([]byte(files["roadmap.json"]), &export); err != nil {
		t.Fatalf("public roadmap.json: %v", err)
	}
	n := 0
	for _, c := range export.Columns {
		for _, th := range c.Themes {
			n += len(th.Items)
		}
	}
	for _, th := range export.Shipped {
		n += len(th.Items)
	}
	if n != publicItems {
		t.Errorf("the public export lists %d items, want the %d public ones", n, publicItems)
	}
	if !strings.Contains(files["index.html"], "Sign in &lt;b&gt;your&lt;/b&gt; way &amp; &#34;more&#34;") {
		t.Error("the hostile public title is not on the page, escaped")
	}
}

// checkInternalRoot asserts that the internal root holds every canary and
// every id: the canaries were written where the test looks for them.
func checkInternalRoot(t *testing.T, files map[string]string, canaries, ids []string) {
	t.Helper()
	var all strings.Builder
	for _, body := range files {
		all.WriteString(body)
		all.WriteByte(0)
	}
	text := all.String()
	seen := map[string]bool{}
	for _, w := range words(text) {
		seen[w] = true
	}
	missing := 0
	for _, c := range canaries {
		if !strings.Contains(text, c) {
			if missing++; missing <= 5 {
				t.Errorf("the internal root lacks the canary %q", c)
			}
		}
	}
	for _, id := range ids {
		if !seen[id] {
			t.Errorf("the internal root lacks the id %q", id)
		}
	}
	if missing > 5 {
		t.Errorf("and %d more canaries are missing", missing-5)
	}
}

// geometryAttr matches an SVG attribute whose value is a layout number,
// quoted or (minified) not.
var geometryAttr = regexp.MustCompile(`(\s)(x|y|x1|y1|x2|y2|cx|cy|r|rx|ry|dx|dy|width|height|viewBox|refX|refY|markerWidth|markerHeight|d|patternTransform)=("[^"]*"|'[^']*'|[^\s>"']+)`)

// layoutNumber is what a geometry value may hold: numbers and the letters
// of path commands and transforms, never words.
var layoutNumber = regexp.MustCompile(`^["']?(?:[-+0-9.,\s]|[MLHVCSQTAZmlhvcsqtaz]|rotate\(|\))*["']?$`)

// withoutGeometry blanks what is a number of the layout, not text: the
// coordinates and sizes of SVG shapes (a board of many items reaches
// y="2017"), the SVG namespace URL ("…/2000/svg") and the chart width
// classes ("chart-min-1920"). A geometry value that holds anything but
// numbers and path commands is kept, so text cannot hide there.
func withoutGeometry(s string) string {
	s = strings.ReplaceAll(s, "http://www.w3.org/2000/svg", "")
	s = chartWidthClass.ReplaceAllString(s, "chart-min-N")
	return geometryAttr.ReplaceAllStringFunc(s, func(m string) string {
		sub := geometryAttr.FindStringSubmatch(m)
		if !layoutNumber.MatchString(sub[3]) {
			return m
		}
		return sub[1] + sub[2] + "=0"
	})
}

var chartWidthClass = regexp.MustCompile(`chart-min-[0-9]+\b`)

var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// themeCSSWithoutComments drops the comments of a stylesheet that is a
// byte-for-byte copy of the default theme's (as with --minify=false; the
// minifier drops comments itself). Their text is the theme's, fixed and
// reviewed, and no source text can reach them; charts.css explains a colour
// as "the current quarter", which the date patterns rightly match.
// Everything else is scanned as built.
func themeCSSWithoutComments(t *testing.T, name, body string) string {
	t.Helper()
	if !strings.HasSuffix(name, ".css") {
		return body
	}
	theme, err := fs.ReadFile(themes.Default(), name)
	if err != nil || string(theme) != body {
		return body
	}
	return cssComment.ReplaceAllString(body, "")
}

// words splits s into runs of lower-case letters, digits and hyphens: the
// alphabet of ids, so an id is found only as a whole word.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	})
}

func around(s string, i int) string {
	return s[max(0, i-40):min(len(s), i+40)]
}

// TestHiddenDatesStopTheBuild: a date that Markdown hides from the source
// (an entity, inline code, emphasis, a comment, a link), a year in another
// script's digits, or digits that a bidirectional control reorders into a
// year ("\u202e7202" shows "2027") is still a date on the public page, so
// the build stops and publishes nothing.
func TestHiddenDatesStopTheBuild(t *testing.T) {
	const shown = "hidden.md:7:19: error: public_summary shows date-like text"
	for _, tc := range []struct{ summary, want string }{
		{"Ready next&nbsp;quarter", shown},
		{"GA in Q&#51;", shown},
		{"Then 20`27`", shown},
		{"In **20**27", shown},
		{"By Q<!-- x -->3", shown},
		{"Beta [20](https://example.com)27", shown},
		{"GA in Q٣ ٢٠٢٧", `hidden.md:7:25: error: public_summary contains date-like text "Q٣ ٢٠٢٧" (quarter)`},
		{"Ready 20א27", `hidden.md:7:27: error: public_summary shows date-like text "2027" (year) once right-to-left letters reorder the numbers beside them`},
		{"Ready \u202e7202", "hidden.md:7:25: error: public_summary contains U+202E RIGHT-TO-LEFT OVERRIDE, which can reorder how the text displays; remove it"},
		{"Ready &#x202E;7202", "hidden.md:7:19: error: public_summary shows U+202E RIGHT-TO-LEFT OVERRIDE once its Markdown is rendered"},
	} {
		t.Run(tc.summary, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "content")
			copyDir(t, "../../content", src)
			item := "+++\ntitle = \"Hidden\"\nkind = \"feature\"\nhorizon = \"next\"\nvisibility = \"public\"\npublic_title = \"Hidden\"\npublic_summary = \"" + tc.summary + "\"\n+++\n"
			if err := os.WriteFile(filepath.Join(src, "items", "hidden.md"), []byte(item), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "dist")
			_, stderr, code := run(t, nil, "build", "--source", src, "--out", out, "--today", "2026-11-21")
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want 1 and %q\n%s", code, tc.want, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the failed build wrote %s (%v)", out, err)
			}
		})
	}
}
