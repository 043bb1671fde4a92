package chart

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestDeterministic(t *testing.T) {
	big := func() map[string]*SVG {
		ns, es := bigGraph(300)
		return map[string]*SVG{
			"timeline": TimelineChart("t", "T", bigTimeline(500, 7)),
			"graph":    Graph("g", "G", ns, es),
		}
	}
	for _, build := range []func() map[string]*SVG{
		func() map[string]*SVG { return sampleCharts(hostile, "/x/") },
		big,
	} {
		a, b := build(), build()
		for name := range a {
			if !reflect.DeepEqual(a[name], b[name]) {
				t.Errorf("%s: two runs differ", name)
			}
		}
	}
}

func TestCoordinatesAreRounded(t *testing.T) {
	ok := func(v float64) bool { return v == math.Round(v*10)/10 && !math.IsNaN(v) && !math.IsInf(v, 0) }
	for name, s := range sampleCharts("x", "/x/") {
		for _, sh := range s.Shapes {
			for _, v := range []float64{sh.X, sh.Y, sh.W, sh.H, sh.X2, sh.Y2, sh.R, sh.RX} {
				if !ok(v) {
					t.Errorf("%s: %s has unrounded %v", name, sh.Kind, v)
				}
			}
			for _, f := range strings.FieldsFunc(sh.D, func(r rune) bool { return r == ' ' || (r >= 'A' && r <= 'Z') || r == 'z' }) {
				if i := strings.IndexByte(f, '.'); i >= 0 && len(f)-i > 2 {
					t.Errorf("%s: path number %s has more than one decimal", name, f)
				}
			}
		}
		if !ok(s.Width) || !ok(s.Height) || s.Width <= 0 || s.Height <= 0 {
			t.Errorf("%s: size %vx%v", name, s.Width, s.Height)
		}
	}
}

func TestShapesStayInsideTheViewBox(t *testing.T) {
	for name, s := range sampleCharts("A label long enough to need wrapping in every picture it is drawn in", "/x/") {
		for _, sh := range s.Shapes {
			if sh.Kind != "rect" {
				continue
			}
			if sh.X < 0 || sh.Y < 0 || sh.X+sh.W > s.Width+0.05 || sh.Y+sh.H > s.Height+0.05 {
				t.Errorf("%s: %s %q at %v,%v %vx%v outside %vx%v", name, sh.Kind, sh.Class, sh.X, sh.Y, sh.W, sh.H, s.Width, s.Height)
			}
		}
	}
}

func TestR1(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{1.04, 1}, {1.05, 1.1}, {-0.04, 0}, {math.NaN(), 0}, {math.Inf(1), 0}, {123.456, 123.5},
	}
	for _, tt := range tests {
		got := r1(tt.in)
		if got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("r1(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSafeID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"exec-board", "exec-board"},
		{"", "chart"},
		{"9lives", "c9lives"},
		{`a"b<c>d`, "a-b-c-d"},
		{"ünï", "c-n-"},
		{strings.Repeat("x", 100), strings.Repeat("x", 64)},
	}
	for _, tt := range tests {
		if got := safeID(tt.in); got != tt.want {
			t.Errorf("safeID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMinWidthClass(t *testing.T) {
	tests := []struct {
		min  float64
		want string
	}{
		{0, ""}, {-3, ""}, {300, "chart-min-360"}, {480, "chart-min-480"}, {694, "chart-min-720"}, {5000, "chart-min-1920"},
	}
	for _, tt := range tests {
		if got := (&SVG{MinWidth: tt.min}).MinWidthClass(); got != tt.want {
			t.Errorf("MinWidthClass(%v) = %q, want %q", tt.min, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ got, want string }{
		{count(0), "0"}, {count(999), "999"}, {count(1000), "1,000"}, {count(1234567), "1,234,567"}, {count(-4200), "-4,200"},
		{plural(1, "item", "items"), "1 item"}, {plural(2, "item", "items"), "2 items"},
		{amount(12), "12"}, {amount(12.04), "12"}, {amount(12.25), "12.3"},
		{withUnit("12", "w"), "12w"}, {withUnit("12", "weeks"), "12 weeks"}, {withUnit("12", ""), "12"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
