// Package chart lays out the pictures of the audience views: the Now /
// Next / Later board, the release timeline, the dependency graph and the
// capacity charts. Each function turns plain data into an SVG value, a
// list of shapes with classes; (*SVG).HTML draws it as inline SVG markup,
// escaped as html/template would escape it. The default theme's "svg"
// partial calls HTML; a theme may override the partial and draw the SVG
// value with its own template. Colours live in charts.css, keyed by the
// classes set here, so that the same picture reads in light mode, dark
// mode and print.
//
// Every picture carries a text alternative (Desc) that says in whole
// sentences what the picture shows. Output is deterministic: the same
// input gives the same shapes, with coordinates rounded to 0.1.
package chart

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// SVG is a laid-out picture. HTML draws it; the theme partial "svg"
// receives it.
type SVG struct {
	// ID is unique on its page; it prefixes the ids inside the picture
	// (title, desc, patterns, markers).
	ID string
	// Class holds the CSS classes of the <svg> element, such as
	// "chart board".
	Class string
	// Title is a short name; it becomes <title>.
	Title string
	// Desc is the text alternative: whole sentences that say in words what
	// the picture shows. It becomes <desc>.
	Desc string
	// Width and Height are the viewBox, in CSS px at natural size.
	Width, Height float64
	// MinWidth is the width in CSS px below which the picture stops
	// shrinking (its text would become too small to read) and its
	// container scrolls instead; 0 lets it shrink freely. HTML
	// writes it as a class (see MinWidthClass), never as an inline style.
	MinWidth float64
	// Defs are the patterns and markers the shapes refer to, their ids
	// already prefixed by ID.
	Defs []Def
	// Shapes are drawn in order, later ones on top.
	Shapes []Shape
}

// Shape is one element of a picture.
//
// Kind "rect" uses X, Y, W, H and RX (corner radius); "line" goes from X, Y
// to X2, Y2; "circle" has its centre at X, Y and radius R; "path" draws D;
// "text" puts its first baseline at X, Y and each further line H below the
// previous one, aligned by Anchor.
type Shape struct {
	// Kind is "rect", "line", "path", "circle" or "text".
	Kind string
	// Class holds CSS classes; charts.css styles each of them.
	Class                     string
	X, Y, W, H, X2, Y2, R, RX float64
	// D is the path data of Kind "path".
	D string
	// Lines are the text lines of Kind "text", already wrapped to fit.
	Lines []string
	// Anchor is the text-anchor of Kind "text": "start", "middle" or
	// "end" ("" means start).
	Anchor string
	// Fill is an optional fill reference such as
	// "url(#<ID>-hatch-product)"; "" lets CSS decide.
	Fill string
	// Marker is an optional marker-end reference for lines and paths.
	Marker string
	// Href is a relative link; when set the shape is wrapped in <a href>.
	Href string
	// Tip is an optional tooltip, drawn as a <title> inside the shape. It
	// holds the full text wherever the picture had to shorten it.
	Tip string
}

// Def is a pattern or a marker that shapes refer to by url(#ID).
type Def struct {
	// Kind is "pattern" or "marker".
	Kind string
	// ID is the element id, already prefixed by the picture's ID.
	ID string
	// Class holds CSS classes of the pattern or marker element.
	Class string
	// W and H are the tile size of a pattern, or the size of a marker
	// (in user units; its viewBox is 0 0 W H).
	W, H float64
	// Rotate turns the tiles of a pattern, in degrees.
	Rotate float64
	// RefX and RefY are the point of a marker that sits on the end of the
	// line.
	RefX, RefY float64
	// Shapes are drawn inside the pattern tile or the marker.
	Shapes []Shape
}

// minWidthSteps are the widths for which charts.css has a chart-min-N
// class; a picture's MinWidth is rounded up to one of them.
func minWidthSteps() []int {
	return []int{360, 480, 560, 640, 720, 800, 960, 1120, 1280, 1440, 1600, 1920}
}

// MinWidthClass returns the class that keeps the picture from shrinking
// below MinWidth, such as "chart-min-720", or "" when it may shrink
// freely. MinWidth is rounded up to the next width charts.css knows.
func (s *SVG) MinWidthClass() string {
	if s.MinWidth <= 0 {
		return ""
	}
	steps := minWidthSteps()
	w := steps[len(steps)-1]
	for _, st := range steps {
		if float64(st) >= s.MinWidth {
			w = st
			break
		}
	}
	return "chart-min-" + strconv.Itoa(w)
}

// r1 rounds to 0.1 so that output is stable and short; NaN and infinities
// become 0 and negative zero becomes zero.
func r1(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	r := math.Round(v*10) / 10
	if r == 0 {
		return 0
	}
	return r
}

