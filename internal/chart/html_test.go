package chart

import (
	"bytes"
	"html/template"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/chart/charttest"
	"github.com/roadmapgen/roadmapgen/internal/write"
)

// referencePath is the "svg" partial the default theme used before the
// pictures were drawn in Go: the reference that HTML must equal.
const referencePath = "testdata/svg_template.html"

// numFuncs are the template funcs the renderer gives themes; "num" is the
// one the partials use.
var numFuncs = template.FuncMap{"num": func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }}

// parseReferences parses the reference partial as written and as the
// renderer minifies it (write.Minifier.Template), once for all tests.
var parseReferences = sync.OnceValues(func() ([2]*template.Template, error) {
	var out [2]*template.Template
	src, err := os.ReadFile(referencePath)
	if err != nil {
		return out, err
	}
	min, err := write.NewMinifier().Template(src)
	if err != nil {
		return out, err
	}
	for i, text := range []string{string(src), string(min)} {
		if out[i], err = template.New("ref").Funcs(numFuncs).Parse(text); err != nil {
			return out, err
		}
	}
	return out, nil
})

// references returns the reference partial as written and minified.
func references(t testing.TB) (raw, minified *template.Template) {
	t.Helper()
	refs, err := parseReferences()
	if err != nil {
		t.Fatal(err)
	}
	return refs[0], refs[1]
}

func execute(t testing.TB, tpl *template.Template, name string, s *SVG) string {
	t.Helper()
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, name, s); err != nil {
		t.Fatalf("%s: %v", s.ID, err)
	}
	return b.String()
}

// sameAsTemplate fails unless HTML writes the bytes of the reference
// partial, of the minified reference (attribute case aside, see
// minifiedCase) and of the default theme's partial.
func sameAsTemplate(t testing.TB, theme *template.Template, s *SVG) {
	t.Helper()
	raw, minified := references(t)
	want := execute(t, raw, "svg", s)
	got := string(s.HTML())
	if got != want {
		t.Fatalf("%s: Go writer and template differ\n%s", s.ID, diffAt(got, want))
	}
	if m := charttest.MinifiedSVGCase.Replace(execute(t, minified, "svg", s)); m != want {
		t.Fatalf("%s: minified template differs beyond attribute case\n%s", s.ID, diffAt(m, want))
	}
	if theme != nil {
		if th := execute(t, theme, "svg", s); th != want {
			t.Fatalf("%s: theme partial and reference differ\n%s", s.ID, diffAt(th, want))
		}
	}
	if b := s.AppendHTML([]byte("prefix")); string(b) != "prefix"+want {
		t.Fatalf("%s: AppendHTML does not append the same markup", s.ID)
	}
}

// diffAt shows both texts around their first difference.
func diffAt(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	return "at byte " + strconv.Itoa(i) + "\n got: " + strconv.Quote(got[lo:min(len(got), i+80)]) +
		"\nwant: " + strconv.Quote(want[lo:min(len(want), i+80)])
}

// hostileStrings hold everything the escapers treat specially: the
// replacement table, NUL, unicode and invalid UTF-8, and links of every
// scheme (allowed, refused, relative, with a ':' after a '/', percent
// escapes valid and not).
var hostileStrings = []string{
	"", "a", "plain words", hostile, `'"<>&+`, "a\x00b", "\x00", "ünï€ 😀 ſ K",
	"\xff\xfe bad utf-8 \xc3", "&amp; already", "&#43;", "1+1=2",
	"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "vbscript:x",
	"data:text/html,<b>", "http://example.com/a?b=1&c=2+3#f", "HTTPS://EXAMPLE.COM/",
	"mailto:a@b.example", "MailTo:x", "/items/sso/", "../items/a b/ü.html",
	"items/x.html#frag", "/~user/a~b!$*,;=@[]", "?q=a b&c='d'", "/a:b", "a/b:c", "a:b/c", "%zz%4%41%e2%80%a6%",
	"tab\tnew\nline\r", "{{.}}", "url(#x-hatch-product)", "M0 1L10 5L0 9z",
	"]]><![CDATA[", "</title><script>", "-->", "\u2028\u2029", "\ufeff",
}

