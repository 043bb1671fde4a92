package render_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/safelink"
)

// hostileSite is a roadmap whose public fields hold markup, quotes and
// every spelling of a script link, in every place they reach the public
// page: text, attributes, URLs, the SVG board and roadmap.json.
var hostileSite = map[string]string{
	"roadmap.toml": `title = "Internal"
now = "2026-Q4"

[[themes]]
id = "t"
title = "T"
public_title = "Sign-in <svg onload=alert(1)> \"SSO\" & 'more'"
public_summary = """
Theme <img src=x onerror=alert(1)> text <!-- secret theme note -->
[a](JaVaScRiPt:alert(1)) [b](&#x6A;avascript:alert(2)) [c](java&#x09;script:alert(3))
[d](vbscript:msgbox) [e](data:text/html;base64,PHNjcmlwdD4=) [f](../internal/index.html)
[g](%2e%2e/internal/) <javascript:alert(4)> ![ok](data:image/png;base64,iVBORw0K)
[safe](https://example.com/docs 'a "title" <b>')
"""

[public]
title = "What's <b>next</b> \"for\" you & 'them'"
intro = "Intro <script>alert(5)</script> and <a href=\"javascript:alert(6)\">x</a>."
feedback_url = "https://example.com/f?q=\"'><script>alert(7)</script>"
`,
	"items/a.md": `+++
title = "A"
kind = "feature"
theme = "t"
horizon = "now"
visibility = "public"
public_title = "Card <b>bold</b> \"q\" & 'a'"
public_summary = "Item <iframe src=x></iframe> [x](JAVASCRIPT:alert(8))"
+++
Body.
`,
}

var (
	// rawTag finds a tag written in a field, unescaped.
	rawTag = regexp.MustCompile(`(?i)<\s*/?\s*(script|iframe|b|svg\s+onload|img\s+src=x)\b`)
	anyTag = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	// handler finds an event handler attribute in a tag.
	handler = regexp.MustCompile(`(?i)\son[a-z]+\s*=`)
	// urlAttr finds the URL attributes of the page, quoted or not.
	urlAttr = regexp.MustCompile(`\s(href|src|action|formaction|xlink:href)=(?:"([^"]*)"|([^\s>]*))`)
)

