package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
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

// goldmarkCells renders table cells with goldmark's own table renderer.
type goldmarkCells struct{}

func (goldmarkCells) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	base := map[ast.NodeKind]renderer.NodeRendererFunc{}
	extension.NewTableHTMLRenderer().RegisterFuncs(registerer(base))
	r.Register(east.KindTableCell, base[east.KindTableCell])
}

// goldmarkCellsConverter is New's converter with goldmark's own table
// cells (a lower priority number wins).
func goldmarkCellsConverter() *Converter {
	return newConverter(New().refuses, false, quickText, util.Prioritized(goldmarkCells{}, 5))
}

// convertBoth converts s with c and with ref.
func convertBoth(tb testing.TB, c, ref *Converter, s string) (got, want string) {
	tb.Helper()
	d, err := c.Convert([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	r, err := ref.Convert([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return string(d.HTML), string(r.HTML)
}

// sameHTML requires c and ref to convert each of cases and more alike,
// and returns the cases' HTML, for the caller to check that they
// exercise what they are meant to.
func sameHTML(t *testing.T, c, ref *Converter, cases, more []string) string {
	t.Helper()
	var html strings.Builder
	for i, s := range append(append([]string{}, cases...), more...) {
		got, want := convertBoth(t, c, ref, s)
		if got != want {
			t.Errorf("source %d %q:\n got %s\nwant %s", i, s[:min(len(s), 80)], got, want)
		}
		if i < len(cases) {
			html.WriteString(want)
		}
	}
	return html.String()
}

// fuzzSameHTML fuzzes c against ref from the seeds: both must convert
// every input alike.
func fuzzSameHTML(f *testing.F, c, ref *Converter, seeds []string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := convertBoth(t, c, ref, s); got != want {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

// TestTableCellsMatchGoldmark: the guard writes every table cell, in
// every alignment, in the header and the body, as goldmark's table
// renderer does.
func TestTableCellsMatchGoldmark(t *testing.T) {
	cases := sameHTML(t, New(), goldmarkCellsConverter(), tableCases, generatedItemFiles(t, 7, 200))
	for _, a := range []string{"left", "right", "center"} {
		for _, tag := range []string{"<th", "<td"} {
			if !strings.Contains(cases, tag+` style="text-align:`+a+`">`) {
				t.Errorf("no case has a %s aligned %s", tag, a)
			}
		}
	}
	if n := strings.Count(cases, `style="text-align:`); n < 15 {
		t.Errorf("the cases have %d aligned cells; they must exercise alignment", n)
	}
}

// FuzzTableCellsMatchGoldmark: the guard's table cells and goldmark's
// give the same HTML.
func FuzzTableCellsMatchGoldmark(f *testing.F) {
	fuzzSameHTML(f, New(), goldmarkCellsConverter(), tableCases)
}
