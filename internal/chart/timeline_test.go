package chart

import (
	"fmt"
	"strings"
	"testing"
)

// quarters are the windows of the timeline tests.
func quarters() []string { return []string{"2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3"} }

// oneBar lays out a timeline with a single bar and returns the picture
// and the bar's body.
func oneBar(t *testing.T, b Bar) (*SVG, Shape) {
	t.Helper()
	s := TimelineChart("t", "T", Timeline{Columns: quarters(), Current: 0, Lanes: []Lane{{Title: "Team", Bars: []Bar{b}}}})
	bodies := shapesWithClass(s, "bar")
	if len(bodies) != 1 {
		t.Fatalf("%d bars drawn, want 1", len(bodies))
	}
	return s, bodies[0]
}

func TestTimelineClipsBars(t *testing.T) {
	gutter := 120.0 // the narrowest gutter; the lane title "Team" is short
	colX := func(i int) float64 { return gutter + float64(i)*tlColW }
	tests := []struct {
		name         string
		start, end   int
		kind         string // rect, or path for a clipped bar
		class        string
		left, right  float64
		flag, tipHas string
	}{
		{"inside", 1, 2, "rect", "", colX(1) + tlBarInX, colX(3) - tlBarInX, "", "from 2027-Q1 to 2027-Q2"},
		{"one window", 3, 3, "rect", "", colX(3) + tlBarInX, colX(4) - tlBarInX, "", "in 2027-Q3"},
		{"reversed is read in order", 2, 1, "rect", "", colX(1) + tlBarInX, colX(3) - tlBarInX, "", "from 2027-Q1 to 2027-Q2"},
		{"starts before", -2, 0, "path", "clipped-start", colX(0) + tlBarInX, colX(1) - tlBarInX, "", "started before 2026-Q4, ends in 2026-Q4"},
		{"ends after", 2, 9, "path", "clipped-end", colX(2) + tlBarInX, colX(4) - tlBarInX, "", "from 2027-Q2, continues after 2027-Q3"},
		{"both", -1, 4, "path", "clipped-start clipped-end", colX(0) + tlBarInX, colX(4) - tlBarInX, "", "started before 2026-Q4, continues after 2027-Q3"},
		{"wholly before", -4, -2, "path", "clipped-start", colX(0) + tlBarInX, colX(1) - tlBarInX, "ended before 2026-Q4", "before 2026-Q4"},
		{"wholly after", 6, 7, "path", "clipped-end", colX(3) + tlBarInX, colX(4) - tlBarInX, "starts after 2027-Q3", "after 2027-Q3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, body := oneBar(t, Bar{Label: "SSO", Start: tt.start, End: tt.end})
			if body.Kind != tt.kind {
				t.Errorf("kind %s, want %s", body.Kind, tt.kind)
			}
			if tt.class != "" && !strings.Contains(body.Class, tt.class) {
				t.Errorf("class %q lacks %q", body.Class, tt.class)
			}
			left, right := body.X, body.X+body.W
			if body.Kind == "path" {
				left, right = pathExtent(body.D)
			}
			if r1(left) != r1(tt.left) || r1(right) != r1(tt.right) {
				t.Errorf("spans %v..%v, want %v..%v", left, right, tt.left, tt.right)
			}
			if tt.flag != "" {
				mustHaveText(t, s, tt.flag)
			}
			if !strings.Contains(body.Tip, tt.tipHas) || !strings.Contains(s.Desc, "SSO "+tt.tipHas) {
				t.Errorf("tip %q / desc %q lack %q", body.Tip, s.Desc, tt.tipHas)
			}
		})
	}
}

// pathExtent returns the least and greatest x of path data made by
// pathData (commands followed by "x y" pairs).
func pathExtent(d string) (lo, hi float64) {
	lo, hi = 1e18, -1e18
	fields := strings.FieldsFunc(d, func(r rune) bool { return r == ' ' || (r >= 'A' && r <= 'Z') || r == 'z' })
	for i := 0; i+1 < len(fields); i += 2 {
		var x float64
		fmt.Sscan(fields[i], &x)
		lo, hi = min(lo, x), max(hi, x)
	}
	return lo, hi
}

func TestTimelineCurrentWindow(t *testing.T) {
	tests := []struct {
		name    string
		current int
		want    bool
	}{
		{"first", 0, true},
		{"last", 3, true},
		{"none", -1, false},
		{"out of range", 7, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := TimelineChart("t", "T", Timeline{Columns: quarters(), Current: tt.current, Lanes: []Lane{{Title: "A", Bars: []Bar{{Label: "x", Start: 0, End: 1}}}}})
			cols := shapesWithClass(s, "now-col")
			labels := shapesWithClass(s, "now-label")
			if got := len(cols) == 1 && len(labels) == 1; got != tt.want {
				t.Fatalf("now column drawn: %v, want %v", got, tt.want)
			}
			if !tt.want {
				if strings.Contains(s.Desc, "marked now") {
					t.Error("Desc mentions a current window")
				}
				return
			}
			if cols[0].X != r1(120+float64(tt.current)*tlColW) || cols[0].W != tlColW || labels[0].Lines[0] != "now" {
				t.Errorf("now column at %v (w %v), label %q", cols[0].X, cols[0].W, labels[0].Lines)
			}
			if !strings.Contains(s.Desc, "The current window, "+quarters()[tt.current]+", is marked now.") {
				t.Errorf("Desc = %q", s.Desc)
			}
		})
	}
}

