package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/roadmapgen/roadmapgen/internal/gen"
)

// linkifyCases are texts where autolinks start, end or almost start:
// after each trigger, at a line head, next to punctuation, with an '@'
// at and past the local part's 64-byte limit.
var linkifyCases = []string{
	"see http://example.com and https://example.com/a?b=c.",
	"www.example.com at a line head, (www.example.com/x) in brackets",
	"*https://example.com/x* _ftp://files.example.com_ ~www.example.com~",
	"mail ops@example.com, or ops@example.com. or ops@example.com_x",
	"trail ops@example.co- and a@b and x@y.z and @mention",
	"no links here: h f w hx fx wx http https: ftp:/ www example.com",
	strings.Repeat("a", 63) + "@example.com " + strings.Repeat("b", 64) + "@example.com " + strings.Repeat("c", 65) + "@example.com",
	"tab\thttp://example.com\tend and new\nline www.example.com\nhttps://x.y",
	"[label http://example.com](http://other.example) and ![alt www.example.com](i.png)",
	"`code http://example.com` and <http://example.com> and a&amp;b@example.com",
	"- item www.example.com\n- ops@example.com\n\n| a | b |\n|---|---|\n| http://example.com | c@d.io |",
	"ｗｗｗ.example.com and é@example.com and http://exämple.com",
	"no address in this one: a b c. www and http and ftp words",
}

// generatedItemFiles returns the item files, front matter and body, of a
// generated roadmap of n items.
func generatedItemFiles(tb testing.TB, seed uint64, n int) []string {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := gen.Write(dir, gen.Options{Seed: seed, Items: n}); err != nil {
		tb.Fatal(err)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "items", "*", "*.md"))
	if len(paths) < n/2 {
		tb.Fatalf("found %d generated item files", len(paths))
	}
	var srcs []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		srcs = append(srcs, string(data))
	}
	return srcs
}

