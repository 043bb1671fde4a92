package htmlesc

import (
	"html/template"
	"strings"
	"testing"
)

// reference is what html/template writes for one string in the two
// contexts: text, and a quoted href.
var reference = template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}">`))

// viaTemplate returns html/template's text and href escaping of s.
func viaTemplate(t testing.TB, s string) (text, href string) {
	t.Helper()
	var sb strings.Builder
	if err := reference.Execute(&sb, s); err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	// <p title="T">T</p><a href="H">
	out = strings.TrimPrefix(out, `<p title="`)
	attr, rest, _ := strings.Cut(out, `">`)
	text, rest, _ = strings.Cut(rest, `</p><a href="`)
	if attr != text {
		t.Fatalf("%q: attribute %q and text %q differ", s, attr, text)
	}
	return text, strings.TrimSuffix(rest, `">`)
}

// TestEscaping pins outputs by hand, so a change to html/template's
// escaping shows up here as well as in the differential tests.
func TestEscaping(t *testing.T) {
	tests := []struct {
		name, in, text, href string
	}{
		{"plain", "abc", "abc", "abc"},
		{"replacement table", `"'&<>+`, "&#34;&#39;&amp;&lt;&gt;&#43;", "%22%27&amp;%3c%3e&#43;"},
		{"nul", "a\x00b", "a\uFFFDb", "a%00b"},
		{"unicode", "ü", "ü", "%c3%bc"},
		{"refused scheme", "javascript:alert(1)", "javascript:alert(1)", "#ZgotmplZ"},
		{"scheme with space", " http://x", " http://x", "#ZgotmplZ"},
		{"allowed scheme", "HTTPS://x.example/?a=1&b=2", "HTTPS://x.example/?a=1&amp;b=2", "HTTPS://x.example/?a=1&amp;b=2"},
		{"colon after slash", "/a:b", "/a:b", "/a:b"},
		{"percent", "%41%zz%", "%41%zz%", "%41%25zz%25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(AppendText(nil, tt.in)); got != tt.text {
				t.Errorf("text %q, want %q", got, tt.text)
			}
			if got := string(AppendHref(nil, tt.in)); got != tt.href {
				t.Errorf("href %q, want %q", got, tt.href)
			}
			text, href := viaTemplate(t, tt.in)
			if text != tt.text || href != tt.href {
				t.Errorf("html/template writes text %q, href %q; the table is out of date", text, href)
			}
		})
	}
}

// seeds are strings that exercise each branch of both escapers.
var seeds = []string{
	"", "plain words", `"'&<>+`, "a\x00b", "ü and 日本", "\xff\xfe invalid",
	"javascript:alert(1)", "JavaScript:x", "data:text/html,<b>", "mailto:a@b.example",
	"https://x.example/a b?c=d&e=f#g", "../items/sso.html", "/a:b", "%41%zz%", "%",
	"a\tb\nc", "{{.}}", "</p><script>", "vbscript:x", ":", "//host/path",
}

// TestMatchesTemplate holds both escapers to html/template on the seeds
// and on every single byte.
func TestMatchesTemplate(t *testing.T) {
	in := append([]string(nil), seeds...)
	for c := range 256 {
		in = append(in, string(rune(c)), "x"+string([]byte{byte(c)})+"y")
	}
	for _, s := range in {
		sameAsTemplate(t, s)
	}
}

// FuzzMatchesTemplate requires both escapers to write what html/template
// writes for any string.
func FuzzMatchesTemplate(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(sameAsTemplate)
}

func sameAsTemplate(t *testing.T, s string) {
	text, href := viaTemplate(t, s)
	if got := string(AppendText(nil, s)); got != text {
		t.Errorf("AppendText(%q) = %q, html/template %q", s, got, text)
	}
	if got := string(AppendHref(nil, s)); got != href {
		t.Errorf("AppendHref(%q) = %q, html/template %q", s, got, href)
	}
}
