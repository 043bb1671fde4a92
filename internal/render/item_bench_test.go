package render_test

import (
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/gen"
	"github.com/roadmapgen/roadmapgen/internal/render"
)

// BenchmarkItemPages renders every item page of a generated 1,000-item
// roadmap once per iteration, minified as build renders them, on one
// goroutine: the template work a build spends most on, without the load
// or the writer around it.
func BenchmarkItemPages(b *testing.B) {
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{Seed: 1, Items: 1000}); err != nil {
		b.Fatal(err)
	}
	p := checkedPlan(b, dir)
	r := viewRenderer(b, "", true)
	b.ReportAllocs()
	for b.Loop() {
		ps := r.Pages(p)
		for _, path := range ps.Paths(render.RootInternal) {
			if !strings.HasPrefix(path, "items/") {
				continue
			}
			if _, ok, err := ps.File(render.RootInternal, path); !ok || err != nil {
				b.Fatalf("%s: ok %v, %v", path, ok, err)
			}
		}
	}
}
