package check

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/safelink"
	"github.com/roadmapgen/roadmapgen/internal/source"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// publicDates runs the rules about what reaches the public page: dates
// (here), markup in Markdown fields (publicMarkup) and internal text
// repeated in public copy (leaks).
//
// Customers read any date on a public roadmap as a promise, so no field
// that can reach the public page may hold one. Fields are checked whether
// or not the item is public today: visibility is one line away.
func (c *checker) publicDates() {
	pub := c.p.Public
	c.noDate(pub.Origin, "title", pub.Title, "[public] title")
	c.noDate(pub.Origin, "intro", pub.Intro, "[public] intro")
	c.noDate(pub.Origin, "feedback_url", pub.FeedbackURL, "[public] feedback_url")
	for _, th := range c.p.Themes {
		c.noDate(th.Origin, "public_title", th.PublicTitle, "public_title of theme "+quote(th.ID))
		c.noDate(th.Origin, "public_summary", th.PublicSummary, "public_summary of theme "+quote(th.ID))
	}
	for _, it := range c.p.Items {
		c.noDate(it.Origin, "public_title", it.PublicTitle, "public_title")
		c.noDate(it.Origin, "public_summary", it.PublicSummary, "public_summary")
		if it.Public() && it.PublicTitle == "" {
			c.noDate(it.Origin, "title", it.Title, "title (shown publicly because the item has no public_title)")
		}
	}
	c.publicMarkup()
	c.leaks()
}

// noDate reports the first date-like text in a field, and how many more
// there are: one message per field is enough to act on, and a hostile
// field with thousands of dates must not print thousands of messages.
func (c *checker) noDate(o model.Origin, field, value, what string) {
	all := c.opts.Dates.FindAll(value)
	if len(all) == 0 {
		return
	}
	m := all[0]
	more := ""
	if len(all) > 1 {
		more = fmt.Sprintf(" (and %d more date-like phrases in this field)", len(all)-1)
	}
	c.diags.Errorf(o.StringPos(field, value, m.Start),
		"%s contains date-like text %q (%s)%s: the public page never shows dates, because customers read them as promises; describe the problem, not the timing",
		what, m.Text, m.Kind, more)
}

func quote(s string) string { return `"` + s + `"` }

// markdown: item bodies are untrusted. Raw HTML is dropped when rendering
// and script links are neutralized; say so where the author can fix it,
// once per item and kind of problem (with a count), so that a hostile body
// cannot flood the output.
func (c *checker) markdown(it *model.Item) {
	body := it.Body
	if body.Doc == nil {
		return
	}
	found := scanMarkup(body.Doc, body.Src, safelink.Unsafe)
	if len(found.html) > 0 {
		c.diags.Warnf(body.Pos(found.html[0]), "raw HTML in the body of %q is not rendered: write Markdown instead%s", it.ID, andMore(len(found.html), "raw HTML", "body"))
	}
	if len(found.links) > 0 {
		c.diags.Warnf(body.Pos(found.links[0]), "link to %q in the body of %q will be removed: only http, https, mailto and relative links are kept%s", truncate(found.firstLink, 40), it.ID, andMore(len(found.links), "such link", "body"))
	}
}

// publicMarkup applies the body's rule to the Markdown fields of
// roadmap.toml and the item front matter: the public intro and summaries,
// and theme descriptions. Public fields also lose relative links that
// climb out of the public site ("../internal/"), as the renderer drops them.
func (c *checker) publicMarkup() {
	parser := source.NewMarkdown().Parser()
	pub := c.p.Public
	c.fieldMarkup(parser, pub.Origin, "intro", pub.Intro, "[public] intro", true)
	for _, th := range c.p.Themes {
		c.fieldMarkup(parser, th.Origin, "description", th.Description, "description of theme "+quote(th.ID), false)
		c.fieldMarkup(parser, th.Origin, "public_summary", th.PublicSummary, "public_summary of theme "+quote(th.ID), true)
	}
	for _, it := range c.p.Items {
		c.fieldMarkup(parser, it.Origin, "public_summary", it.PublicSummary, "public_summary of item "+quote(it.ID), true)
	}
}

