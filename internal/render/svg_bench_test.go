package render_test

import (
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/gen"
)

// BenchmarkViewsSVG renders every view page of a generated 10,000-item
// roadmap (item pages aside), minified as build renders them, once with
// the default theme, whose "svg" partial calls (*chart.SVG).HTML, and once
// with the html/template partial it replaced as a theme override, so the
// two ways of drawing compare within one process and one run.
func BenchmarkViewsSVG(b *testing.B) {
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{Seed: 1, Items: 10000}); err != nil {
		b.Fatal(err)
	}
	p := checkedPlan(b, dir)
	for _, bc := range []struct{ name, themeDir string }{{"draw=template", svgReferenceTheme(b)}, {"draw=go", ""}} {
		b.Run(bc.name, func(b *testing.B) {
			r := viewRenderer(b, bc.themeDir, true)
			b.ReportAllocs()
			for b.Loop() {
				viewPages(b, r, p)
			}
		})
	}
}
