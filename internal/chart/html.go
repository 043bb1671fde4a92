package chart

import (
	"html/template"
	"strconv"

	"github.com/roadmapgen/roadmapgen/internal/htmlesc"
)

// This file draws an *SVG as inline SVG markup in Go. It writes exactly
// the bytes that the default theme's "svg" partial wrote through
// html/template (that template is kept in testdata/svg_template.html, and
// the differential tests and fuzz target in html_test.go hold the two to
// byte equality). The partial escaped about sixteen actions per bar
// through reflection, half of the allocations of the split release and
// technology views; this writer does the same escaping with byte loops.
//
// Escaping follows html/template for the contexts the picture uses:
//
//   - text, <title> (RCDATA) and quoted attribute values: html/template's
//     HTML escaper table, which unlike template.HTMLEscapeString also
//     escapes '+' and turns NUL into U+FFFD;
//   - the href of <a>: html/template's URL filter (a scheme other than
//     http, https or mailto becomes #ZgotmplZ), then its URL normaliser,
//     then the attribute escaper;
//   - numbers: the renderer's "num" func (strconv 'f', -1), then escaped
//     like any text, so +Inf comes out as &#43;Inf.

// HTML returns the picture as inline SVG markup, escaped as the default
// theme's "svg" partial escaped it with html/template. The default partial
// is {{.HTML}}; a theme that overrides "svg" still receives the *SVG and
// may draw it from its fields instead.
func (s *SVG) HTML() template.HTML {
	return template.HTML(s.AppendHTML(make([]byte, 0, s.sizeHint())))
}

// AppendHTML appends the markup of HTML to b and returns the extended
// buffer, for callers that reuse a buffer.
func (s *SVG) AppendHTML(b []byte) []byte {
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `...)
	b = appendNum(b, s.Width)
	b = append(b, ' ')
	b = appendNum(b, s.Height)
	b = append(b, `" width="`...)
	b = appendNum(b, s.Width)
	b = append(b, `" height="`...)
	b = appendNum(b, s.Height)
	b = append(b, `" class="`...)
	b = htmlesc.AppendText(b, s.Class)
	if mw := s.MinWidthClass(); mw != "" {
		b = append(b, ' ')
		b = htmlesc.AppendText(b, mw)
	}
	b = append(b, `" role="img" aria-labelledby="`...)
	b = htmlesc.AppendText(b, s.ID)
	b = append(b, `-title `...)
	b = htmlesc.AppendText(b, s.ID)
	b = append(b, "-desc\">\n<title id=\""...)
	b = htmlesc.AppendText(b, s.ID)
	b = append(b, `-title">`...)
	b = htmlesc.AppendText(b, s.Title)
	b = append(b, "</title>\n<desc id=\""...)
	b = htmlesc.AppendText(b, s.ID)
	b = append(b, `-desc">`...)
	b = htmlesc.AppendText(b, s.Desc)
	b = append(b, "</desc>\n"...)
	if len(s.Defs) > 0 {
		b = append(b, "<defs>\n"...)
		for i := range s.Defs {
			b = appendDef(b, &s.Defs[i])
			b = append(b, '\n')
		}
		b = append(b, "</defs>\n"...)
	}
	for i := range s.Shapes {
		sh := &s.Shapes[i]
		if sh.Href != "" {
			b = append(b, `<a href="`...)
			b = htmlesc.AppendHref(b, sh.Href)
			b = append(b, `">`...)
			b = appendShape(b, sh)
			b = append(b, "</a>"...)
		} else {
			b = appendShape(b, sh)
		}
		b = append(b, '\n')
	}
	return append(b, "</svg>"...)
}

// sizeHint guesses the length of the markup, so that HTML grows its buffer
// once or not at all: about 60 bytes of markup per shape besides its
// texts, which is a little over what the pictures here need.
func (s *SVG) sizeHint() int {
	n := 320 + 2*len(s.ID) + len(s.Class) + len(s.Title) + len(s.Desc) + 300*len(s.Defs)
	for i := range s.Shapes {
		sh := &s.Shapes[i]
		n += 60 + len(sh.Class) + len(sh.D) + len(sh.Fill) + len(sh.Marker) + len(sh.Href) + len(sh.Tip)
		for _, l := range sh.Lines {
			n += 24 + len(l)
		}
	}
	return n
}

