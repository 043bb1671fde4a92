package chart

import (
	"strings"
	"testing"
)

// hostile is text that must come out escaped wherever it is drawn.
const hostile = `<script>alert(1)</script>"'&`

// sampleCharts returns one picture of each kind with the same hostile
// text and link in every label, for the tests that apply to all of them.
func sampleCharts(label, href string) map[string]*SVG {
	return map[string]*SVG{
		"board": Board("b1", "Board "+label, []Column{
			{Title: "Now", Note: "this quarter", Groups: []Group{
				{Title: label, Href: href, Cards: []Card{
					{Title: label, Note: label, Href: href, Family: "product", Confidence: "high", Status: "at-risk"},
					{Title: "SCIM provisioning", Family: "tech", Confidence: "medium", Status: "blocked"},
				}},
			}},
			{Title: "Next", Groups: []Group{{Cards: []Card{{Title: "Audit log", Family: "innovation", Confidence: "low"}}}}},
			{Title: "Later"},
		}),
		"timeline": TimelineChart("t1", "Timeline "+label, Timeline{
			Columns: []string{"2026-Q4", "2027-Q1", "2027-Q2"},
			Current: 0,
			Lanes: []Lane{
				{Title: label, Href: href, Bars: []Bar{
					{Label: label, Href: href, Note: label, Start: -1, End: 1, Family: "product", Confidence: "medium", Status: "at-risk", Conflict: true},
					{Label: "Passkeys", Start: 2, End: 4, Family: "innovation", Confidence: "low", Slipped: true},
				}},
				{Title: "Empty lane"},
			},
		}),
		"graph": Graph("g1", "Graph "+label, []Node{
			{ID: "a", Label: label, Note: label, Href: href, Family: "tech", Status: "blocked"},
			{ID: "b", Label: "Single sign-on", Family: "product"},
			{ID: "c", Label: "Cycle", Family: "tech"},
		}, []Edge{{"a", "b"}, {"b", "c"}, {"c", "b"}}),
		"allocation": Allocation("a1", "Allocation "+label, []Bucket{
			{Label: label, Family: "product", Planned: 60, Model: 50},
			{Label: "Buffer", Planned: 5, Model: 10},
		}),
		"capacity": TeamCapacity("c1", "Capacity "+label, "w", []TeamLoad{
			{Label: label, Href: href, Capacity: 40, Low: 30, Mid: 52, High: 60},
			{Label: "Platform", Capacity: 30, Low: 10, Mid: 20, High: 25},
		}),
		"empty": Board("e1", "Empty", nil),
	}
}

// chartNames lists the keys of sampleCharts in a fixed order.
func chartNames() []string {
	return []string{"board", "timeline", "graph", "allocation", "capacity", "empty"}
}

// textOf returns the text of a picture, one text shape per line with its
// wrapped lines joined by spaces.
func textOf(s *SVG) string {
	var b strings.Builder
	for _, sh := range s.Shapes {
		if len(sh.Lines) > 0 {
			b.WriteString(strings.Join(sh.Lines, " "))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// shapesWithClass returns the shapes that carry class cl.
func shapesWithClass(s *SVG, cl string) []Shape {
	var out []Shape
	for _, sh := range s.Shapes {
		for _, c := range strings.Fields(sh.Class) {
			if c == cl {
				out = append(out, sh)
				break
			}
		}
	}
	return out
}

// mustHaveText fails unless some text line of s contains want.
func mustHaveText(t *testing.T, s *SVG, want string) {
	t.Helper()
	if !strings.Contains(textOf(s), want) {
		t.Errorf("%s: no text %q in:\n%s", s.ID, want, textOf(s))
	}
}