// fmtNum writes a rounded coordinate the way the partial's num func does.
func fmtNum(v float64) string { return strconv.FormatFloat(r1(v), 'f', -1, 64) }

// pathData builds SVG path data with rounded coordinates.
type pathData struct{ b strings.Builder }

// cmd appends a command letter and its numbers.
func (p *pathData) cmd(c byte, nums ...float64) *pathData {
	p.b.WriteByte(c)
	for i, n := range nums {
		if i > 0 {
			p.b.WriteByte(' ')
		}
		p.b.WriteString(fmtNum(n))
	}
	return p
}

func (p *pathData) String() string { return p.b.String() }

// canvas collects the shapes and defs of one picture while it is laid out.
type canvas struct {
	id      string
	shapes  []Shape
	defs    []Def
	defined map[string]bool
}

func newCanvas(id string) *canvas {
	return &canvas{id: safeID(id), defined: map[string]bool{}}
}

// reserve makes room for n more shapes at once: a picture of thousands
// of shapes would otherwise copy them all each time the list grows (a
// shape is some 200 bytes).
func (c *canvas) reserve(n int) { c.shapes = slices.Grow(c.shapes, n) }

func (c *canvas) add(s Shape) { c.shapes = append(c.shapes, s) }

func (c *canvas) rect(x, y, w, h, rx float64, class string) *Shape {
	c.add(Shape{Kind: "rect", Class: class, X: x, Y: y, W: w, H: h, RX: rx})
	return &c.shapes[len(c.shapes)-1]
}

func (c *canvas) line(x, y, x2, y2 float64, class string) *Shape {
	c.add(Shape{Kind: "line", Class: class, X: x, Y: y, X2: x2, Y2: y2})
	return &c.shapes[len(c.shapes)-1]
}

func (c *canvas) circle(x, y, r float64, class string) *Shape {
	c.add(Shape{Kind: "circle", Class: class, X: x, Y: y, R: r})
	return &c.shapes[len(c.shapes)-1]
}

func (c *canvas) path(d, class string) *Shape {
	c.add(Shape{Kind: "path", Class: class, D: d})
	return &c.shapes[len(c.shapes)-1]
}

// text adds lines in style st with the first baseline at y. Extra classes
// follow the style's class. With no lines nothing is drawn (the returned
// shape is not part of the picture).
func (c *canvas) text(x, y float64, st style, lines []string, anchor, class string) *Shape {
	if len(lines) == 0 {
		return &Shape{}
	}
	cl := st.class()
	if class != "" {
		cl += " " + class
	}
	c.add(Shape{Kind: "text", Class: cl, X: x, Y: y, H: st.lineHeight(), Lines: lines, Anchor: anchor})
	return &c.shapes[len(c.shapes)-1]
}

// hatch returns the fill reference of the hatching for a family (medium
// confidence), defining the pattern on first use.
func (c *canvas) hatch(family string) string {
	fc := familyClass(family)
	id := c.id + "-hatch-" + strings.TrimPrefix(fc, "fam-")
	if !c.defined[id] {
		c.defined[id] = true
		c.defs = append(c.defs, Def{
			Kind: "pattern", ID: id, Class: "hatch " + fc, W: 8, H: 8, Rotate: 45,
			Shapes: []Shape{
				{Kind: "rect", Class: "hatch-bg " + fc, W: 8, H: 8},
				{Kind: "line", Class: "hatch-line " + fc, X: 2, Y: 0, X2: 2, Y2: 8},
			},
		})
	}
	return "url(#" + id + ")"
}

// arrow returns the marker-end reference of an arrowhead, defining the
// marker on first use.
func (c *canvas) arrow() string {
	id := c.id + "-arrow"
	if !c.defined[id] {
		c.defined[id] = true
		c.defs = append(c.defs, Def{
			Kind: "marker", ID: id, Class: "arrow", W: 10, H: 10, RefX: 9, RefY: 5,
			Shapes: []Shape{{Kind: "path", Class: "arrowhead", D: "M0 1L10 5L0 9z"}},
		})
	}
	return "url(#" + id + ")"
}

// finish rounds every number and returns the picture.
func (c *canvas) finish(class, title, desc string, w, h, minW float64) *SVG {
	for i := range c.shapes {
		roundShape(&c.shapes[i])
	}
	for i := range c.defs {
		d := &c.defs[i]
		d.W, d.H, d.RefX, d.RefY, d.Rotate = r1(d.W), r1(d.H), r1(d.RefX), r1(d.RefY), r1(d.Rotate)
		for j := range d.Shapes {
			roundShape(&d.Shapes[j])
		}
	}
	return &SVG{
		ID: c.id, Class: class, Title: clean(title), Desc: desc,
		Width: r1(w), Height: r1(h), MinWidth: r1(minW),
		Defs: c.defs, Shapes: c.shapes,
	}
}

