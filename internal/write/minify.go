package write

import (
	"fmt"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// Minifier wraps one configured tdewolff minifier. Build it once per build
// and share it: it is safe for concurrent use and its output is
// deterministic.
type Minifier struct {
	m *minify.M
	// tmpl minifies html/template sources: the same HTML settings, with
	// Go's template delimiters kept intact.
	tmpl *minify.M
}

// NewMinifier returns a Minifier for HTML, CSS, SVG, JSON and JavaScript.
//
// HTML keeps end tags, the html, head and body tags and attribute quotes,
// so the output stays readable by simple tools and by the public-safety
// tests. Inline <svg>, <style> and <script> are minified by the same
// minifier, since the HTML minifier hands them on by media type.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepEndTags: true, KeepDocumentTags: true, KeepQuotes: true})
	m.Add("text/css", &css.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.Add("application/json", &json.Minifier{})
	// The HTML minifier asks for application/javascript for a <script>
	// without a type, and for the type as written otherwise.
	m.Add("application/javascript", &js.Minifier{})
	m.Add("text/javascript", &js.Minifier{})
	tmpl := minify.New()
	tmpl.Add("text/html", &html.Minifier{KeepEndTags: true, KeepDocumentTags: true, KeepQuotes: true, TemplateDelims: html.GoTemplateDelims})
	tmpl.Add("text/css", &css.Minifier{})
	return &Minifier{m: m, tmpl: tmpl}
}

// Template minifies the source of an html/template file, leaving its
// {{ }} actions as they are, with the same settings as HTML pages. Pages
// executed from minified templates need no minifying of their own, which
// would cost a parse of every page.
func (m *Minifier) Template(src []byte) ([]byte, error) {
	in := make([]byte, len(src), len(src)+1)
	copy(in, src)
	return m.tmpl.Bytes("text/html", in)
}

// mediaType is the media type minified for a file path, or "" when files
// with its extension are copied as they are.
func mediaType(p string) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm":
		return "text/html"
	case ".css":
		return "text/css"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".js", ".mjs":
		return "application/javascript"
	}
	return ""
}

// Bytes minifies data according to the file extension of path; unknown
// extensions are returned unchanged. data is never modified.
func (m *Minifier) Bytes(path string, data []byte) ([]byte, error) {
	out, err := m.minify(path, data)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", path, err)
	}
	return out, nil
}

// minify is Bytes with an error that does not repeat the path.
func (m *Minifier) minify(path string, data []byte) ([]byte, error) {
	mt := mediaType(path)
	if mt == "" {
		return data, nil
	}
	// The parser writes a NUL just past the end of its input when there is
	// room; a private copy with that room keeps the caller's slice (which
	// other goroutines may share) untouched and saves a reallocation.
	in := make([]byte, len(data), len(data)+1)
	copy(in, data)
	return m.m.Bytes(mt, in)
}
