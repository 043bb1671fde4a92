package render_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/themes"
)

// TestReleaseDropsBodies requires Options.Release to drop every item's
// body (its HTML and its Markdown) once the internal root's files are
// made, to make the same bytes as without it, and to drop nothing without
// it: a server renders again from the same model. cli's
// TestReleaseKeepsOutput compares whole builds; this test fails if the
// release stops happening, which no output would show.
func TestReleaseDropsBodies(t *testing.T) {
	th, err := theme.Load(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string][]byte
	for _, release := range []bool{false, true} {
		p := checkedPlan(t, "testdata/site")
		r, err := render.New(render.Options{Theme: th, Today: today, Release: release})
		if err != nil {
			t.Fatal(err)
		}
		files, err := r.Internal(context.Background(), p)
		if err != nil {
			t.Fatal(err)
		}
		// roadmap.json is made before the pages, so that each page
		// written after it lets its body go.
		for _, f := range files {
			if f.Early != (f.Path == "roadmap.json") {
				t.Errorf("%s: Early %v, want it on roadmap.json alone", f.Path, f.Early)
			}
		}
		got := map[string][]byte{}
		for _, f := range materialize(t, files) {
			got[f.Path] = f.Data
		}
		if !release {
			want = got
		} else {
			for path, data := range want {
				if !bytes.Equal(got[path], data) {
					t.Errorf("%s differs with Release", path)
				}
			}
		}
		for _, it := range p.Model.Items {
			if dropped := !it.Body.HasHTML() && it.Body.Text() == nil; dropped != release {
				t.Errorf("Release %v: item %s's body dropped: %v", release, it.ID, dropped)
			}
		}
	}
}
