package write

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

const page = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Roadmap</title>
  <style> .a { color : red ; } </style>
</head>
<body>
  <p class="lead">Now</p>
  <p>Next</p>
  <ul>
    <li><a href="../items/x/">X</a></li>
    <li><a href="../items/y/">Y</a></li>
  </ul>
  <svg width="100" height="20" viewBox="0 0 100 20" role="img">
    <title>Progress</title>
    <rect x="0" y="0"   width="50" height="20"   fill="#ff0000" />
  </svg>
</body>
</html>
`

func TestMinifierBytes(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		name    string
		path    string
		in      string
		want    string   // exact output, if not ""
		has     []string // substrings the output must contain
		hasNot  []string // substrings it must not contain
		shorter bool     // the output must be shorter than the input
	}{
		{
			name: "html keeps end tags, document tags and quotes",
			path: "index.html", in: page, shorter: true,
			has: []string{
				`<html lang="en">`, "<head>", "</head>", "<body>", "</body>", "</html>",
				`<p class="lead">Now</p>`, "<p>Next</p>", "</li>",
				`<a href="../items/x/">X</a>`, `<a href="../items/y/">Y</a>`,
				"<style>.a{color:red}</style>",
			},
			hasNot: []string{"\n  <", "class=lead"},
		},
		{
			name: "inline svg is minified and keeps its title",
			path: "index.html", in: page,
			has:    []string{`<svg width="100" height="20" viewBox="0 0 100 20" role="img"><title>Progress</title><rect`, `fill="red"/></svg>`},
			hasNot: []string{"\n    <title>", `"0"   width`},
		},
		{name: "upper-case extension", path: "INDEX.HTM", in: "<p>a</p>\n\n<p>b</p>", want: "<p>a</p><p>b</p>"},
		{
			name: "svg file", path: "chart.svg",
			in:   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <title>Chart</title>\n  <rect width=\"10\" height=\"10\" />\n</svg>\n",
			want: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Chart</title><rect width="10" height="10"/></svg>`,
		},
		{name: "css", path: "style.css", in: "a { color : red ; }\n\n/* note */\nb { margin: 0px; }\n", want: "a{color:red}b{margin:0}"},
		{name: "json", path: "data/plan.json", in: "{\n  \"a\" : [1, 2],\n  \"b\": \"x y\"\n}\n", want: `{"a":[1,2],"b":"x y"}`},
		{name: "js", path: "theme.js", in: "var  x = 1 ;\n", want: "var x=1"},
		{name: "text unchanged", path: "robots.txt", in: "User-agent: *\n\nAllow: /\n", want: "User-agent: *\n\nAllow: /\n"},
		{name: "no extension unchanged", path: "CNAME", in: " example.org \n", want: " example.org \n"},
		{name: "binary unchanged", path: "logo.png", in: "\x89PNG\r\n\x1a\n \x00", want: "\x89PNG\r\n\x1a\n \x00"},
		{name: "empty html", path: "a.html", in: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := m.Bytes(tt.path, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			out := string(got)
			if tt.want != "" || tt.in == "" {
				if out != tt.want {
					t.Errorf("got  %q\nwant %q", out, tt.want)
				}
			}
			for _, s := range tt.has {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(out, s) {
					t.Errorf("output has %q:\n%s", s, out)
				}
			}
			if tt.shorter && len(out) >= len(tt.in) {
				t.Errorf("output not shorter: %d >= %d bytes", len(out), len(tt.in))
			}
		})
	}
}

func TestMinifierError(t *testing.T) {
	_, err := NewMinifier().Bytes("theme.js", []byte("function ( {"))
	if err == nil || !strings.HasPrefix(err.Error(), "minify theme.js: ") {
		t.Errorf("error %v, want one naming theme.js", err)
	}
}

// TestMinifierLeavesInputAlone checks that the input, including the byte
// just past its end, is not modified, even when it has spare capacity.
func TestMinifierLeavesInputAlone(t *testing.T) {
	buf := []byte(page + "#")
	in := buf[:len(page)]
	if _, err := NewMinifier().Bytes("index.html", in); err != nil {
		t.Fatal(err)
	}
	if string(buf) != page+"#" {
		t.Error("input buffer modified")
	}
}

// TestMinifierDeterministic minifies the same inputs from many goroutines
// with one Minifier and expects identical output every time.
func TestMinifierDeterministic(t *testing.T) {
	m := NewMinifier()
	inputs := map[string][]byte{
		"index.html": []byte(page),
		"style.css":  []byte("a { color: #ff0000; margin: 0px 0px; }"),
		"chart.svg":  []byte(`<svg viewBox="0 0 10 10"> <rect width="10.000" height="10"/> </svg>`),
		"plan.json":  []byte(`{ "b": 1, "a": [ 1.50, 2 ] }`),
	}
	want := map[string][]byte{}
	for p, in := range inputs {
		out, err := m.Bytes(p, in)
		if err != nil {
			t.Fatal(err)
		}
		want[p] = out
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for range 20 {
				for p, in := range inputs {
					out, err := m.Bytes(p, in)
					if err != nil {
						t.Error(err)
						return
					}
					if !bytes.Equal(out, want[p]) {
						t.Errorf("%s: got %q, want %q", p, out, want[p])
						return
					}
				}
			}
		})
	}
	wg.Wait()
	// A fresh Minifier gives the same output as the shared one.
	for p, in := range inputs {
		if out, _ := NewMinifier().Bytes(p, in); !bytes.Equal(out, want[p]) {
			t.Errorf("%s: a new Minifier gave %q, want %q", p, out, want[p])
		}
	}
}

// A minified template executes to the same page as the template, minified:
// actions, including those inside attributes and between elements, survive.
func TestMinifierTemplate(t *testing.T) {
	const src = `<!DOCTYPE html>
<html lang="en">
  <head>
    <title>{{.Title}} · roadmap</title>
  </head>
  <body class="view-{{.View}}">
    <!-- the list -->
    <ul>
      {{range .Items}}<li class="item {{if .Hot}}hot{{end}}">
        <a href="{{.Href}}">{{.Name}}</a>
      </li>{{end}}
    </ul>
    <p>{{.A}} {{.B}}</p>
  </body>
</html>
`
	m := NewMinifier()
	out, err := m.Template([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`{{.Title}} · roadmap`, `class="view-{{.View}}"`, `{{range .Items}}`, `class="item {{if .Hot}}hot{{end}}"`, `href="{{.Href}}"`, `{{.A}} {{.B}}`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("minified template lost %q:\n%s", want, out)
		}
	}
	for _, gone := range []string{"<!--", "\n  "} {
		if strings.Contains(string(out), gone) {
			t.Errorf("minified template still has %q:\n%s", gone, out)
		}
	}
	if len(out)*5 >= len(src)*4 {
		t.Errorf("minified template is %d bytes of %d", len(out), len(src))
	}
}
