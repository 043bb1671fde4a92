package chart

import (
	"strings"
	"testing"
)

// TestGroupedBars: a bar that stands for several items is counted as
// those items in the text alternative, and its detail (what its items
// need attention for) is written on it and in words.
func TestGroupedBars(t *testing.T) {
	tl := Timeline{Columns: []string{"2026-Q4", "2027-Q1"}, Lanes: []Lane{{Title: "Dispatch", Bars: []Bar{
		{Label: "38 items · 120–180w", Count: 38, Start: 0, End: 0, Detail: "2 blocked · 1 at risk"},
		{Label: "5 items · 10w", Count: 5, Start: 1, End: 1},
		{Label: "One item", Start: 1, End: 1},
	}}}}
	svg := TimelineChart("t", "T", tl)
	tests := []struct{ where, text, want string }{
		{"desc", svg.Desc, "A timeline of 44 items in 1 lane"},
		{"desc", svg.Desc, "38 items · 120–180w in 2026-Q4 (2 blocked · 1 at risk)"},
		{"picture", texts(svg), "2 blocked · 1 at risk"},
	}
	for _, tt := range tests {
		if !strings.Contains(tt.text, tt.want) {
			t.Errorf("%s: missing %q in\n%s", tt.where, tt.want, tt.text)
		}
	}
}

// texts joins the lines of every text shape.
func texts(s *SVG) string {
	var b strings.Builder
	for _, sh := range s.Shapes {
		b.WriteString(strings.Join(sh.Lines, " ") + "\n")
	}
	return b.String()
}