func roundShape(s *Shape) {
	s.X, s.Y, s.W, s.H = r1(s.X), r1(s.Y), r1(s.W), r1(s.H)
	s.X2, s.Y2, s.R, s.RX = r1(s.X2), r1(s.Y2), r1(s.R), r1(s.RX)
}

// safeID keeps ids to letters, digits, '-' and '_', so they are valid in
// XML, in url(#...) references and in CSS selectors.
func safeID(id string) string {
	var b strings.Builder
	for _, r := range id {
		if b.Len() >= 64 {
			break
		}
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	if s == "" {
		return "chart"
	}
	if c := s[0]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		s = "c" + s
	}
	return s
}

// empty is the small picture drawn when there is nothing to show; its
// text and its Desc say so.
func empty(id, kind, title, message string) *SVG {
	c := newCanvas(id)
	const w, h = 480.0, 72.0
	c.rect(0.5, 0.5, w-1, h-1, 8, "frame empty-frame")
	lines, _ := wrap(message, w-40, sEmpty, 2)
	lh := sEmpty.lineHeight()
	y := h/2 - lh*float64(len(lines)-1)/2 + sEmpty.size()*0.35
	c.text(w/2, y, sEmpty, lines, "middle", "")
	return c.finish("chart "+kind+" chart-empty", title, message, w, h, 0)
}

// The vocabulary shared by every picture: one class and one label per
// family, confidence and status, so the same thing always looks the same.

// norm reads an enumerated value leniently.
func norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// familyClass is the class of a family: fam-product, fam-tech,
// fam-innovation, or fam-none for anything else.
func familyClass(f string) string {
	switch norm(f) {
	case "product", "tech", "innovation":
		return "fam-" + norm(f)
	}
	return "fam-none"
}

// familyLabel is the short label a card carries so that family is never
// told by colour alone.
func familyLabel(f string) string {
	switch norm(f) {
	case "product":
		return "Product"
	case "tech":
		return "Tech"
	case "innovation":
		return "Innovation"
	}
	return ""
}

// confLevel is "high", "medium", "low" or "".
func confLevel(c string) string {
	switch norm(c) {
	case "high", "medium", "low":
		return norm(c)
	}
	return ""
}

// confClass is conf-high, conf-medium, conf-low, or conf-high when unset
// (a plan with no confidence is drawn solid).
func confClass(c string) string {
	if l := confLevel(c); l != "" {
		return "conf-" + l
	}
	return "conf-high"
}

// statusClass is the class of a status, or "" for none.
func statusClass(s string) string {
	switch norm(s) {
	case "on-track", "at-risk", "blocked", "done":
		return "st-" + norm(s)
	}
	return ""
}

// statusLabel is the text drawn beside the status mark; on track needs
// none in the picture.
func statusLabel(s string) string {
	switch norm(s) {
	case "at-risk":
		return "At risk"
	case "blocked":
		return "Blocked"
	case "done":
		return "Done"
	}
	return ""
}

// statusWords is the status in a sentence.
func statusWords(s string) string {
	switch norm(s) {
	case "on-track":
		return "on track"
	case "at-risk":
		return "at risk"
	case "blocked":
		return "blocked"
	case "done":
		return "done"
	}
	return ""
}

// familyWords is the family in a sentence.
func familyWords(f string) string {
	switch norm(f) {
	case "product":
		return "product"
	case "tech":
		return "technical"
	case "innovation":
		return "innovation"
	}
	return ""
}

// joinClass joins non-empty classes with spaces.
func joinClass(cls ...string) string {
	var b strings.Builder
	for _, c := range cls {
		if c == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c)
	}
	return b.String()
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// Bounds of the text alternative: past descItems entries a description
// summarises counts instead of listing; in a summary, lanes are listed up
// to descLanes and other lists (steps of a graph, cycles) up to descSteps;
// a label in it is cut to descLabel characters.
const (
	descItems = 200
	descLanes = 50
	descSteps = 20
	descLabel = 160
)

// count writes n with thousands separators.
func count(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + count(-n)
	}
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// plural writes "1 item" or "3 items".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return count(n) + " " + many
}

// amount writes a quantity for people: whole numbers without decimals,
// others with one.
func amount(v float64) string {
	v = r1(v)
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// sentence ends s with a full stop unless it already ends in punctuation.
func sentence(s string) string {
	if s == "" {
		return ""
	}
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ellipsis) {
		return s
	}
	return s + "."
}

// clampf limits v to [lo, hi].
func clampf(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

// finite returns v, or 0 when v is NaN or infinite.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}
