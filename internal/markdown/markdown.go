// Package markdown turns untrusted Markdown into safe HTML, and says what
// it had to drop so that check can tell the author where.
//
// It is the one place roadmapgen configures goldmark: CommonMark with
// GitHub's tables, strikethrough, autolinks and task lists. Raw HTML is
// dropped without a trace (not even goldmark's "raw HTML omitted" comment);
// links and images whose destination is refused lose it and keep their
// text; headings move down a level so that a body's "# Title" does not
// compete with the page's own h1; tables scroll in their own box.
//
// Each body is parsed, scanned and rendered in one call (Convert), so that
// no syntax tree outlives it: serve converts at load, a build at each
// item's page, and neither holds 10,000 trees.
package markdown

import (
	"bufio"
	"bytes"
	"html/template"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/roadmapgen/roadmapgen/internal/safelink"
)

// Converter parses and renders Markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
	// plain parses without autolinks (gfmNoLinks); nil parses with md's
	// parser alone (tests compare both ways).
	plain   parser.Parser
	refuses func(dest string) bool
	public  bool
	// outs holds *out buffers between Convert calls, which run on many
	// goroutines at once.
	outs sync.Pool
}

// out is where Convert renders: goldmark's renderer wraps any writer that
// is not a bufio.Writer in a new 4 KB one per call (40 MB of garbage for
// 10,000 items), so it is given one, kept with its buffer.
type out struct {
	buf bytes.Buffer
	bw  *bufio.Writer
}

// Public reports whether c is the public page's converter.
func (c *Converter) Public() bool { return c.public }

// New returns a Converter for internal pages: it refuses destinations
// safelink.Unsafe rejects (javascript:, vbscript:, data: other than
// raster images, in any spelling).
func New() *Converter { return newConverter(safelink.Unsafe, false, quickText) }

// NewPublic returns a Converter for the public page, which sits at the top
// of its root: it also refuses relative links that climb out of that root
// ("../internal/"), since the public page must not point into the internal
// site even where both are served from one host.
func NewPublic() *Converter {
	return newConverter(func(dest string) bool { return safelink.Unsafe(dest) || safelink.Escapes(dest, 0) }, true, quickText)
}

// quickText is the text writer converters use (textWriter).
var quickText html.Writer = textWriter{html.DefaultWriter}

// newConverter makes a Converter that writes text with text; tests pass
// goldmark's own writer, and renderers to put ahead of the guard.
func newConverter(refuses func(string) bool, public bool, text html.Writer, before ...util.PrioritizedValue) *Converter {
	base := map[ast.NodeKind]renderer.NodeRendererFunc{}
	html.NewRenderer(html.WithWriter(text)).RegisterFuncs(registerer(base))
	extension.NewTableHTMLRenderer().RegisterFuncs(registerer(base))
	md := goldmark.New(
		goldmark.WithExtensions(gfm),
		goldmark.WithRendererOptions(
			html.WithWriter(text),
			renderer.WithNodeRenderers(append(before, util.Prioritized(&guard{base: base, refuses: refuses}, 10))...),
		),
	)
	plain := goldmark.New(goldmark.WithExtensions(gfmNoLinks)).Parser()
	return &Converter{md: md, plain: plain, refuses: refuses, public: public}
}

// Dropped is what rendering leaves out of a Markdown text: byte offsets
// (into the text) of raw HTML and of refused links, images and autolinks,
// and the first refused destination.
type Dropped struct {
	HTML, Links []int
	FirstLink   string
}

// Doc is a converted Markdown text.
type Doc struct {
	// HTML is the safe rendering; it is the only source text that becomes
	// template.HTML.
	HTML template.HTML
	// Dropped says what the rendering left out.
	Dropped Dropped
}

// Convert parses src once, notes what will be dropped and renders it.
func (c *Converter) Convert(src []byte) (Doc, error) {
	var d Doc
	var err error
	d.Dropped, err = c.ConvertFunc(src, func(html []byte) { d.HTML = template.HTML(html) })
	if err != nil {
		return Doc{}, err
	}
	return d, nil
}

