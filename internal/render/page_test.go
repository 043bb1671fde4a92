package render_test

import (
	"bytes"
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/public"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/source"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/internal/write"
	"github.com/roadmapgen/roadmapgen/themes"
)

// TestPagesMatchBuild requires the page-by-page roots a server uses to
// hold exactly the files, byte for byte, that a build writes, whether a
// page is rendered up front or on request, and from many goroutines at
// once.
func TestPagesMatchBuild(t *testing.T) {
	ctx := context.Background()
	var diags diag.List
	site := source.NewLoader(nil).Load(ctx, "testdata/site", &diags)
	m := model.Build(ctx, site, &diags)
	check.Run(ctx, m, check.Options{Today: today}, &diags)
	var warnings []diag.Diagnostic
	for _, d := range diags.Sorted() {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d)
		}
	}
	if len(warnings) == 0 {
		t.Fatal("the test site has no warnings: WithWarnings would go untested")
	}
	th, err := theme.Load(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	opts := render.Options{Theme: th, Today: today, BaseURL: "https://roadmap.acme.example/internal/"}
	withWarnings := opts
	withWarnings.Warnings = warnings
	full, err := render.New(withWarnings)
	if err != nil {
		t.Fatal(err)
	}
	p := plan.Make(m)
	internal, err := full.Internal(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := full.Public(ctx, public.From(p))
	if err != nil {
		t.Fatal(err)
	}
	internal, pub = materialize(t, internal), materialize(t, pub)

	base, err := render.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, prerender := range []bool{false, true} {
		pages := base.WithWarnings(warnings).Pages(p)
		if prerender {
			var all []render.Path
			for _, root := range []string{render.RootInternal, render.RootPublic} {
				for _, p := range pages.Paths(root) {
					all = append(all, render.Path{Root: root, Path: p})
				}
			}
			all = append(all, render.Path{Root: render.RootPublic, Path: "no/such/page.html"})
			if err := pages.Prerender(ctx, all); err != nil {
				t.Fatal(err)
			}
		}
		for _, root := range []struct {
			name  string
			files []write.File
		}{{render.RootInternal, internal}, {render.RootPublic, pub}} {
			var want []string
			for _, f := range root.files {
				want = append(want, f.Path)
			}
			slices.Sort(want) // Paths are sorted; Internal puts roadmap.json first
			if got := pages.Paths(root.name); !slices.Equal(got, want) {
				t.Fatalf("%s paths:\n got %q\nwant %q", root.name, got, want)
			}
			var wg sync.WaitGroup
			for _, f := range root.files {
				want, err := f.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				for range 2 { // the same page from two goroutines at once
					wg.Go(func() {
						data, ok, err := pages.File(root.name, f.Path)
						if err != nil || !ok {
							t.Errorf("%s/%s: ok %v, err %v", root.name, f.Path, ok, err)
						} else if !bytes.Equal(data, want) {
							t.Errorf("%s/%s (prerendered %v) differs from the built file", root.name, f.Path, prerender)
						}
					})
				}
			}
			wg.Wait()
		}
		if _, ok, _ := pages.File(render.RootPublic, "items/x.html"); ok {
			t.Error("the public root has an item page")
		}
	}
}
