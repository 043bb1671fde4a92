package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"html/template"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const (
	partialPath = "../../themes/default/partials/svg.html"
	cssPath     = "../../themes/default/assets/charts.css"
)

// parsePartial loads the theme partial with the num func the renderer
// provides.
func parsePartial(t *testing.T) *template.Template {
	t.Helper()
	funcs := template.FuncMap{"num": func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }}
	tpl, err := template.New("charts").Funcs(funcs).ParseFiles(partialPath)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func render(t *testing.T, tpl *template.Template, s *SVG) string {
	t.Helper()
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, "svg", s); err != nil {
		t.Fatalf("%s: %v", s.ID, err)
	}
	return b.String()
}

// checkXML decodes out as XML and returns the text of its <title> and
// <desc> children of <svg>, and every href.
func checkXML(t *testing.T, out string) (title, desc string, hrefs []string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = true
	var stack []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && tok.Name.Local != "svg" {
				t.Fatalf("root is <%s>, want <svg>", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if a.Name.Local == "href" {
					hrefs = append(hrefs, a.Value)
				}
				if a.Name.Local == "style" {
					t.Errorf("inline style attribute on <%s> (forbidden by the CSP)", tok.Name.Local)
				}
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 2 && stack[1] == "title" {
				title += string(tok)
			}
			if len(stack) == 2 && stack[1] == "desc" {
				desc += string(tok)
			}
		}
	}
	return title, desc, hrefs
}

func TestPartialDrawsEveryChart(t *testing.T) {
	tpl := parsePartial(t)
	charts := sampleCharts(hostile, "javascript:alert(1)")
	for _, name := range chartNames() {
		t.Run(name, func(t *testing.T) {
			s := charts[name]
			out := render(t, tpl, s)
			title, desc, hrefs := checkXML(t, out)
			if title != s.Title || desc != s.Desc {
				t.Errorf("title %q desc %q; want %q and %q", title, desc, s.Title, s.Desc)
			}
			if desc == "" {
				t.Error("empty desc")
			}
			if !strings.Contains(out, `role="img"`) || !strings.Contains(out, `aria-labelledby="`+s.ID+`-title `+s.ID+`-desc"`) {
				t.Error("svg lacks role or aria-labelledby")
			}
			if strings.Contains(out, "<script") || strings.Contains(out, "javascript:") {
				t.Errorf("hostile text or link came out raw:\n%s", out)
			}
			if name != "empty" && name != "allocation" && !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Errorf("hostile text not drawn escaped:\n%s", out)
			}
			for _, h := range hrefs {
				if h != "#ZgotmplZ" {
					t.Errorf("href %q, want #ZgotmplZ", h)
				}
			}
			if name == "board" || name == "timeline" || name == "graph" || name == "capacity" {
				if len(hrefs) == 0 {
					t.Error("no links drawn")
				}
			}
			if strings.Contains(out, "style=") {
				t.Error("inline style")
			}
		})
	}
}

func TestPartialKeepsSafeLinksAndReferences(t *testing.T) {
	tpl := parsePartial(t)
	s := sampleCharts("Single sign-on", "/items/sso/")["timeline"]
	out := render(t, tpl, s)
	_, _, hrefs := checkXML(t, out)
	if len(hrefs) == 0 || hrefs[0] != "/items/sso/" {
		t.Errorf("hrefs %q, want /items/sso/", hrefs)
	}
	for _, want := range []string{
		`fill="url(#t1-hatch-product)"`,
		`<pattern id="t1-hatch-product"`,
		`patternTransform="rotate(45)"`,
		`<tspan x="`,
		`class="chart timeline chart-min-`,
		`viewBox="0 0 `,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	g := render(t, tpl, sampleCharts("x", "/y/")["graph"])
	if !strings.Contains(g, `marker-end="url(#g1-arrow)"`) || !strings.Contains(g, `<marker id="g1-arrow"`) {
		t.Error("graph edges lack their arrow marker")
	}
}

// TestStylesheetCoversClasses checks that charts.css styles every class
// the pictures use and every min-width step.
func TestStylesheetCoversClasses(t *testing.T) {
	css, err := os.ReadFile(cssPath)
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`\.([a-zA-Z][\w-]*)`).FindAllStringSubmatch(string(css), -1) {
		defined[m[1]] = true
	}
	// Classes that only select, with no style of their own.
	unstyled := map[string]bool{"chart-empty": true, "hatch": true, "arrow": true, "board": true,
		"timeline": true, "graph": true, "allocation": true, "capacity": true, "clipped-start": true,
		"clipped-end": true, "slipped": true, "empty-frame": true, "empty-col": true, "lane-title": true,
		"card-title": true, "group-title": true, "col-title": true, "col-note": true, "legend-text": true,
		"on-model": true, "over-model": true, "under-model": true, "ok": true, "risk": true, "st-on-track": true,
		"st-done": true, "flag-slipped": true, "node": true, "card": true, "bar": true}
	check := func(class string) {
		for _, c := range strings.Fields(class) {
			if !defined[c] && !unstyled[c] {
				t.Errorf("class %q is not in charts.css", c)
				unstyled[c] = true // report once
			}
		}
	}
	for _, s := range sampleCharts("x", "/x/") {
		check(s.Class)
		check(s.MinWidthClass())
		for _, sh := range s.Shapes {
			check(sh.Class)
		}
		for _, d := range s.Defs {
			check(d.Class)
			for _, sh := range d.Shapes {
				check(sh.Class)
			}
		}
	}
	for _, w := range minWidthSteps() {
		if !defined["chart-min-"+strconv.Itoa(w)] {
			t.Errorf("charts.css has no chart-min-%d", w)
		}
	}
	for _, v := range []string{"--bg", "--fg", "--muted", "--line", "--panel", "--accent", "--product", "--tech", "--innovation", "--ok", "--risk", "--blocked"} {
		if !strings.Contains(string(css), "var("+v) {
			t.Errorf("charts.css does not use %s", v)
		}
		if regexp.MustCompile(`(^|[\s;{])` + v + `\s*:`).Match(css) {
			t.Errorf("charts.css defines %s; the main stylesheet owns it", v)
		}
	}
	if !strings.Contains(string(css), "@media print") {
		t.Error("no print rules")
	}
}