// ConvertFunc is Convert for a caller that keeps the HTML in a form of
// its own (a build's item page, a lent buffer): it hands the rendered HTML to use,
// which must not keep the slice, instead of copying it into a string.
// use is not called for an empty src or when rendering fails.
func (c *Converter) ConvertFunc(src []byte, use func(html []byte)) (Dropped, error) {
	if len(src) == 0 {
		return Dropped{}, nil
	}
	doc, dropped := c.parse(src)
	o, _ := c.outs.Get().(*out)
	if o == nil {
		o = &out{}
		o.bw = bufio.NewWriterSize(&o.buf, 4096)
	}
	defer c.outs.Put(o)
	o.buf.Reset()
	o.bw.Reset(&o.buf)
	err := c.md.Renderer().Render(o.bw, src, doc)
	if err == nil {
		err = o.bw.Flush()
	}
	if err != nil {
		return Dropped{}, err
	}
	use(o.buf.Bytes())
	return dropped, nil
}

// String converts a Markdown field such as a theme description.
func (c *Converter) String(s string) (template.HTML, error) {
	d, err := c.Convert([]byte(s))
	return d.HTML, err
}

// Scan reports what rendering s would drop, without rendering it.
func (c *Converter) Scan(s string) Dropped {
	return c.ScanBytes([]byte(s))
}

// ScanBytes is Scan of a text in bytes, which it does not keep.
func (c *Converter) ScanBytes(src []byte) Dropped {
	if len(src) == 0 {
		return Dropped{}
	}
	_, dropped := c.parse(src)
	return dropped
}

// parse parses src and scans the tree (see scan). goldmark's autolink
// parser makes the inline parser stop at every blank of every paragraph
// to ask it, most of what the GFM extensions cost, and can only make a
// link where the text after a blank holds an '@' or starts "http:",
// "https:", "ftp:" or "www.". So src is parsed without it first, and
// again with it only if a text of that tree holds one of those (mayLink):
// most bodies link only with [text](url), whose destination is not text.
// Where no text could start one, the autolink parser makes nothing, and
// both parses render the same (TestTwoStepParse, FuzzTwoStepParse), but
// for blanks at the end of a line: goldmark drops them, and where it
// stopped at each blank for the autolink parser it kept all but the last
// of a run ("a \t" ended "a "). HTML text reads both alike.
func (c *Converter) parse(src []byte) (ast.Node, Dropped) {
	if c.plain != nil {
		doc := c.plain.Parse(text.NewReader(src))
		dropped, linkish := c.scan(doc, src)
		if !linkish {
			return doc, dropped
		}
	}
	doc := parseWith(c.md.Parser(), src)
	dropped, _ := c.scan(doc, src)
	return doc, dropped
}

// parseWith parses src with p, telling quickLinkify whether src holds an
// '@' at all: most bodies do not, and then no blank needs a look for an
// address.
func parseWith(p parser.Parser, src []byte) ast.Node {
	pc := parser.NewContext()
	if bytes.IndexByte(src, '@') < 0 {
		pc.Set(noAddress, true)
	}
	return p.Parse(text.NewReader(src), parser.WithContext(pc))
}

// scan walks a parsed document for raw HTML and for links, images and
// autolinks whose destination the converter refuses, and reports whether
// any text in it could start an autolink (mayLink).
func (c *Converter) scan(doc ast.Node, src []byte) (Dropped, bool) {
	var m Dropped
	linkish := false
	// A Text is a segment of src (with blanks for a tab); a String's
	// value may be made, so it is searched in full.
	in := triggersIn(src)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		off := -1
		switch n := n.(type) {
		case *ast.Text:
			linkish = linkish || in.mayLink(n.Segment.Value(src))
		case *ast.String:
			linkish = linkish || mayLink(n.Value)
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				m.HTML = append(m.HTML, n.Lines().At(0).Start)
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				m.HTML = append(m.HTML, n.Segments.At(0).Start)
			}
		case *ast.Link:
			dest, off = string(n.Destination), linkOffset(n, src, n.Destination)
		case *ast.Image:
			dest, off = string(n.Destination), linkOffset(n, src, n.Destination)
		case *ast.AutoLink:
			url := n.URL(src)
			dest, off = string(url), autoLinkOffset(n, src, url)
		}
		if off >= 0 && c.refuses(dest) {
			if len(m.Links) == 0 {
				m.FirstLink = dest
			}
			m.Links = append(m.Links, off)
		}
		return ast.WalkContinue, nil
	})
	return m, linkish
}