func TestTimelineFlagsAreWritten(t *testing.T) {
	tests := []struct {
		name  string
		bar   Bar
		texts []string
		class string
	}{
		{"conflict", Bar{Label: "SCIM", Conflict: true}, []string{"⚠ conflict", "planned before work it depends on"}, "conflict"},
		{"slipped", Bar{Label: "SCIM", Slipped: true}, []string{"slipped", "later than first planned"}, "slipped"},
		{"at risk", Bar{Label: "SCIM", Status: "at-risk"}, []string{"At risk"}, "st-at-risk"},
		{"blocked", Bar{Label: "SCIM", Status: "blocked"}, []string{"Blocked"}, "st-blocked"},
		{"medium confidence", Bar{Label: "SCIM", Confidence: "medium", Family: "product"}, []string{"medium confidence"}, "conf-medium"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, body := oneBar(t, tt.bar)
			for _, w := range tt.texts {
				mustHaveText(t, s, w)
			}
			if !strings.Contains(body.Class, tt.class) {
				t.Errorf("class %q lacks %q", body.Class, tt.class)
			}
		})
	}
}

func TestTimelinePacksOverlappingBarsInRows(t *testing.T) {
	s := TimelineChart("t", "T", Timeline{Columns: quarters(), Current: -1, Lanes: []Lane{{Title: "A", Bars: []Bar{
		{Label: "a", Start: 0, End: 1},
		{Label: "b", Start: 1, End: 2}, // overlaps a: second row
		{Label: "c", Start: 2, End: 3}, // after a: first row again
		{Label: "d", Start: 3, End: 3}, // overlaps c: second row, after b
	}}}})
	y := map[string]float64{}
	for _, sh := range shapesWithClass(s, "bar") {
		y[sh.Tip[:1]] = sh.Y
	}
	if y["a"] != y["c"] || y["b"] != y["d"] || y["a"] >= y["b"] {
		t.Errorf("rows by label: %v; want a and c above b and d", y)
	}
}

func TestPackRowsUsesLowestFreeRow(t *testing.T) {
	spans := [][2]int{{0, 0}, {0, 2}, {0, 0}, {1, 1}, {1, 3}, {3, 3}}
	bars := make([]tlBar, len(spans))
	for i, sp := range spans {
		bars[i] = tlBar{cs: sp[0], ce: sp[1]}
	}
	rows := packRows(bars, 4)
	want := []int{0, 1, 2, 0, 2, 0}
	for i, b := range bars {
		if b.row != want[i] {
			t.Errorf("bar %d in row %d, want %d", i, b.row, want[i])
		}
	}
	if rows != 3 {
		t.Errorf("%d rows, want 3", rows)
	}
}

func TestTimelineEmpty(t *testing.T) {
	tests := []struct {
		name string
		tl   Timeline
		desc string
	}{
		{"no windows", Timeline{Lanes: []Lane{{Title: "A", Bars: []Bar{{Label: "x"}}}}}, "No windows to show."},
		{"no lanes", Timeline{Columns: quarters()}, "No items are planned in these windows."},
		{"lanes without bars", Timeline{Columns: quarters(), Lanes: []Lane{{Title: "A"}}}, "No items are planned in these windows."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := TimelineChart("t", "T", tt.tl)
			if s.Desc != tt.desc || !strings.Contains(s.Class, "chart-empty") {
				t.Errorf("Desc %q, class %q", s.Desc, s.Class)
			}
		})
	}
}

func TestTimelineDesc(t *testing.T) {
	s := TimelineChart("t", "T", Timeline{Columns: quarters(), Current: 0, Lanes: []Lane{
		{Title: "Identity", Bars: []Bar{{Label: "SSO", Start: 0, End: 1, Family: "product", Confidence: "high", Status: "at-risk", Conflict: true}}},
		{Title: "Mobile"},
	}})
	for _, want := range []string{
		"A timeline of 1 item in 2 lanes across 4 windows from 2026-Q4 to 2027-Q3, read left to right.",
		"Identity: SSO from 2026-Q4 to 2027-Q1 (product, high confidence, at risk, sequencing conflict).",
		"Mobile: nothing planned.",
	} {
		if !strings.Contains(s.Desc, want) {
			t.Errorf("Desc lacks %q:\n%s", want, s.Desc)
		}
	}
}

func TestTimelineLargeIsSummarised(t *testing.T) {
	tl := bigTimeline(10000, 5)
	s := TimelineChart("t", "T", tl)
	if len(s.Desc) > 3000 {
		t.Errorf("Desc is %d bytes", len(s.Desc))
	}
	if !strings.Contains(s.Desc, "Team 0: 2,000 items") {
		t.Errorf("Desc = %q", s.Desc)
	}
	if n := len(shapesWithClass(s, "bar")); n != 10000 {
		t.Errorf("%d bars drawn, want 10000", n)
	}
	// Many lanes: the description stops listing them.
	s = TimelineChart("t", "T", bigTimeline(1000, 1000))
	if len(s.Desc) > 5000 || !strings.Contains(s.Desc, "950 more lanes hold 950 items.") {
		t.Errorf("Desc is %d bytes and ends %q", len(s.Desc), s.Desc[max(0, len(s.Desc)-80):])
	}
}

// bigTimeline spreads n bars over lanes lanes and eight quarters.
func bigTimeline(n, lanes int) Timeline {
	tl := Timeline{Columns: []string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"}, Current: 2}
	tl.Lanes = make([]Lane, lanes)
	for i := range tl.Lanes {
		tl.Lanes[i].Title = fmt.Sprintf("Team %d", i)
	}
	fams := []string{"product", "tech", "innovation"}
	for i := range n {
		s := (i * 7) % 10
		l := &tl.Lanes[i%lanes]
		l.Bars = append(l.Bars, Bar{Label: fmt.Sprintf("Item %d with a title", i), Start: s - 1, End: s + i%3, Family: fams[i%3], Confidence: fams[i%3], Conflict: i%11 == 0, Slipped: i%13 == 0})
	}
	return tl
}