// hostileNumbers include what the template's {{if}} treats as true
// (NaN, -0 is false) and what strconv writes with a sign or many digits.
var hostileNumbers = []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 12.5, -3.25, 1e21, 1e-7,
	123456789.123, math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64, math.SmallestNonzeroFloat64}

var shapeKinds = []string{"rect", "line", "path", "circle", "text", "", "RECT", "polygon"}

// randomSVG makes a picture of random shapes, defs, texts and numbers
// from the hostile pools.
func randomSVG(r *rand.Rand) *SVG {
	str := func() string { return hostileStrings[r.IntN(len(hostileStrings))] }
	num := func() float64 {
		if r.IntN(3) == 0 {
			return hostileNumbers[r.IntN(len(hostileNumbers))]
		}
		return math.Round(r.Float64()*20000-1000) / 10
	}
	shape := func() Shape {
		sh := Shape{Kind: shapeKinds[r.IntN(len(shapeKinds))], X: num(), Y: num(), W: num(), H: num(),
			X2: num(), Y2: num(), R: num(), RX: num()}
		if r.IntN(2) == 0 {
			sh.Class = str()
		}
		if r.IntN(2) == 0 {
			sh.D = str()
		}
		if r.IntN(3) == 0 {
			sh.Anchor = str()
		}
		if r.IntN(3) == 0 {
			sh.Fill = str()
		}
		if r.IntN(3) == 0 {
			sh.Marker = str()
		}
		if r.IntN(2) == 0 {
			sh.Href = str()
		}
		if r.IntN(2) == 0 {
			sh.Tip = str()
		}
		for range r.IntN(4) {
			sh.Lines = append(sh.Lines, str())
		}
		return sh
	}
	s := &SVG{ID: str(), Class: str(), Title: str(), Desc: str(), Width: num(), Height: num(), MinWidth: num()}
	for range r.IntN(4) {
		d := Def{Kind: []string{"pattern", "marker", "", "Pattern"}[r.IntN(4)], ID: str(), Class: str(),
			W: num(), H: num(), Rotate: num(), RefX: num(), RefY: num()}
		for range r.IntN(3) {
			d.Shapes = append(d.Shapes, shape())
		}
		s.Defs = append(s.Defs, d)
	}
	for range r.IntN(12) {
		s.Shapes = append(s.Shapes, shape())
	}
	return s
}

