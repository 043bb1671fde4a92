package markdown

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		name, src   string
		public      bool
		want, never []string
		html, links []int // offsets of what is dropped
		firstLink   string
	}{
		{name: "heading moves down a level", src: "# Why\n\ntext",
			want: []string{"<h2>Why</h2>", "<p>text</p>"}},
		{name: "table scrolls in its box", src: "| a | b |\n|---|---|\n| 1 | 2 |\n",
			want: []string{`<div class="table-scroll"><table>`, "</table>\n</div>"}},
		{name: "raw HTML block and inline are dropped without a trace", src: "<div onclick=x>hi</div>\n\nok <b>bold</b> end",
			want: []string{"<p>ok bold end</p>"}, never: []string{"<div", "<b>", "<!--", "onclick"}, html: []int{0, 28, 35}},
		{name: "javascript link keeps its text", src: "see [this](javascript:alert(1)) now",
			want: []string{"<p>see this now</p>"}, never: []string{"href", "javascript"}, links: []int{5}, firstLink: "javascript:alert(1)"},
		{name: "entity-encoded and mixed-case schemes", src: "[a](&#106;avascript:x) [b](JaVaScRiPt:x) [c](vbscript:x)",
			never: []string{"href", "script:"}, links: []int{1, 24, 42}, firstLink: "&#106;avascript:x"},
		{name: "data URL image loses its source, raster image stays", src: "![x](data:text/html,hi) ![y](data:image/png;base64,AAAA)",
			want: []string{`<img src="data:image/png;base64,AAAA" alt="y">`}, never: []string{"text/html"}, links: []int{2}, firstLink: "data:text/html,hi"},
		{name: "safe links stay", src: "[a](https://example.com/x?y=1) [b](mailto:x@example.com) [c](../other/)",
			want: []string{`href="https://example.com/x?y=1"`, `href="mailto:x@example.com"`, `href="../other/"`}},
		{name: "public page drops links that climb out of its root", src: "[a](../internal/) [b](https://example.com/)", public: true,
			want: []string{`<p>a <a href="https://example.com/">b</a></p>`}, never: []string{"../internal"}, links: []int{1}, firstLink: "../internal/"},
		{name: "autolink to a script scheme is text", src: "<javascript:alert(1)>",
			never: []string{"href"}, links: []int{1}, firstLink: "javascript:alert(1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New()
			if tc.public {
				c = NewPublic()
			}
			doc, err := c.Convert([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			got := string(doc.HTML)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("HTML lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tc.never {
				if strings.Contains(got, n) {
					t.Errorf("HTML has %q:\n%s", n, got)
				}
			}
			if !slices.Equal(doc.Dropped.HTML, tc.html) || !slices.Equal(doc.Dropped.Links, tc.links) || doc.Dropped.FirstLink != tc.firstLink {
				t.Errorf("Dropped = %+v, want html %v links %v first %q", doc.Dropped, tc.html, tc.links, tc.firstLink)
			}
			if scan := c.Scan(tc.src); !slices.Equal(scan.HTML, doc.Dropped.HTML) || !slices.Equal(scan.Links, doc.Dropped.Links) {
				t.Errorf("Scan = %+v, Convert dropped %+v", scan, doc.Dropped)
			}
		})
	}
}

var unsafeHTML = regexp.MustCompile(`(?i)<(script|iframe|object|embed|style)|<[a-z][^>]*\son[a-z]+\s*=|href="\s*(javascript|vbscript|data):|src="\s*(javascript:|vbscript:|data:text)`)

// FuzzConvert: no input panics, and none yields a script, an event
// handler or a script link.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"# h\n\n[a](javascript:x)", "<script>alert(1)</script>", "[a](&#x6A;avascript:x)",
		"![i](data:text/html;base64,PHNjcmlwdD4=)", "<a href=\"javascript:x\">x</a>", "| a |\n|---|\n| <img src=x onerror=y> |",
		"[x][r]\n\n[r]: vbscript:msgbox", "<javascript:alert(1)>", "www.example.com/<script>",
	} {
		f.Add(s)
	}
	c, p := New(), NewPublic()
	f.Fuzz(func(t *testing.T, s string) {
		for _, conv := range []*Converter{c, p} {
			doc, err := conv.Convert([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			if m := unsafeHTML.FindString(string(doc.HTML)); m != "" {
				t.Fatalf("unsafe %q in output of %q:\n%s", m, s, doc.HTML)
			}
		}
	})
}
