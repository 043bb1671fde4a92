package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textCases put every byte goldmark's text writer acts on first, last,
// alone, doubled and next to another, in every kind of text it writes:
// paragraphs, emphasis, headings, code spans and blocks, link text and
// titles, table cells, autolinks.
var textCases = []string{
	"",
	"plain words only",
	"&amp; &lt;tag&gt; &quot;q&quot; &#65; &#x41; &#X41; &#1234567890; &#xZZ; &nosuch; &copy &copy; & alone",
	"a\\*b \\\\ c\\ d\\& e\\<f \\# trailing\\",
	"x\x00y \x00 \x00\x00",
	"```\n\x00 in a fence & <b>\n```\n\n    \x00 indented \"q\"\n\n`\x00 span`",
	`<b>raw</b> 5 < 6 > 4 "quoted" 'single'`,
	"*em & strong* **b<b>** ~~del \"x\"~~ `code & <code> \\n` ``a`b``",
	"# Heading & <h>\n\nPara \"one\"  \nhard break\\\nand soft\nline &amp; end",
	"```go\nif a < b && c > \"d\" {\n\treturn '\\x00'\n}\n```\n\n    indented <code> & \"block\"",
	"[text & <t>](http://e.x/?a=1&b=<2> \"title & \\\"q\\\"\") ![alt \"a\" & b](i.png 'T&T')",
	"<http://e.x/a&b> <a@b.c> www.e.x/?q=\"a\"&r=<b> https://e.x/&amp;",
	"| a & b | \"c\" |\n|---|:-:|\n| <d> | e\\|f & g |",
	"- item & one\n- item <two>\n\n1. \"three\"\n\n> quote & \"quote\" <q>",
	"ends with &",
	"ends with \\",
	"&",
	"\\",
	"\"",
	"é & ü — “curly” <ü> \u2028 \ufeff",
}

// goldmarkTextConverter is New's converter with goldmark's own text
// writer.
func goldmarkTextConverter(extra ...util.PrioritizedValue) *Converter {
	return newConverter(New().refuses, false, html.DefaultWriter, extra...)
}

// TestTextWriterMatchesGoldmark: text written through textWriter is
// goldmark's, byte for byte, for the cases, 200 generated bodies and
// every body of content/.
func TestTextWriterMatchesGoldmark(t *testing.T) {
	srcs := generatedItemFiles(t, 11, 200)
	files, _ := filepath.Glob(filepath.Join("..", "..", "content", "items", "*", "*.md"))
	if len(files) < 40 {
		t.Fatalf("found %d files in content/items", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, string(data))
	}
	cases := sameHTML(t, New(), goldmarkTextConverter(), textCases, srcs)
	// The cases must make goldmark act: escape, resolve, replace.
	for _, want := range []string{"&amp;", "&lt;", "&gt;", "&quot;", "\ufffd", "A", "©", "a*b", "d&amp;"} {
		if !strings.Contains(cases, want) {
			t.Errorf("no case's HTML has %q", want)
		}
	}
}

// FuzzTextWriterMatchesGoldmark: textWriter and goldmark's writer give
// the same HTML.
func FuzzTextWriterMatchesGoldmark(f *testing.F) {
	fuzzSameHTML(f, New(), goldmarkTextConverter(), textCases)
}