// themePartial parses the default theme's partial, which must now draw
// through the Go writer.
func themePartial(t testing.TB) *template.Template {
	t.Helper()
	src, err := os.ReadFile(partialPath)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := template.New("theme").Funcs(numFuncs).Parse(string(src))
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

func TestHTMLMatchesTemplate(t *testing.T) {
	theme := themePartial(t)
	everyKind := []Shape{
		{Kind: "rect", X: 1, Y: 2, W: 3, H: 4},
		{Kind: "rect", X: 1.5, Y: -2, W: 30, H: 4, RX: 3, Class: "bar fam-product", Fill: "url(#t-hatch-product)", Tip: hostile, Href: "/items/a/"},
		{Kind: "line", X: 0, Y: 0, X2: 10, Y2: 10},
		{Kind: "line", X: 0, Y: 0, X2: 10, Y2: 10, Class: "edge", Marker: "url(#g-arrow)", Tip: "t", Href: "javascript:alert(1)"},
		{Kind: "path", D: "M0 1L10 5L0 9z"},
		{Kind: "path", D: hostile, Class: "c", Fill: "f", Marker: "m", Tip: "tip", Href: "https://x.example/a b"},
		{Kind: "circle", X: 5, Y: 5, R: 2},
		{Kind: "circle", X: 5, Y: 5, R: 2, Class: "dot", Fill: "red", Tip: "\x00", Href: "mailto:x@y"},
		{Kind: "text", X: 10, Y: 20, H: 14},
		{Kind: "text", X: 10, Y: 20, H: 14, Lines: []string{"one"}},
		{Kind: "text", X: 10, Y: 20, H: 14, Class: "t-label", Anchor: "middle", Tip: "full", Lines: []string{"one", hostile, "three+"}, Href: "../items/b.html"},
		{Kind: "unknown", Href: "/x/"},
		{},
	}
	cases := []*SVG{
		{},
		{ID: "e", Class: "chart", Title: "T", Desc: "D", Width: 480, Height: 72},
		{ID: "m", Class: "chart timeline", Width: 800, Height: 100, MinWidth: 700, Shapes: everyKind},
		{ID: "d", Defs: []Def{
			{Kind: "pattern", ID: "d-hatch", Class: "hatch", W: 8, H: 8, Rotate: 45, Shapes: everyKind[:3]},
			{Kind: "pattern", ID: "d-plain", W: 4, H: 4},
			{Kind: "marker", ID: "d-arrow", Class: "arrow", W: 10, H: 10, RefX: 9, RefY: 5, Shapes: everyKind[4:5]},
			{Kind: "other", ID: "x"},
		}, Shapes: everyKind[:2]},
		{ID: hostile, Class: hostile, Title: hostile, Desc: hostile, Width: math.Inf(1), Height: math.NaN(), MinWidth: 5000},
	}
	for name, s := range sampleCharts(hostile, "javascript:alert(1)") {
		s.ID += "-" + name
		cases = append(cases, s)
	}
	for _, s := range sampleCharts("Single sign-on", "/items/sso/") {
		cases = append(cases, s)
	}
	cases = append(cases, TimelineChart("big", "Big", bigTimeline(300, 6)))
	ns, es := bigGraph(60)
	cases = append(cases, Graph("graph", "Graph", ns, es))

	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		cases = append(cases, randomSVG(r))
	}
	for _, s := range cases {
		sameAsTemplate(t, theme, s)
	}
}

// TestNumEscaping pins the numbers by hand (the escaping of text and
// links is package htmlesc's, tested there).
func TestNumEscaping(t *testing.T) {
	for v, want := range map[float64]string{12.5: "12.5", -3: "-3", 1e21: "1000000000000000000000", math.Inf(1): "&#43;Inf", math.Inf(-1): "-Inf"} {
		if got := string(appendNum(nil, v)); got != want {
			t.Errorf("num %v = %q, want %q", v, got, want)
		}
	}
}

// FuzzHTMLMatchesTemplate draws a picture with one shape of each kind and
// a def of each kind, every field taken from the fuzzer, and requires the
// Go writer to match the reference template.
func FuzzHTMLMatchesTemplate(f *testing.F) {
	for i, s := range hostileStrings {
		n := hostileNumbers[i%len(hostileNumbers)]
		f.Add(s, hostileStrings[(i+1)%len(hostileStrings)], hostileStrings[(i+7)%len(hostileStrings)], n, 1.5)
	}
	theme := themePartial(f)
	f.Fuzz(func(t *testing.T, text, href, class string, a, b float64) {
		shapes := []Shape{}
		for _, k := range []string{"rect", "line", "path", "circle", "text", text} {
			shapes = append(shapes, Shape{Kind: k, Class: class, X: a, Y: b, W: b, H: a, X2: a, Y2: b, R: a, RX: b,
				D: text, Lines: []string{text, class, href}, Anchor: text, Fill: class, Marker: href, Href: href, Tip: text})
		}
		s := &SVG{ID: class, Class: class, Title: text, Desc: href, Width: a, Height: b, MinWidth: a,
			Defs: []Def{
				{Kind: "pattern", ID: text, Class: class, W: a, H: b, Rotate: a, Shapes: shapes},
				{Kind: "marker", ID: href, Class: text, W: b, H: a, RefX: a, RefY: b, Shapes: shapes[:2]},
				{Kind: class},
			},
			Shapes: shapes,
		}
		sameAsTemplate(t, theme, s)
	})
}
