package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

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
	if err := md.Renderer().Render(&buf, src, parse(md.Parser(), src)); err != nil {
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
