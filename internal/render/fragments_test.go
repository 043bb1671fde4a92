package render

import (
	"html/template"
	"io"
	"strings"
	"testing"
)

// cached is data with a fragment cache, like every internal view.
type cached struct {
	N     int
	Name  string
	frags *fragments
}

func (c *cached) fragmentCache() *fragments { return c.frags }

func TestPartialCached(t *testing.T) {
	set := template.Must(template.New("").Funcs(template.FuncMap{"partialCached": noPartialCached}).Parse(
		`{{define "frag"}}<b>{{.Name}} {{.N}}</b>{{end}}{{define "page"}}{{partialCached "frag" . .Name}}{{end}}`))
	set.Funcs(template.FuncMap{"partialCached": partialCached(set)})
	exec := func(data any) string {
		t.Helper()
		var b strings.Builder
		if err := set.ExecuteTemplate(&b, "page", data); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	frags := &fragments{}
	tests := []struct {
		name string
		data any
		want string
	}{
		{"first use executes", &cached{N: 1, Name: "a&b", frags: frags}, "<b>a&amp;b 1</b>"},
		{"same key reuses the HTML", &cached{N: 2, Name: "a&b", frags: frags}, "<b>a&amp;b 1</b>"},
		{"another key executes", &cached{N: 3, Name: "c", frags: frags}, "<b>c 3</b>"},
		{"another cache executes", &cached{N: 4, Name: "a&b", frags: &fragments{}}, "<b>a&amp;b 4</b>"},
		{"no cache executes every time", struct {
			N    int
			Name string
		}{5, "a&b"}, "<b>a&amp;b 5</b>"},
	}
	for _, tt := range tests {
		if got := exec(tt.data); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPartialCachedUnbound(t *testing.T) {
	set := template.Must(template.New("p").Funcs(template.FuncMap{"partialCached": noPartialCached}).Parse(`{{partialCached "x" .}}`))
	if err := set.Execute(io.Discard, nil); err == nil {
		t.Fatal("an unbound partialCached executed without an error")
	}
}