// gfmReference converts src with goldmark's own extension.GFM, the
// extension gfm replaces.
func gfmReference(tb testing.TB, src []byte) string {
	tb.Helper()
	var buf bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(src, &buf); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

// gfmQuick converts src with gfm, parsed as the Converter parses.
func gfmQuick(tb testing.TB, src []byte) string {
	tb.Helper()
	var buf bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(gfm))
	if err := md.Renderer().Render(&buf, src, parseWith(md.Parser(), src)); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

// TestQuickLinkifyMatchesGFM converts the cases and the bodies of a
// generated roadmap with gfm and with extension.GFM: the HTML must be the
// same, and the cases must have made autolinks.
func TestQuickLinkifyMatchesGFM(t *testing.T) {
	srcs := append(append([]string{}, linkifyCases...), generatedItemFiles(t, 5, 200)...)
	links := 0
	for i, s := range srcs {
		want := gfmReference(t, []byte(s))
		if got := gfmQuick(t, []byte(s)); got != want {
			t.Errorf("source %d %q:\n got %s\nwant %s", i, s[:min(len(s), 80)], got, want)
		}
		if i < len(linkifyCases) {
			links += strings.Count(want, "<a href=")
		}
	}
	if links < 20 {
		t.Errorf("the cases made %d links; they must exercise autolinks", links)
	}
}

// FuzzQuickLinkifyMatchesGFM: gfm and extension.GFM give the same HTML.
func FuzzQuickLinkifyMatchesGFM(f *testing.F) {
	for _, s := range linkifyCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := gfmQuick(t, []byte(s)), gfmReference(t, []byte(s)); got != want {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

// twoStepCases add to linkifyCases texts where a link's destination, an
// autolink or a code span holds what starts an autolink, so that the
// first parse finds no text that could start one; and texts where only a
// heading, a table cell, emphasis or a link's label does.
var twoStepCases = []string{
	"See the [notes](https://example.com/notes) and ![map](https://example.com/m.png).",
	"<https://example.com> and <ops@example.com> stay autolinks",
	"`https://example.com` and ``www.example.com`` in code",
	"<a href=\"https://example.com\">raw</a> and <span title='a@b.co'>x</span>",
	"[ref]\n\n[ref]: https://example.com/ref",
	"```\nhttps://example.com\n```\n\n    www.example.com\n",
	"# Heading www.example.com\n\n| a |\n|---|\n| ops@example.com |",
	"*http://example.com* and ~~www.example.com~~ and **a@b.co**",
	"[label https://example.com](https://other.example) [x](<https://a.example/b c>)",
	"[broken](https://example.com/a b) and [x] (https://example.com)",
	"- [ ] task www.example.com\n- [x] done",
	"HTTP://EXAMPLE.COM and WWW.EXAMPLE.COM and Https://example.com",
	"a\\@b.co and http\\://example.com and www\\.example.com",
}

// converted is what a Converter makes of src: its HTML and what it drops.
// Blanks at the end of a line of text are left out (see lineEndBlanks).
func converted(t testing.TB, c *Converter, src []byte) string {
	t.Helper()
	var html string
	d, err := c.ConvertFunc(src, func(b []byte) { html = string(b) })
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%s\n%+v", lineEndBlanks.ReplaceAllString(html, "$1"), d)
}

// lineEndBlanks are blanks before the end of a line of text or a hard
// break. goldmark removes them, but where its autolink parser stopped at
// each blank it keeps all but the last of a run of two or more ("a \t"
// at a line's end gives "a "): the two-step parse gives "a" where no text
// could start an autolink. In HTML text both read the same.
var lineEndBlanks = regexp.MustCompile("[ \t\v\f]+(\n|<br>)")

// TestTwoStepParse converts texts with the two-step parse (without
// autolinks first) and with the autolink parser alone: the HTML and what
// is dropped must be the same. It also requires that both steps were
// taken.
func TestTwoStepParse(t *testing.T) {
	srcs := append(append(append([]string{}, linkifyCases...), twoStepCases...), generatedItemFiles(t, 7, 200)...)
	if bodies, err := filepath.Glob("../../content/items/*/*.md"); err == nil {
		for _, p := range bodies {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, string(data))
		}
	}
	twoStep, oneStep := New(), New()
	oneStep.plain = nil
	plainOnly := 0
	for i, s := range srcs {
		if got, want := converted(t, twoStep, []byte(s)), converted(t, oneStep, []byte(s)); got != want {
			t.Errorf("source %d %q:\n got %s\nwant %s", i, s[:min(len(s), 80)], got, want)
		}
		if _, linkish := twoStep.scan(twoStep.plain.Parse(text.NewReader([]byte(s))), []byte(s)); !linkish {
			plainOnly++
		}
	}
	if plainOnly < 100 || plainOnly == len(srcs) {
		t.Errorf("%d of %d sources were parsed once: the test must take both steps", plainOnly, len(srcs))
	}
}

// FuzzTwoStepParse: the two-step parse and the autolink parser alone give
// the same HTML and drop the same.
func FuzzTwoStepParse(f *testing.F) {
	for _, s := range append(append([]string{}, linkifyCases...), twoStepCases...) {
		f.Add(s)
	}
	twoStep, oneStep := New(), New()
	oneStep.plain = nil
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := converted(t, twoStep, []byte(s)), converted(t, oneStep, []byte(s)); got != want {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

// TestTriggersMayLink: for every part of a source, mayLink with the
// triggers the whole source holds says what mayLink says.
func TestTriggersMayLink(t *testing.T) {
	srcs := append(append(append([]string{}, linkifyCases...), twoStepCases...), generatedItemFiles(t, 9, 20)...)
	for _, s := range srcs {
		src := []byte(s)
		in := triggersIn(src)
		for i := 0; i < len(src); i += 7 {
			for _, n := range []int{1, 5, 13, 40, 200} {
				part := src[i:min(len(src), i+n)]
				if got, want := in.mayLink(part), mayLink(part); got != want {
					t.Fatalf("%q in %q: %v, mayLink %v", part, s[:min(len(s), 60)], got, want)
				}
			}
		}
	}
}
