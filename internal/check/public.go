package check

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/yuin/goldmark/ast"
)

// publicDates: customers read any date on a public roadmap as a promise, so
// no field that can reach the public page may hold one. Fields are checked
// whether or not the item is public today: visibility is one line away.
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
// and script links are neutralized; say so where the author can fix it.
func (c *checker) markdown(it *model.Item) {
	body := it.Body
	if body.Doc == nil {
		return
	}
	_ = ast.Walk(body.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				c.diags.Warnf(body.Pos(n.Lines().At(0).Start), "raw HTML in the body of %q is not rendered: write Markdown instead", it.ID)
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				c.diags.Warnf(body.Pos(n.Segments.At(0).Start), "raw HTML in the body of %q is not rendered: write Markdown instead", it.ID)
			}
		case *ast.Link:
			c.link(it, string(n.Destination), firstOffset(n))
		case *ast.Image:
			c.link(it, string(n.Destination), firstOffset(n))
		case *ast.AutoLink:
			url := n.URL(body.Src)
			c.link(it, string(url), autoLinkOffset(n, body.Src, url))
		}
		return ast.WalkContinue, nil
	})
}

func (c *checker) link(it *model.Item, dest string, off int) {
	if !UnsafeURL(dest) {
		return
	}
	c.diags.Warnf(it.Body.Pos(off), "link to %q in the body of %q will be removed: only http, https, mailto and relative links are kept", truncate(dest, 40), it.ID)
}

// autoLinkOffset finds an autolink's text in the lines of its block: goldmark
// keeps no segment for the autolink itself.
func autoLinkOffset(n ast.Node, src, url []byte) int {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() != ast.TypeBlock || p.Lines().Len() == 0 {
			continue
		}
		lines := p.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if j := bytes.Index(seg.Value(src), url); j >= 0 {
				return seg.Start + j
			}
		}
		return lines.At(0).Start
	}
	return 0
}

// firstOffset finds the byte offset of the first text under n.
func firstOffset(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if t, ok := p.(*ast.Text); ok {
			return t.Segment.Start
		}
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
		if fc := p.FirstChild(); fc != nil {
			if t, ok := fc.(*ast.Text); ok {
				return t.Segment.Start
			}
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

// UnsafeURL reports whether a link destination uses a scheme that can run
// script or smuggle content: javascript:, vbscript:, file: and data: other
// than raster images. The scheme is compared after removing the white
// space, control characters and case tricks browsers ignore.
func UnsafeURL(dest string) bool {
	dest = html.UnescapeString(dest) // "&#106;avascript:" is still javascript:
	var b strings.Builder
	for _, r := range dest {
		if r <= ' ' || r == 0x7f {
			continue // browsers strip these inside a scheme
		}
		if r == ':' {
			break
		}
		b.WriteRune(r)
	}
	scheme := strings.ToLower(b.String())
	if !strings.Contains(dest, ":") || strings.ContainsAny(scheme, "/?#") {
		return false // relative URL
	}
	switch scheme {
	case "javascript", "vbscript", "file":
		return true
	case "data":
		lower := strings.ToLower(dest)
		for _, ok := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			if strings.HasPrefix(lower, ok) {
				return false
			}
		}
		return true
	}
	return false
}
