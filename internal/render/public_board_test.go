package render_test

import (
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/public"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/themes"
)

// TestPublicBoardHeadsUntitledThemes: on the public board, the items of a
// theme with no public title are headed "Other work" when other themes in
// the column have a title; drawn without a heading they read as the
// previous theme's, in the picture and in its text alternative.
func TestPublicBoardHeadsUntitledThemes(t *testing.T) {
	th, err := theme.Load(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := render.New(render.Options{Theme: th})
	if err != nil {
		t.Fatal(err)
	}
	untitled := public.Theme{Items: []public.Item{{Title: "Unrelated item"}}}
	pub := &public.Plan{Title: "Roadmap", Columns: []public.Column{
		{Horizon: "now", Title: "Now", Themes: []public.Theme{{Title: "Billing", Items: []public.Item{{Title: "Faster invoices"}}}, untitled}},
		{Horizon: "next", Title: "Next", Themes: []public.Theme{untitled}},
		{Horizon: "later", Title: "Later"},
	}}
	files, err := r.Public(t.Context(), pub)
	if err != nil {
		t.Fatal(err)
	}
	var page strings.Builder
	for _, f := range files {
		if f.Path == "index.html" {
			if err := f.Make(&page); err != nil {
				t.Fatal(err)
			}
		}
	}
	html := page.String()
	for _, want := range []string{
		"Now (2 items): Billing, with Faster invoices; Other work, with Unrelated item.",
		// A column of untitled themes alone needs no heading.
		"Next (1 item): Unrelated item.",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the board's description lacks %q", want)
		}
	}
}
