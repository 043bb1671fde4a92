package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// goldmarkLinks renders links with goldmark's own link renderer behind
// the same refusal, as the guard did before it wrote links itself.
type goldmarkLinks struct {
	refuses func(string) bool
	base    map[ast.NodeKind]renderer.NodeRendererFunc
}

func (g goldmarkLinks) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindLink, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if g.refuses(string(n.(*ast.Link).Destination)) {
			return ast.WalkContinue, nil
		}
		return g.base[ast.KindLink](w, src, n, entering)
	})
}

func goldmarkLinkConverter() *Converter {
	base := map[ast.NodeKind]renderer.NodeRendererFunc{}
	html.NewRenderer().RegisterFuncs(registerer(base))
	return newConverter(refusesInternal, false, quickText, util.Prioritized(goldmarkLinks{refusesInternal, base}, 5))
}

var refusesInternal = New().refuses

var linkSeeds = []string{
	"[a](https://example.com/x?y=1&z=<2>)",
	`[a](https://example.com "a \"title\" & more")`,
	"[a](HTTPS://EXAMPLE.COM/Ä)",
	"[a](data:image/PNG;base64,AA) [b](data:image/svg+xml,x) [c](DATA:image/webp,x)",
	"[a](data:text/plain,x) [b](Data:,x)",
	"[a](FILE:///etc/passwd) [b](VbScript:x) [c](javascrİpt:x) [d](ja%0avascript:x)",
	"[a](<with space>) [b](%e2%80%8b) [c](ünïcode/path) [d]()",
	"[ref]\n\n[ref]: https://example.com/ref 'title'",
	"[a](../up/) [b](#frag) [c](?q) [d](mailto:x@example.com)",
	"[a](\u212Aelvin:x) [b](ſcheme:x) [c](dAtA:ImAgE/JpEg,x)",
}

// TestLinksMatchGoldmark: the guard writes each link it keeps as
// goldmark's renderer does.
func TestLinksMatchGoldmark(t *testing.T) {
	ours, theirs := New(), goldmarkLinkConverter()
	for _, src := range linkSeeds {
		sameLinks(t, ours, theirs, src)
	}
}

func FuzzLinksMatchGoldmark(f *testing.F) {
	for _, s := range linkSeeds {
		f.Add(s)
	}
	ours, theirs := New(), goldmarkLinkConverter()
	f.Fuzz(func(t *testing.T, src string) {
		sameLinks(t, ours, theirs, src)
	})
}

func sameLinks(t *testing.T, ours, theirs *Converter, src string) {
	t.Helper()
	got, err1 := ours.Convert([]byte(src))
	want, err2 := theirs.Convert([]byte(src))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if got.HTML != want.HTML {
		t.Errorf("%q:\n got %q\nwant %q", src, got.HTML, want.HTML)
	}
}

// FuzzDangerousURL: dangerousURL is goldmark's IsDangerousURL.
func FuzzDangerousURL(f *testing.F) {
	for _, s := range []string{"javascript:x", "JAVASCRIPT:", "data:image/png", "data:image/svg", "DATA:IMAGE/GIF", "data:", "file:", "vbscript", "http://x", "\u212Aavascript:", "jav\u0130ascript:", "data:image/jpe", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, url []byte) {
		if got, want := dangerousURL(url), html.IsDangerousURL(url); got != want {
			t.Errorf("dangerousURL(%q) = %v, goldmark says %v", url, got, want)
		}
	})
}