// fieldMarkup reports raw HTML and refused links in one Markdown field,
// once per kind of problem, at the first occurrence.
func (c *checker) fieldMarkup(parser parser.Parser, o model.Origin, field, value, what string, public bool) {
	if value == "" {
		return
	}
	refuse, kept := safelink.Unsafe, "only http, https, mailto and relative links are kept"
	if public {
		refuse = func(dest string) bool { return safelink.Unsafe(dest) || safelink.Escapes(dest, 0) }
		kept = "only http, https, mailto and relative links inside the public site are kept"
	}
	src := []byte(value)
	found := scanMarkup(parser.Parse(text.NewReader(src)), src, refuse)
	if len(found.html) > 0 {
		c.diags.Warnf(o.StringPos(field, value, found.html[0]), "raw HTML in %s is not rendered: write Markdown instead%s", what, andMore(len(found.html), "raw HTML", "field"))
	}
	if len(found.links) > 0 {
		c.diags.Warnf(o.StringPos(field, value, found.links[0]), "link to %q in %s will be removed: %s%s",
			truncate(found.firstLink, 40), what, kept, andMore(len(found.links), "such link", "field"))
	}
}

// markup is what scanMarkup finds: byte offsets of raw HTML and of refused
// links, and the first refused destination.
type markup struct {
	html, links []int
	firstLink   string
}

// scanMarkup walks a parsed Markdown document for raw HTML and for links,
// images and autolinks whose destination refuse rejects.
func scanMarkup(doc ast.Node, src []byte, refuse func(string) bool) markup {
	var m markup
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		off := -1
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				m.html = append(m.html, n.Lines().At(0).Start)
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				m.html = append(m.html, n.Segments.At(0).Start)
			}
		case *ast.Link:
			dest, off = string(n.Destination), linkOffset(n, src, n.Destination)
		case *ast.Image:
			dest, off = string(n.Destination), linkOffset(n, src, n.Destination)
		case *ast.AutoLink:
			url := n.URL(src)
			dest, off = string(url), autoLinkOffset(n, src, url)
		}
		if off >= 0 && refuse(dest) {
			if len(m.links) == 0 {
				m.firstLink = dest
			}
			m.links = append(m.links, off)
		}
		return ast.WalkContinue, nil
	})
	return m
}

// andMore says how many more of a problem follow the first one reported
// in a body or field.
func andMore(n int, what, where string) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" (and %d more %s in this %s)", n-1, what, where)
}

// linkOffset finds where a link or image starts in src: at its first text,
// or, for an empty label, where "](destination" is written in its block.
func linkOffset(n ast.Node, src, dest []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	if off := findInBlock(n, src, append([]byte("]("), dest...)); off >= 0 {
		return off
	}
	return blockStart(n)
}

// autoLinkOffset finds an autolink ("<url>") in the lines of its block:
// goldmark keeps no segment for the autolink itself.
func autoLinkOffset(n ast.Node, src, url []byte) int {
	if off := findInBlock(n, src, append([]byte("<"), url...)); off >= 0 {
		return off + 1
	}
	if off := findInBlock(n, src, url); off >= 0 {
		return off // a bare URL turned into a link by the linkify extension
	}
	return blockStart(n)
}

// findInBlock returns the offset of the first occurrence of text in the
// lines of n's block, or -1.
func findInBlock(n ast.Node, src, text []byte) int {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() != ast.TypeBlock || p.Lines().Len() == 0 {
			continue
		}
		lines := p.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if j := bytes.Index(seg.Value(src), text); j >= 0 {
				return seg.Start + j
			}
		}
		return -1
	}
	return -1
}

func blockStart(n ast.Node) int {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