// registerer collects the functions a NodeRenderer registers, so that the
// guard can delegate safe nodes to goldmark's own HTML renderer.
type registerer map[ast.NodeKind]renderer.NodeRendererFunc

func (r registerer) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { r[k] = f }

// guard overrides the rendering of raw HTML, links, images and headings.
type guard struct {
	base map[ast.NodeKind]renderer.NodeRendererFunc
	// refuses must not keep dest, which may be a view of the source.
	refuses func(dest string) bool
}

// RegisterFuncs implements renderer.NodeRenderer.
func (g *guard) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindLink, g.link)
	r.Register(ast.KindImage, g.image)
	r.Register(ast.KindAutoLink, g.autoLink)
	r.Register(ast.KindHeading, g.heading)
	r.Register(east.KindTable, g.table)
	r.Register(east.KindTableCell, g.tableCell)
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

// tableCell writes a cell as goldmark's table renderer does, its
// alignment as a style attribute, without that renderer's fmt.Fprintf
// and attribute copy per cell (30 MB of garbage per 10,000-item build).
// A cell with attributes of its own, which nothing sets here, is left to
// goldmark.
func (g *guard) tableCell(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if n.Attributes() != nil {
		return g.base[east.KindTableCell](w, src, n, entering)
	}
	head := n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader
	switch {
	case !entering && head:
		_, _ = w.WriteString("</th>\n")
	case !entering:
		_, _ = w.WriteString("</td>\n")
	default:
		if head {
			_, _ = w.WriteString("<th")
		} else {
			_, _ = w.WriteString("<td")
		}
		if a := n.(*east.TableCell).Alignment; a != east.AlignNone {
			_, _ = w.WriteString(` style="text-align:`)
			_, _ = w.WriteString(a.String())
			_ = w.WriteByte('"')
		}
		_ = w.WriteByte('>')
	}
	return ast.WalkContinue, nil
}

func (g *guard) link(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	l := n.(*ast.Link)
	if g.refuses(transient(l.Destination)) {
		return ast.WalkContinue, nil // children (the link text) render as text
	}
	if l.Title != nil || l.Attributes() != nil {
		return g.base[ast.KindLink](w, src, n, entering)
	}
	// goldmark's renderLink, without the four lower-cased copies of the
	// destination its dangerous-URL test makes for every link.
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	dest := util.URLEscape(l.Destination, true)
	if !dangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_, _ = w.WriteString(`">`)
	return ast.WalkContinue, nil
}

// transient views b as a string for a call that does not keep it (the
// guard's refuses), without copying it for every link of every page.
func transient(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// dangerousURL is goldmark's html.IsDangerousURL, which compares
// lower-cased copies of the destination's first bytes with each scheme;
// an ASCII destination is compared in place.
func dangerousURL(url []byte) bool {
	for _, c := range url[:min(len(url), 16)] {
		if c >= utf8.RuneSelf {
			return html.IsDangerousURL(url)
		}
	}
	if hasPrefixFold(url, "data:image/") {
		v := url[11:]
		return !(hasPrefixFold(v, "png;") || hasPrefixFold(v, "gif;") || hasPrefixFold(v, "jpeg;") || hasPrefixFold(v, "webp;"))
	}
	return hasPrefixFold(url, "javascript:") || hasPrefixFold(url, "vbscript:") || hasPrefixFold(url, "file:") || hasPrefixFold(url, "data:")
}

// hasPrefixFold reports whether the ASCII s starts with the lower-case
// ASCII prefix, ignoring case.
func hasPrefixFold(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := range len(prefix) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

func (g *guard) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	img := n.(*ast.Image)
	if g.refuses(transient(img.Destination)) {
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
	level := byte('0' + min(n.(*ast.Heading).Level+1, 6))
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString("</h")
		_ = w.WriteByte(level)
		_, _ = w.WriteString(">\n")
	}
	return ast.WalkContinue, nil
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
