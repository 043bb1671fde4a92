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

// markdown renders untrusted Markdown. Raw HTML is off (goldmark omits it),
// links and images whose destination safelink refuses lose their
// destination and keep their text, and headings move down a level so that
// a body's "# Title" does not compete with the page's own h1.
type markdown struct {
	md goldmark.Markdown
}

func newMarkdown() *markdown {
	base := map[ast.NodeKind]renderer.NodeRendererFunc{}
	html.NewRenderer().RegisterFuncs(registerer(base))
	extension.NewTableHTMLRenderer().RegisterFuncs(registerer(base))
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(&guard{base: base}, 10))),
	)
	return &markdown{md: md}
}

// registerer collects the functions a NodeRenderer registers, so that the
// guard can delegate safe nodes to goldmark's own HTML renderer.
type registerer map[ast.NodeKind]renderer.NodeRendererFunc

func (r registerer) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { r[k] = f }

// guard overrides the rendering of links, images and headings.
type guard struct {
	base map[ast.NodeKind]renderer.NodeRendererFunc
}

// RegisterFuncs implements renderer.NodeRenderer.
func (g *guard) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindLink, g.link)
	r.Register(ast.KindImage, g.image)
	r.Register(ast.KindAutoLink, g.autoLink)
	r.Register(ast.KindHeading, g.heading)
	r.Register(east.KindTable, g.table)
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
	if safelink.Unsafe(string(n.(*ast.Link).Destination)) {
		return ast.WalkContinue, nil // children (the link text) render as text
	}
	return g.base[ast.KindLink](w, src, n, entering)
}

func (g *guard) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	img := n.(*ast.Image)
	if safelink.Unsafe(string(img.Destination)) {
		return ast.WalkContinue, nil // the alt text renders as text
	}
	return g.base[ast.KindImage](w, src, n, entering)
}

func (g *guard) autoLink(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	al := n.(*ast.AutoLink)
	if safelink.Unsafe(string(al.URL(src))) {
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
