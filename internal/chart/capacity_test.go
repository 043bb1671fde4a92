package chart

import (
	"math"
	"strings"
	"testing"
)

func TestAllocation(t *testing.T) {
	tests := []struct {
		name   string
		bucket Bucket
		value  string
		diff   string
		class  string
	}{
		{"over", Bucket{Label: "Product", Family: "product", Planned: 62, Model: 50}, "62% planned · model 50%", "▲ 12 points over model", "over-model"},
		{"on", Bucket{Label: "Tech", Family: "tech", Planned: 30.2, Model: 30}, "30.2% planned · model 30%", "on model", "on-model"},
		{"under by one", Bucket{Label: "Innovation", Family: "innovation", Planned: 19, Model: 20}, "19% planned · model 20%", "▼ 1 point under model", "under-model"},
		{"bad numbers read as 0", Bucket{Label: "Buffer", Planned: math.NaN(), Model: -5}, "0% planned · model 0%", "on model", "on-model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Allocation("a", "A", []Bucket{tt.bucket})
			mustHaveText(t, s, tt.value)
			mustHaveText(t, s, tt.diff)
			if len(shapesWithClass(s, tt.class)) != 1 {
				t.Errorf("no shape with class %s", tt.class)
			}
			bars := shapesWithClass(s, "alloc-bar")
			if len(bars) < 1 || !strings.Contains(bars[0].Class, familyClass(tt.bucket.Family)) {
				t.Errorf("bars %+v", bars)
			}
			if w := bars[0].W; w < 0 || w > rcTrackW {
				t.Errorf("bar width %v outside the track", w)
			}
		})
	}
	s := Allocation("a", "A", []Bucket{{Label: "Product", Planned: 62, Model: 50}, {Label: "Tech", Planned: 38, Model: 50}})
	for _, want := range []string{"Product: 62% planned, model 50%, 12 points over model.", "Tech: 38% planned, model 50%, 12 points under model."} {
		if !strings.Contains(s.Desc, want) {
			t.Errorf("Desc lacks %q: %s", want, s.Desc)
		}
	}
	// A share above 100% widens the scale instead of running off it.
	s = Allocation("a", "A", []Bucket{{Label: "Product", Planned: 140, Model: 50}})
	if b := shapesWithClass(s, "alloc-bar")[0]; b.W > rcTrackW {
		t.Errorf("bar %v wider than the track", b.W)
	}
}

func TestTeamCapacity(t *testing.T) {
	tests := []struct {
		name    string
		team    TeamLoad
		unit    string
		class   string
		verdict string
		detail  string
		over    bool // a segment beyond capacity is drawn
	}{
		{"over", TeamLoad{Label: "Identity", Capacity: 40, Low: 30, Mid: 52, High: 60}, "w", "over", "⚠ over by 12w", "committed 30–60w (mid 52w) · capacity 40w", true},
		{"may overrun", TeamLoad{Label: "Platform", Capacity: 60, Low: 35, Mid: 48, High: 66}, "w", "risk", "may overrun by 6w", "committed 35–66w (mid 48w) · capacity 60w", true},
		{"fits", TeamLoad{Label: "Growth", Capacity: 30, Low: 12, Mid: 18, High: 24}, "weeks", "ok", "fits, 12 weeks spare", "committed 12–24 weeks (mid 18 weeks) · capacity 30 weeks", false},
		{"unordered range is sorted", TeamLoad{Label: "Mobile", Capacity: 20, Low: 45, Mid: 28, High: 34}, "", "over", "⚠ over by 14", "committed 28–45 (mid 34) · capacity 20", true},
		{"no capacity", TeamLoad{Label: "New", Low: 1, Mid: 2, High: 3}, "w", "over", "⚠ over by 2w", "capacity 0w", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := TeamCapacity("c", "C", tt.unit, []TeamLoad{tt.team})
			mustHaveText(t, s, tt.verdict)
			mustHaveText(t, s, tt.detail)
			v := shapesWithClass(s, "verdict")
			if len(v) != 1 || !strings.Contains(v[0].Class, tt.class) {
				t.Errorf("verdict shapes %+v, want class %s", v, tt.class)
			}
			if got := len(shapesWithClass(s, "range-over")) > 1; got != tt.over { // one is the legend's
				t.Errorf("segment beyond capacity drawn: %v, want %v", got, tt.over)
			}
			if !strings.Contains(s.Desc, strings.TrimPrefix(tt.verdict, "⚠ ")) {
				t.Errorf("Desc lacks the verdict: %s", s.Desc)
			}
			for _, sh := range s.Shapes {
				if sh.Kind == "rect" && sh.W < 0 {
					t.Errorf("negative width %+v", sh)
				}
			}
		})
	}
}

func TestNiceStep(t *testing.T) {
	tests := []struct {
		top  float64
		n    int
		want float64
	}{
		{100, 4, 25},
		{66, 5, 20},
		{7, 5, 2},
		{0, 5, 1},
		{1234, 5, 250},
	}
	for _, tt := range tests {
		if got := niceStep(tt.top, tt.n); got != tt.want {
			t.Errorf("niceStep(%v, %d) = %v, want %v", tt.top, tt.n, got, tt.want)
		}
	}
}

func TestCapacityEmpty(t *testing.T) {
	tests := []struct {
		name string
		s    *SVG
		desc string
	}{
		{"allocation", Allocation("a", "A", nil), "No capacity buckets to show."},
		{"teams", TeamCapacity("c", "C", "w", nil), "No teams to show."},
	}
	for _, tt := range tests {
		if tt.s.Desc != tt.desc || !strings.Contains(tt.s.Class, "chart-empty") {
			t.Errorf("%s: Desc %q, class %q", tt.name, tt.s.Desc, tt.s.Class)
		}
	}
}
