package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

var tableCases = []string{
	"| a | b | c | d |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |\n| x&y | <b>z</b> | `c|d` | [l](http://e.x) |",
	"| only header |\n|:-:|",
	"a | b\n--: | :--\n| | empty cells\n\\| escaped | pipe",
	"- in a list\n\n  | h |\n  |--:|\n  | v |\n\n> | quoted | t |\n> |:--|:--|\n> | **bold** | *em* |",
	"| h1 | h2 |\n| --- | :---: |\n| more cells | than | the header |\n| fewer |",
	"| a |\n|:--|\n| javascript:alert(1) | ![i](javascript:x) |",
}

// goldmarkCells renders table cells with goldmark's own table renderer,
// ahead of the guard (a lower priority number wins).
type goldmarkCells struct{}

func (goldmarkCells) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	base := map[ast.NodeKind]renderer.NodeRendererFunc{}
	extension.NewTableHTMLRenderer().RegisterFuncs(registerer(base))
	r.Register(east.KindTableCell, base[east.KindTableCell])
}

// goldmarkCellsConverter is New's converter with goldmark's own table
// cells.
func goldmarkCellsConverter() goldmark.Markdown {
	base := map[ast.NodeKind]renderer.NodeRendererFunc{}
	html.NewRenderer().RegisterFuncs(registerer(base))
	extension.NewTableHTMLRenderer().RegisterFuncs(registerer(base))
	return goldmark.New(
		goldmark.WithExtensions(gfm),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&guard{base: base, refuses: New().refuses}, 10),
			util.Prioritized(goldmarkCells{}, 5),
		)),
	)
}

// TestTableCellsMatchGoldmark: the guard writes every table cell, in
// every alignment, in the header and the body, as goldmark's table
// renderer does.
func TestTableCellsMatchGoldmark(t *testing.T) {
	c, ref := New(), goldmarkCellsConverter()
	srcs := append(append([]string{}, tableCases...), generatedBodies(t, 7, 200)...)
	aligned := 0
	for i, s := range srcs {
		var want bytes.Buffer
		if err := ref.Convert([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		got, err := c.Convert([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if string(got.HTML) != want.String() {
			t.Errorf("source %d %q:\n got %s\nwant %s", i, s[:min(len(s), 80)], got.HTML, want.String())
		}
		if i < len(tableCases) {
			aligned += strings.Count(want.String(), `style="text-align:`)
		}
	}
	for _, a := range []string{"left", "right", "center"} {
		var all strings.Builder
		for _, s := range tableCases {
			d, _ := c.Convert([]byte(s))
			all.WriteString(string(d.HTML))
		}
		for _, tag := range []string{"<th", "<td"} {
			if !strings.Contains(all.String(), tag+` style="text-align:`+a+`">`) {
				t.Errorf("no case has a %s aligned %s", tag, a)
			}
		}
	}
	if aligned < 15 {
		t.Errorf("the cases have %d aligned cells; they must exercise alignment", aligned)
	}
}

// FuzzTableCellsMatchGoldmark: the guard's table cells and goldmark's
// give the same HTML.
func FuzzTableCellsMatchGoldmark(f *testing.F) {
	for _, s := range tableCases {
		f.Add(s)
	}
	c, ref := New(), goldmarkCellsConverter()
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		if err := ref.Convert([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		got, err := c.Convert([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if string(got.HTML) != want.String() {
			t.Fatalf("%q:\n got %s\nwant %s", s, got.HTML, want.String())
		}
	})
}