// appendDef draws a pattern or a marker; any other kind draws nothing, as
// the template did.
func appendDef(b []byte, d *Def) []byte {
	switch d.Kind {
	case "pattern":
		b = append(b, `<pattern id="`...)
		b = htmlesc.AppendText(b, d.ID)
		b = append(b, `" class="`...)
		b = htmlesc.AppendText(b, d.Class)
		b = append(b, `" patternUnits="userSpaceOnUse" width="`...)
		b = appendNum(b, d.W)
		b = append(b, `" height="`...)
		b = appendNum(b, d.H)
		b = append(b, '"')
		if d.Rotate != 0 { // NaN is true here, as in the template's {{if}}
			b = append(b, ` patternTransform="rotate(`...)
			b = appendNum(b, d.Rotate)
			b = append(b, `)"`...)
		}
		b = append(b, '>')
		for i := range d.Shapes {
			b = appendShape(b, &d.Shapes[i])
		}
		return append(b, "</pattern>"...)
	case "marker":
		b = append(b, `<marker id="`...)
		b = htmlesc.AppendText(b, d.ID)
		b = append(b, `" class="`...)
		b = htmlesc.AppendText(b, d.Class)
		b = append(b, `" viewBox="0 0 `...)
		b = appendNum(b, d.W)
		b = append(b, ' ')
		b = appendNum(b, d.H)
		b = append(b, `" refX="`...)
		b = appendNum(b, d.RefX)
		b = append(b, `" refY="`...)
		b = appendNum(b, d.RefY)
		b = append(b, `" markerWidth="`...)
		b = appendNum(b, d.W)
		b = append(b, `" markerHeight="`...)
		b = appendNum(b, d.H)
		b = append(b, `" markerUnits="userSpaceOnUse" orient="auto-start-reverse">`...)
		for i := range d.Shapes {
			b = appendShape(b, &d.Shapes[i])
		}
		return append(b, "</marker>"...)
	}
	return b
}

// appendShape draws one shape without its link; an unknown kind draws
// nothing, as the template did.
func appendShape(b []byte, sh *Shape) []byte {
	var end string
	switch sh.Kind {
	case "rect":
		b = appendNumAttr(b, `<rect x="`, sh.X)
		b = appendNumAttr(b, `" y="`, sh.Y)
		b = appendNumAttr(b, `" width="`, sh.W)
		b = appendNumAttr(b, `" height="`, sh.H)
		b = append(b, '"')
		if sh.RX != 0 {
			b = appendNumAttr(b, ` rx="`, sh.RX)
			b = append(b, '"')
		}
		b = appendOptAttr(b, ` class="`, sh.Class)
		b = appendOptAttr(b, ` fill="`, sh.Fill)
		end = "</rect>"
	case "line":
		b = appendNumAttr(b, `<line x1="`, sh.X)
		b = appendNumAttr(b, `" y1="`, sh.Y)
		b = appendNumAttr(b, `" x2="`, sh.X2)
		b = appendNumAttr(b, `" y2="`, sh.Y2)
		b = append(b, '"')
		b = appendOptAttr(b, ` class="`, sh.Class)
		b = appendOptAttr(b, ` marker-end="`, sh.Marker)
		end = "</line>"
	case "path":
		b = append(b, `<path d="`...)
		b = htmlesc.AppendText(b, sh.D)
		b = append(b, '"')
		b = appendOptAttr(b, ` class="`, sh.Class)
		b = appendOptAttr(b, ` fill="`, sh.Fill)
		b = appendOptAttr(b, ` marker-end="`, sh.Marker)
		end = "</path>"
	case "circle":
		b = appendNumAttr(b, `<circle cx="`, sh.X)
		b = appendNumAttr(b, `" cy="`, sh.Y)
		b = appendNumAttr(b, `" r="`, sh.R)
		b = append(b, '"')
		b = appendOptAttr(b, ` class="`, sh.Class)
		b = appendOptAttr(b, ` fill="`, sh.Fill)
		end = "</circle>"
	case "text":
		b = appendNumAttr(b, `<text x="`, sh.X)
		b = appendNumAttr(b, `" y="`, sh.Y)
		b = append(b, '"')
		b = appendOptAttr(b, ` class="`, sh.Class)
		b = appendOptAttr(b, ` text-anchor="`, sh.Anchor)
		b = append(b, '>')
		b = appendTip(b, sh.Tip)
		for i, l := range sh.Lines {
			b = appendNumAttr(b, `<tspan x="`, sh.X)
			b = append(b, '"')
			if i > 0 {
				b = appendNumAttr(b, ` dy="`, sh.H)
				b = append(b, '"')
			}
			b = append(b, '>')
			b = htmlesc.AppendText(b, l)
			b = append(b, "</tspan>"...)
		}
		return append(b, "</text>"...)
	default:
		return b
	}
	b = append(b, '>')
	b = appendTip(b, sh.Tip)
	return append(b, end...)
}

// appendNumAttr appends the literal markup pre and then the number v.
func appendNumAttr(b []byte, pre string, v float64) []byte {
	return appendNum(append(b, pre...), v)
}

// appendOptAttr appends pre, the escaped value and a closing quote, or
// nothing when the value is empty (the template's {{with}}).
func appendOptAttr(b []byte, pre, v string) []byte {
	if v == "" {
		return b
	}
	b = append(b, pre...)
	b = htmlesc.AppendText(b, v)
	return append(b, '"')
}

// appendTip appends the tooltip as a <title> child, or nothing when empty.
func appendTip(b []byte, tip string) []byte {
	if tip == "" {
		return b
	}
	b = append(b, "<title>"...)
	b = htmlesc.AppendText(b, tip)
	return append(b, "</title>"...)
}

// appendNum writes v as the renderer's num func does, escaped: the only
// byte of strconv's 'f' format that needs escaping is the '+' of +Inf.
func appendNum(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	if b[start] == '+' {
		b = append(b[:start], "&#43;Inf"...)
	}
	return b
}
