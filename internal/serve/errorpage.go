package serve

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

// problemPage is the page shown instead of the site while the source has
// errors, and for a page that is not there. It carries the reload script,
// so saving a fix reloads it.
const problemPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{.Title}} · roadmapgen serve</title>
<link rel="stylesheet" href="` + stylePath + `">
<script src="` + scriptPath + `" data-build="{{.Gen}}" defer></script>
</head>
<body class="roadmapgen-errors">
<main>
<h1>{{.Title}}</h1>
<p>{{.Lede}} This page reloads by itself when you save.
{{- if .LastGood}} <a href="{{.LastGood}}">Show the last good build</a>.{{end}}</p>
{{with .Problems}}<ol>
{{range .}}<li class="{{.Severity}}">
<p class="where"><code>{{.Where}}</code>: {{.Severity}}: {{.Message}}</p>
{{with .Excerpt}}<pre>{{.}}</pre>
{{end}}{{with .Hint}}<p class="hint">hint: {{.}}</p>
{{end}}</li>
{{end}}</ol>{{end}}
</main>
</body>
</html>
`

type problemView struct {
	Title, Lede string
	Gen         uint64
	LastGood    string
	Problems    []problem
}

type problem struct {
	Where, Severity, Message, Hint string
	// Excerpt is the source line with a caret under the column, as check
	// prints it.
	Excerpt string
}

// errorPage lists every problem of st, errors and warnings, in check's
// order. reqPath is the page asked for: the link to the last good build
// is the same page there.
func (s *Server) errorPage(st *state, reqPath string) []byte {
	v := problemView{Gen: st.gen, Title: "The roadmap source has " + diag.Summary(st.problems)}
	v.Lede = "Nothing changes on the site until the errors are fixed."
	if st.pages != nil {
		v.LastGood = lastGoodPrefix + reqPath
	} else {
		v.Lede = "Nothing could be built yet."
	}
	if st.renderErr != nil {
		v.Title = "A page failed to render"
		v.Problems = append(v.Problems, problem{Where: "render", Severity: "error", Message: st.renderErr.Error()})
	}
	for _, d := range st.problems {
		v.Problems = append(v.Problems, problem{
			Where: d.Pos.String(), Severity: d.Severity.String(), Message: d.Message, Hint: d.Hint,
			Excerpt: excerpt(d, st.sources),
		})
	}
	return s.execute(v)
}

// notFound is the page for a path the build does not have; it reloads
// too, so a page that a save creates appears.
func (s *Server) notFound(st *state, reqPath string) []byte {
	return s.execute(problemView{Gen: st.gen, Title: "No page at " + reqPath,
		Lede: "The build has no such page: an item page is at /items/<id>.html, the public page at /public/."})
}

func (s *Server) execute(v problemView) []byte {
	var b bytes.Buffer
	if err := s.problemPage.Execute(&b, v); err != nil {
		// The template is fixed and its data plain strings: this cannot
		// happen, but a page must still say something.
		return []byte("roadmapgen serve: " + template.HTMLEscapeString(err.Error()))
	}
	return b.Bytes()
}

// excerpt is the source line and caret of d, cut from check's text form so
// that the browser and the terminal show the same thing.
func excerpt(d diag.Diagnostic, src diag.Sources) string {
	d.Hint = ""
	var b strings.Builder
	if err := diag.WriteAll(&b, []diag.Diagnostic{d}, diag.Text, src); err != nil {
		return ""
	}
	_, rest, _ := strings.Cut(b.String(), "\n") // drop the "file:line:col: message" line
	return strings.TrimRight(rest, "\n")
}
