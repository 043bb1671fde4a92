package render

import (
	"context"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/source"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/themes"
)

// horizonsText writes horizons as the default theme reads them, without
// the markup: "1 item now (high confidence), 1 later (low)".
func horizonsText(hs []execHorizon) string {
	var parts []string
	for _, h := range hs {
		s := h.Count + " " + h.Horizon
		if h.Confidence != "" {
			s += " (" + h.ConfidenceLabel + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// TestExecHorizons: a theme card states its confidence per horizon, the
// weakest of each horizon's items, so that low-confidence later work
// does not make the work in hand look unsure.
func TestExecHorizons(t *testing.T) {
	type it struct {
		h model.Horizon
		c model.Confidence
	}
	const (
		now, next, later, shipped = model.HorizonNow, model.HorizonNext, model.HorizonLater, model.HorizonShipped
		high, medium, low         = model.ConfidenceHigh, model.ConfidenceMedium, model.ConfidenceLow
	)
	tests := []struct {
		name  string
		items []it
		want  string
	}{
		{"later work does not lower now", []it{{now, high}, {later, low}}, "1 item now (high confidence), 1 later (low)"},
		{"the weakest within a horizon", []it{{next, medium}, {now, high}, {now, medium}, {next, medium}, {later, low}},
			"2 items now (medium confidence), 2 next (medium), 1 later (low)"},
		{"now first whatever the order", []it{{later, medium}, {now, high}}, "1 item now (high confidence), 1 later (medium)"},
		{"later alone", []it{{later, low}, {later, low}}, "2 items later (low confidence)"},
		{"shipped work is not open", []it{{shipped, high}, {next, medium}}, "1 item next (medium confidence)"},
		{"no open work", []it{{shipped, high}}, ""},
		{"the word comes with the first confidence stated", []it{{now, ""}, {next, medium}}, "1 item now, 1 next (medium confidence)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var items []*model.Item
			for _, x := range tt.items {
				items = append(items, &model.Item{Horizon: x.h, Confidence: x.c})
			}
			if got := horizonsText(execHorizons(openItems(items))); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestExecHorizonsMatchBoard: on the example roadmap, every theme's line
// in the objectives list states, for each horizon, the item count and
// confidence of the theme's card in that column of the board.
func TestExecHorizonsMatchBoard(t *testing.T) {
	ctx := context.Background()
	var diags diag.List
	m := model.Build(ctx, source.NewLoader(nil).Load(ctx, "../../content", &diags), &diags)
	if diags.HasErrors() {
		t.Fatalf("the example has errors: %v", diags.Sorted())
	}
	th, err := theme.Load(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(Options{Theme: th})
	if err != nil {
		t.Fatal(err)
	}
	v := newViews(r, plan.Make(m))
	listed := map[*model.Theme]bool{}
	for _, th := range m.Themes {
		listed[th] = true
	}
	type card struct{ count, conf string }
	board := map[string]map[string]card{} // theme href, horizon
	for _, col := range v.themeBoard(listed) {
		for _, g := range col.Groups {
			for _, c := range g.Cards {
				if board[c.Href] == nil {
					board[c.Href] = map[string]card{}
				}
				board[c.Href][strings.ToLower(col.Title)] = card{strings.Fields(c.Note)[0], c.Confidence}
			}
		}
	}
	if len(board) == 0 {
		t.Fatal("the board has no cards")
	}
	for _, th := range m.Themes {
		et, err := v.execTheme(th)
		if err != nil {
			t.Fatal(err)
		}
		cards := board["#theme-"+th.ID]
		if len(et.Horizons) != len(cards) {
			t.Errorf("%s: the list says %q, the board has cards in %d columns", th.ID, horizonsText(et.Horizons), len(cards))
		}
		for _, h := range et.Horizons {
			got := card{strings.Fields(h.Count)[0], h.Confidence}
			if want, ok := cards[h.Horizon]; !ok || got != want {
				t.Errorf("%s, %s: the list says %+v, the board %+v", th.ID, h.Horizon, got, want)
			}
		}
	}
}

// TestTechGap: the distance from the model is worked out from the
// shares as printed, and a quarter that is not below the model never
// reads as if it were.
func TestTechGap(t *testing.T) {
	tests := []struct {
		share, target float64
		below         bool
		want          string
	}{
		{27.72, 25.0 / 90 * 100, false, "0.1 points under, within the half-point tolerance"},
		{27.8, 25.0 / 90 * 100, false, "exactly the model's share"},
		{28.125, 25.0 / 90 * 100, false, "0.3 points over"},
		{28.8, 25.0 / 90 * 100, false, "1 point over"},
		{12.5, 25.0 / 90 * 100, true, "15.3 points under"},
		{27.3, 25.0 / 90 * 100, true, "0.5 points under"},
	}
	for _, tt := range tests {
		if got := techGap(tt.share, tt.target, tt.below); got != tt.want {
			t.Errorf("techGap(%v, %v, %v) = %q, want %q", tt.share, tt.target, tt.below, got, tt.want)
		}
	}
}

// TestUnjudgedNote: quarters left out of the judgement are named, with
// the reason.
func TestUnjudgedNote(t *testing.T) {
	tests := []struct {
		qs       []string
		declared bool
		want     string
	}{
		{nil, true, ""},
		{[]string{"2027-Q2"}, true, "2027-Q2 is not judged yet: less than half of its plannable capacity is committed."},
		{[]string{"2027-Q1", "2027-Q2"}, true, "2027-Q1 and 2027-Q2 are not judged yet: less than half of their plannable capacity is committed."},
		{[]string{"2026-Q4", "2027-Q1", "2027-Q3"}, true, "2026-Q4, 2027-Q1 and 2027-Q3 are not judged yet: less than half of their plannable capacity is committed."},
		{[]string{"2026-Q4"}, false, "Technical work is not judged against the model: no team declares a capacity."},
	}
	for _, tt := range tests {
		if got := unjudgedNote(tt.qs, tt.declared); got != tt.want {
			t.Errorf("unjudgedNote(%q, %v) = %q, want %q", tt.qs, tt.declared, got, tt.want)
		}
	}
}
