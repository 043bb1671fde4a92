package chart

import (
	"io"
	"testing"
)

// The pictures must stay well under a second at these sizes; benchmarks
// are not run in CI, so nothing here asserts a time.

func BenchmarkTimeline10000Bars(b *testing.B) {
	tl := bigTimeline(10000, 25)
	b.ReportAllocs()
	for b.Loop() {
		TimelineChart("t", "T", tl)
	}
}

func BenchmarkGraph2000Nodes(b *testing.B) {
	ns, es := bigGraph(2000)
	b.ReportAllocs()
	for b.Loop() {
		Graph("g", "G", ns, es)
	}
}

func BenchmarkBoard1000Cards(b *testing.B) {
	cards := make([]Card, 1000)
	for i := range cards {
		cards[i] = Card{Title: "Enterprise-ready identity for large customers", Note: "3 items", Family: "product", Confidence: "medium"}
	}
	cols := []Column{{Title: "Now", Groups: []Group{{Cards: cards}}}, {Title: "Next"}, {Title: "Later"}}
	b.ReportAllocs()
	for b.Loop() {
		Board("b", "B", cols)
	}
}

// BenchmarkDrawTimeline compares drawing a 300-bar timeline with the
// html/template partial the default theme used (testdata) and with the
// Go writer that replaced it.
func BenchmarkDrawTimeline(b *testing.B) {
	s := TimelineChart("t", "T", bigTimeline(300, 6))
	raw, _ := references(b)
	b.Run("draw=template", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := raw.ExecuteTemplate(io.Discard, "svg", s); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("draw=go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			io.WriteString(io.Discard, string(s.HTML()))
		}
	})
}
