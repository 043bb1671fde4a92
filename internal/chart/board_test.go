package chart

import (
	"fmt"
	"strings"
	"testing"
)

func TestBoardEmpty(t *testing.T) {
	tests := []struct {
		name string
		cols []Column
	}{
		{"no columns", nil},
		{"columns without cards", []Column{{Title: "Now"}, {Title: "Next", Groups: []Group{{}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Board("b", "Board", tt.cols)
			if s.Desc != "No items are planned in these windows." {
				t.Errorf("Desc = %q", s.Desc)
			}
			if !strings.Contains(s.Class, "chart-empty") || s.Width <= 0 || s.Height <= 0 {
				t.Errorf("empty picture: class %q, size %vx%v", s.Class, s.Width, s.Height)
			}
			mustHaveText(t, s, "No items are planned")
		})
	}
}

func TestBoardCards(t *testing.T) {
	long := strings.Repeat("Platform reliability and incident reduction ", 6)
	s := Board("exec", "Themes", []Column{
		{Title: "Now", Note: "this quarter", Groups: []Group{{Cards: []Card{
			{Title: "Enterprise-ready identity", Note: "3 items", Href: "/t/id/", Family: "product", Confidence: "high"},
			{Title: long, Family: "tech", Confidence: "medium", Status: "at-risk"},
			{Title: "Data residency", Family: "tech", Confidence: "low", Status: "blocked"},
		}}}},
		{Title: "Next", Groups: []Group{{Title: "Insights", Cards: []Card{{Title: "Reports", Family: "innovation"}}}}},
		{Title: "Later"},
	})
	tests := []struct {
		name  string
		class string
		count int
	}{
		{"a panel per column", "col-panel", 3},
		{"a box per card", "card", 4},
		{"high confidence solid", "conf-high", 2}, // unset confidence is drawn solid
		{"medium confidence hatched", "conf-medium", 1},
		{"low confidence outlined", "conf-low", 1},
		{"status edge for at risk and blocked", "status-edge", 2},
		{"group title", "group-title", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n int
			for _, sh := range shapesWithClass(s, tt.class) {
				if !strings.HasPrefix(tt.class, "conf-") || strings.HasPrefix(sh.Class, "card ") { // not the legend's swatches
					n++
				}
			}
			if n != tt.count {
				t.Errorf("%d shapes with class %s, want %d", n, tt.class, tt.count)
			}
		})
	}
	for _, sh := range shapesWithClass(s, "card") {
		if !strings.Contains(sh.Class, "conf-medium") {
			continue
		}
		if sh.Fill != "url(#exec-hatch-tech)" {
			t.Errorf("medium card fill %q, want the tech hatching", sh.Fill)
		}
	}
	if len(s.Defs) == 0 || s.Defs[0].ID != "exec-hatch-tech" || s.Defs[0].Kind != "pattern" {
		t.Errorf("defs %+v, want the tech hatch pattern first", s.Defs)
	}
	for _, want := range []string{"Product · high confidence", "Tech · medium confidence", "At risk", "Blocked", "Innovation", "Nothing planned", "this quarter", "…"} {
		mustHaveText(t, s, want)
	}
	// The long title is cut, and the tooltip keeps all of it.
	for _, sh := range shapesWithClass(s, "card") {
		if !strings.Contains(sh.Class, "conf-medium") {
			continue
		}
		if !strings.HasPrefix(sh.Tip, strings.TrimSpace(clean(long))) {
			t.Errorf("tip %q lacks the full title", sh.Tip)
		}
	}
	// Every text line fits inside its card or column.
	for _, sh := range s.Shapes {
		if sh.Kind != "text" {
			continue
		}
		st := styleOf(sh.Class)
		for _, l := range sh.Lines {
			if w := textWidth(l, st); w > boardColW-2*boardPad {
				t.Errorf("line %q is %.1f wide, wider than a column", l, w)
			}
		}
		if len(sh.Lines) > 3 {
			t.Errorf("%d lines in %q", len(sh.Lines), sh.Lines)
		}
	}
	// Cards stay inside their column panel.
	panels := shapesWithClass(s, "col-panel")
	for _, c := range shapesWithClass(s, "card") {
		inside := false
		for _, p := range panels {
			if c.X >= p.X && c.X+c.W <= p.X+p.W && c.Y >= p.Y && c.Y+c.H <= p.Y+p.H {
				inside = true
			}
		}
		if !inside {
			t.Errorf("card at %v,%v %vx%v is outside every column", c.X, c.Y, c.W, c.H)
		}
	}
	if s.Height < panels[0].Y+panels[0].H {
		t.Error("picture shorter than its columns")
	}
}

// styleOf finds the text style from a shape's classes.
func styleOf(class string) style {
	for st := sHead; st <= sEmpty; st++ {
		if strings.HasPrefix(class, st.class()+" ") || class == st.class() {
			return st
		}
	}
	return sNote
}

func TestBoardDesc(t *testing.T) {
	tests := []struct {
		name string
		cols []Column
		want []string
	}{
		{"themes as cards", []Column{
			{Title: "Now", Groups: []Group{{Cards: []Card{{Title: "Enterprise-ready identity", Note: "3 items", Family: "product", Confidence: "high"}}}}},
			{Title: "Next", Groups: []Group{{Cards: []Card{{Title: "Onboarding", Confidence: "medium", Status: "at-risk"}}}}},
			{Title: "Later"},
		}, []string{
			"A board of 3 columns read left to right: Now, Next and Later.",
			"Now: Enterprise-ready identity (3 items, product, high confidence).",
			"Next: Onboarding (medium confidence, at risk).",
			"Later: nothing planned.",
		}},
		{"themes with items", []Column{
			{Title: "Now", Note: "this quarter", Groups: []Group{
				{Title: "Identity", Cards: []Card{{Title: "SSO"}, {Title: "SCIM", Status: "blocked"}}},
				{Title: "Billing"},
			}},
		}, []string{"Now (this quarter): Identity, with SSO and SCIM (blocked); Billing, with no items yet."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Board("b", "B", tt.cols).Desc
			for _, w := range tt.want {
				if !strings.Contains(d, w) {
					t.Errorf("Desc lacks %q:\n%s", w, d)
				}
			}
		})
	}
}

func TestBoardDescIsBoundedWhenLarge(t *testing.T) {
	var cards []Card
	for i := range 5000 {
		cards = append(cards, Card{Title: fmt.Sprintf("Item number %d with a fairly long title", i), Family: "tech", Status: "at-risk"})
	}
	s := Board("b", "B", []Column{{Title: "Now", Groups: []Group{{Title: "All", Cards: cards}}}})
	if len(s.Desc) > 2000 {
		t.Errorf("Desc is %d bytes", len(s.Desc))
	}
	if !strings.Contains(s.Desc, "Now: 5,000 items (5,000 technical; 5,000 at risk) in 1 group.") {
		t.Errorf("Desc = %q", s.Desc)
	}
}