// TestHostilePublicBytes asserts the public page's bytes for hostile
// public fields: markup escaped as text in HTML, in attributes, inside the
// SVG board and in roadmap.json; raw HTML dropped without a trace; script,
// data and climbing links reduced to their text.
func TestHostilePublicBytes(t *testing.T) {
	dir := t.TempDir()
	for name, body := range hostileSite {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, pub := build(t, dir)
	pb := files(pub)
	page, js := pb["index.html"], pb["roadmap.json"]

	t.Run("nothing executable or hidden survives", func(t *testing.T) {
		if m := rawTag.FindString(page); m != "" {
			t.Errorf("the page holds the tag %q from a field", m)
		}
		for _, tag := range anyTag.FindAllString(page, -1) {
			if handler.MatchString(tag) {
				t.Errorf("tag with an event handler: %s", tag)
			}
		}
		for _, u := range urlAttr.FindAllStringSubmatch(page, -1) {
			if safelink.Unsafe(u[2]) || safelink.Escapes(u[2], 0) {
				t.Errorf("%s=%q is published", u[1], u[2])
			}
		}
		for name, body := range map[string]string{"index.html": page, "roadmap.json": js} {
			lower := strings.ToLower(body)
			for _, bad := range []string{"<!--", "raw html omitted", "secret theme note", "data:text", "&#x6a;avascript", "java&#x09;script", "../internal", "%2e%2e"} {
				if i := strings.Index(lower, bad); i >= 0 {
					t.Errorf("%s contains %q: …%s…", name, bad, body[max(0, i-60):min(len(body), i+60)])
				}
			}
		}
	})

	t.Run("text is escaped", func(t *testing.T) {
		for _, want := range []string{
			`<title>What&#39;s &lt;b&gt;next&lt;/b&gt; &#34;for&#34; you &amp; &#39;them&#39;</title>`,
			`<h1>What&#39;s &lt;b&gt;next&lt;/b&gt; &#34;for&#34; you &amp; &#39;them&#39;</h1>`,
			`<h3>Sign-in &lt;svg onload=alert(1)&gt; &#34;SSO&#34; &amp; &#39;more&#39;</h3>`,
			`<strong>Card &lt;b&gt;bold&lt;/b&gt; &#34;q&#34; &amp; &#39;a&#39;</strong>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
	})

	t.Run("links keep their text and lose their destination", func(t *testing.T) {
		for _, want := range []string{
			`<p>Theme  text ` + "\n" + `a b c` + "\nd e f\ng javascript:alert(4) ", // every refused link reduced to its text
			`<img src="data:image/png;base64,iVBORw0K" alt="ok">`,                  // a raster data image is kept
			`<a href="https://example.com/docs" title="a &quot;title&quot; &lt;b&gt;">safe</a>`,
			`<p>Intro alert(5) and x.</p>`, // the script tags are dropped; their text is only text
			`<p>Item  x</p>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
	})

	t.Run("attributes and URLs", func(t *testing.T) {
		hrefs := regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1)
		feedback := 0
		for _, h := range hrefs {
			if strings.ContainsAny(h[1], `<>'"`) {
				t.Errorf("href %q holds markup", h[1])
			}
			if strings.HasPrefix(h[1], "https://example.com/f?") {
				feedback++
				if h[1] != "https://example.com/f?q=%22%27%3e%3cscript%3ealert%287%29%3c/script%3e" {
					t.Errorf("feedback link = %q", h[1])
				}
			}
		}
		if feedback != 2 {
			t.Errorf("%d feedback links, want 2 (button and footer)", feedback)
		}
	})

	t.Run("svg board", func(t *testing.T) {
		i, j := strings.Index(page, "<svg"), strings.Index(page, "</svg>")
		if i < 0 || j < i {
			t.Fatal("no SVG board on the page")
		}
		svg := page[i:j]
		if strings.Contains(svg, "<b>") || strings.Contains(svg, "<svg onload") || strings.Count(svg, "<svg") != 1 {
			t.Errorf("markup from a title reached the SVG:\n%s", svg)
		}
		for _, want := range []string{"&lt;b&gt;bold&lt;/b&gt;", "&lt;svg"} {
			if !strings.Contains(svg, want) {
				t.Errorf("the SVG board lacks the escaped %q", want)
			}
		}
	})

	t.Run("roadmap.json", func(t *testing.T) {
		var export struct {
			Title       string `json:"title"`
			IntroHTML   string `json:"intro_html"`
			FeedbackURL string `json:"feedback_url"`
			Columns     []struct {
				Themes []struct {
					Title       string `json:"title"`
					SummaryHTML string `json:"summary_html"`
					Items       []struct {
						Title       string `json:"title"`
						SummaryHTML string `json:"summary_html"`
					} `json:"items"`
				} `json:"themes"`
			} `json:"columns"`
		}
		if err := json.Unmarshal([]byte(js), &export); err != nil {
			t.Fatal(err)
		}
		// Titles are data: exactly as written, for the consumer to escape;
		// in the bytes, JSON escapes < > & so the file is safe to inline.
		if export.Title != `What's <b>next</b> "for" you & 'them'` || strings.ContainsAny(js, "<>") {
			t.Errorf("title %q; raw < or > in the bytes: %v", export.Title, strings.ContainsAny(js, "<>"))
		}
		th := export.Columns[0].Themes[0]
		if th.Title != `Sign-in <svg onload=alert(1)> "SSO" & 'more'` || th.Items[0].Title != `Card <b>bold</b> "q" & 'a'` {
			t.Errorf("titles changed: %q, %q", th.Title, th.Items[0].Title)
		}
		// HTML fields carry the page's sanitized HTML, never the source.
		if export.IntroHTML != "<p>Intro alert(5) and x.</p>\n" || th.Items[0].SummaryHTML != "<p>Item  x</p>\n" {
			t.Errorf("intro_html %q, item summary_html %q", export.IntroHTML, th.Items[0].SummaryHTML)
		}
		if !strings.Contains(th.SummaryHTML, `<a href="https://example.com/docs"`) || strings.Contains(th.SummaryHTML, "<img src=x") {
			t.Errorf("theme summary_html = %q", th.SummaryHTML)
		}
		if export.FeedbackURL != `https://example.com/f?q="'><script>alert(7)</script>` {
			t.Errorf("feedback_url = %q", export.FeedbackURL)
		}
	})
}
