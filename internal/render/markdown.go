package render

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/roadmapgen/roadmapgen/internal/safelink"
)

// markdown renders untrusted Markdown. Raw HTML is dropped without a trace
// (not even goldmark's "raw HTML omitted" comment, which --minify=false
// would keep), links and images whose destination safelink refuses lose
// their destination and keep their text, and headings move down a level so
// that a body's "# Title" does not compete with the page's own h1.
type markdown struct {
	md goldmark.Markdown
}

func newMarkdown() *markdown { return newMarkdownFor(false) }

// newPublicMarkdown renders Markdown for the public page, which sits at the
// top of its root: it also drops relative links that climb out of that
// root ("../internal/"), since the public page must not point into the
// internal site even where both are served from one host.
func newPublicMarkdown() *markdown { return newMarkdownFor(true) }

func newMarkdownFor(public bool) *markdown {
	base := map[ast.NodeKind]renderer.NodeRendererFunc{}
	html.NewRenderer().RegisterFuncs(registerer(base))
	extension.NewTableHTMLRenderer().RegisterFuncs(registerer(base))
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(&guard{base: base, public: public}, 10))),
	)
	return &markdown{md: md}
}

// registerer collects the functions a NodeRenderer registers, so that the
// guard can delegate safe nodes to goldmark's own HTML renderer.
type registerer map[ast.NodeKind]renderer.NodeRendererFunc

func (r registerer) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { r[k] = f }

// guard overrides the rendering of raw HTML, links, images and headings.
type guard struct {
	base map[ast.NodeKind]renderer.NodeRendererFunc
	// public also refuses relative links that leave the public root.
	public bool
}

// refuses reports whether a destination must not be published.
func (g *guard) refuses(dest string) bool {
	return safelink.Unsafe(dest) || (g.public && safelink.Escapes(dest, 0))
}

// RegisterFuncs implements renderer.NodeRenderer.
func (g *guard) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindLink, g.link)
	r.Register(ast.KindImage, g.image)
	r.Register(ast.KindAutoLink, g.autoLink)
	r.Register(ast.KindHeading, g.heading)
	r.Register(east.KindTable, g.table)
	r.Register(ast.KindHTMLBlock, g.skip)
	r.Register(ast.KindRawHTML, g.skip)
}

// skip renders raw HTML as nothing. goldmark's own renderer would write an
// HTML comment in its place; check tells the author instead.
func (g *guard) skip(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// table wraps a table in a box that scrolls sideways on a narrow screen,
// so a wide table never makes the whole page scroll.
func (g *guard) table(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="table-scroll">`)
		return g.base[east.KindTable](w, src, n, entering)
	}
	st, err := g.base[east.KindTable](w, src, n, entering)
	_, _ = w.WriteString("</div>\n")
	return st, err
}

func (g *guard) link(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if g.refuses(string(n.(*ast.Link).Destination)) {
		return ast.WalkContinue, nil // children (the link text) render as text
	}
	return g.base[ast.KindLink](w, src, n, entering)
}

func (g *guard) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	img := n.(*ast.Image)
	if g.refuses(string(img.Destination)) {
		return ast.WalkContinue, nil // the alt text renders as text
	}
	return g.base[ast.KindImage](w, src, n, entering)
}

func (g *guard) autoLink(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	al := n.(*ast.AutoLink)
	if g.refuses(string(al.URL(src))) {
		if entering {
			_, _ = w.Write(util.EscapeHTML(al.Label(src)))
		}
		return ast.WalkContinue, nil
	}
	return g.base[ast.KindAutoLink](w, src, n, entering)
}

func (g *guard) heading(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	level := min(n.(*ast.Heading).Level+1, 6)
	if entering {
		_, _ = w.WriteString("<h" + string(rune('0'+level)) + ">")
	} else {
		_, _ = w.WriteString("</h" + string(rune('0'+level)) + ">\n")
	}
	return ast.WalkContinue, nil
}

// Render renders a parsed document.
func (m *markdown) Render(src []byte, doc ast.Node) (template.HTML, error) {
	if doc == nil {
		return "", nil
	}
	var b bytes.Buffer
	if err := m.md.Renderer().Render(&b, src, doc); err != nil {
		return "", err
	}
	// goldmark's renderer escapes text and drops raw HTML; the guard drops
	// unsafe destinations. This is the only place source text becomes
	// template.HTML.
	return template.HTML(b.String()), nil
}

// String parses and renders a Markdown field such as a theme description.
func (m *markdown) String(s string) (template.HTML, error) {
	if s == "" {
		return "", nil
	}
	src := []byte(s)
	return m.Render(src, m.md.Parser().Parse(text.NewReader(src)))
}
