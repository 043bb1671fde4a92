package theme

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func defaults() fstest.MapFS {
	return fstest.MapFS{
		"layouts/base.html":   {Data: []byte(`{{define "base"}}<main>{{template "main" .}}</main>{{end}}`)},
		"layouts/plan.html":   {Data: []byte(`{{template "base" .}}{{define "main"}}plan {{template "badge" .}}{{end}}`)},
		"layouts/public.html": {Data: []byte(`public {{.}}`)},
		"partials/badge.html": {Data: []byte(`{{define "badge"}}[{{.}}]{{end}}`)},
		"assets/style.css":    {Data: []byte(`body{}`)},
		"README.md":           {Data: []byte(`not part of the theme`)},
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func execute(t *testing.T, th *Theme, name string, data any) string {
	t.Helper()
	sets, err := th.Templates(template.FuncMap{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := sets[name].Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestDefaultsOnly(t *testing.T) {
	th, err := Load(defaults(), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := execute(t, th, "plan", "<x>"); got != "<main>plan [&lt;x&gt;]</main>" {
		t.Errorf("plan = %q", got)
	}
	if a := th.Assets(); len(a) != 1 || a[0].Path != "style.css" {
		t.Errorf("assets %v", a)
	}
}

// TestOverride: the site's file, else the default; extra assets are
// added; files outside the theme folders are ignored.
func TestOverride(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"partials/badge.html": `{{define "badge"}}<b>{{.}}</b>{{end}}`,
		"assets/style.css":    `body{color:red}`,
		"assets/logo.svg":     `<svg/>`,
		"embed.go":            `package themes`,
		"default/layouts/x":   `ignored: not a theme folder`,
		"layouts/.plan.swp":   `editor file`,
	})
	th, err := Load(defaults(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := execute(t, th, "plan", "y"); got != "<main>plan <b>y</b></main>" {
		t.Errorf("plan = %q", got)
	}
	assets := th.Assets()
	if len(assets) != 2 || assets[0].Path != "logo.svg" || string(assets[1].Data) != "body{color:red}" {
		t.Errorf("assets %+v", assets)
	}
	if from := th.From("partials/badge.html"); from != filepath.ToSlash(filepath.Join(dir, "partials/badge.html")) {
		t.Errorf("From = %q", from)
	}
	for p, want := range map[string]bool{
		"partials/badge.html": true, "partials/": true, "assets/style.css": true, "assets/logo.svg": false,
		"layouts/plan.html": false, "layouts/": false, "layouts/base.html": false, "partials": false,
	} {
		if got := th.Overrides(p); got != want {
			t.Errorf("Overrides(%q) = %v, want %v", p, got, want)
		}
	}
	plain, err := Load(defaults(), "")
	if err != nil {
		t.Fatal(err)
	}
	if plain.Overrides("partials/") || plain.Overrides("partials/badge.html") {
		t.Error("a theme without an override folder overrides files")
	}
}

func TestOverrideErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"misspelt layout", map[string]string{"layouts/plna.html": "x"}, `layouts/plna.html overrides no file of the default theme (did you mean "layouts/plan.html"?)`},
		{"unknown partial", map[string]string{"partials/nope.html": "x"}, "partials/nope.html overrides no file of the default theme"},
		{"template syntax", map[string]string{"layouts/plan.html": "{{.Broken"}, "layouts/plan.html: template: layouts/plan.html:1: unclosed action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tt.files)
			th, err := Load(defaults(), dir)
			if err == nil {
				_, err = th.Templates(template.FuncMap{}, nil)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestOverrideRefusesLinks: a theme file that is a symbolic link is
// refused, so a theme cannot pull in files from elsewhere.
func TestOverrideRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)
	os.MkdirAll(filepath.Join(dir, "assets"), 0o755)
	if err := os.Symlink(secret, filepath.Join(dir, "assets", "leak.txt")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	_, err := Load(defaults(), dir)
	if err == nil || !strings.Contains(err.Error(), "assets/leak.txt is not a regular file") {
		t.Errorf("error %v", err)
	}
}

func TestMissingOverrideFolder(t *testing.T) {
	_, err := Load(defaults(), filepath.Join(t.TempDir(), "nope"))
	if err == nil || !strings.Contains(err.Error(), "theme folder") {
		t.Errorf("error %v", err)
	}
}
