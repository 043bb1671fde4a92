package plan

import (
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/model"
)

func est(low, high float64) model.Estimate {
	return model.Estimate{Text: "x", Low: low, High: high}
}

func win(start, end model.Quarter) model.Window {
	return model.Window{Text: "w", Start: start, End: end}
}

func TestRankWSJF(t *testing.T) {
	m := &model.Plan{Prioritization: model.FrameworkWSJF, ValueUnit: "k$ per week", Items: []*model.Item{
		{ID: "a", Horizon: model.HorizonNow, CostOfDelay: 10, HasCostOfDelay: true, Estimate: est(4, 6)},     // 2
		{ID: "b", Horizon: model.HorizonNext, CostOfDelay: 40, HasCostOfDelay: true, Estimate: est(5, 5)},    // 8
		{ID: "c", Horizon: model.HorizonLater, CostOfDelay: 4, HasCostOfDelay: true, Estimate: est(2, 2)},    // 2, ties a: by id
		{ID: "d", Horizon: model.HorizonNow, Estimate: est(1, 1)},                                            // no cost of delay
		{ID: "e", Horizon: model.HorizonNow, CostOfDelay: 9, HasCostOfDelay: true},                           // no estimate
		{ID: "f", Horizon: model.HorizonShipped, CostOfDelay: 99, HasCostOfDelay: true, Estimate: est(1, 1)}, // shipped: not ranked
		{ID: "g", Horizon: model.HorizonNow},
	}}
	p := Make(m)
	var order []string
	for _, e := range p.Ranked {
		order = append(order, e.Item.ID)
	}
	if got, want := order, []string{"b", "a", "c", "d", "e", "g"}; !equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	tests := []struct {
		id      string
		rank    int
		scored  bool
		score   float64
		formula string
		missing string
	}{
		{"b", 1, true, 8, "cost of delay 40 k$ per week / effort 5w = 8", ""},
		{"a", 2, true, 2, "cost of delay 10 k$ per week / effort 5w = 2", ""},
		{"c", 3, true, 2, "cost of delay 4 k$ per week / effort 2w = 2", ""},
		{"d", 4, false, 0, "", "WSJF needs cost_of_delay"},
		{"e", 5, false, 0, "", "WSJF needs an estimate"},
		{"g", 6, false, 0, "", "WSJF needs cost_of_delay and an estimate"},
		{"f", 0, false, 0, "", ""},
	}
	for _, tt := range tests {
		e := p.Entry(tt.id)
		if e.Rank != tt.rank || e.Scored != tt.scored || e.Score != tt.score || e.Formula != tt.formula || e.Missing != tt.missing {
			t.Errorf("%s: got rank %d scored %v score %v formula %q missing %q; want %d %v %v %q %q",
				tt.id, e.Rank, e.Scored, e.Score, e.Formula, e.Missing, tt.rank, tt.scored, tt.score, tt.formula, tt.missing)
		}
	}
	if len(p.Shipped) != 1 || p.Shipped[0].Item.ID != "f" {
		t.Errorf("shipped: %v", p.Shipped)
	}
}

func TestRankRICE(t *testing.T) {
	m := &model.Plan{Prioritization: model.FrameworkRICE, Items: []*model.Item{
		{ID: "a", Horizon: model.HorizonNow, RICE: &model.RICE{Reach: 1200, Impact: 2, Confidence: 0.8, Effort: 5}},    // 384
		{ID: "b", Horizon: model.HorizonNow, RICE: &model.RICE{Reach: 100, Impact: 3, Confidence: 1, Effort: 1}},       // 300
		{ID: "c", Horizon: model.HorizonNow, RICE: &model.RICE{Reach: 100, Impact: 3, Confidence: 1}},                  // no effort
		{ID: "d", Horizon: model.HorizonNow, CostOfDelay: 100, HasCostOfDelay: true, Estimate: est(1, 1)},              // WSJF inputs do not count
		{ID: "e", Horizon: model.HorizonNow, RICE: &model.RICE{Reach: 1e200, Impact: 1e200, Confidence: 1, Effort: 1}}, // overflows
	}}
	p := Make(m)
	a := p.Entry("a")
	if a.Rank != 1 || a.Score != 384 || a.Formula != "reach 1200 × impact 2 × confidence 0.8 / effort 5 = 384" {
		t.Errorf("a: %+v", a)
	}
	if b := p.Entry("b"); b.Rank != 2 || b.Score != 300 {
		t.Errorf("b: %+v", b)
	}
	if e := p.Entry("e"); e.Scored || e.Missing != "RICE inputs too large to score" || e.Rank != 5 {
		t.Errorf("e: %+v", e)
	}
	for _, id := range []string{"c", "d"} {
		if e := p.Entry(id); e.Scored || e.Missing != "RICE needs reach, impact, confidence and effort" {
			t.Errorf("%s: %+v", id, e)
		}
	}
}

func TestCapacity(t *testing.T) {
	now := model.QuarterOf(2026, 4)
	team := &model.Team{ID: "t", Capacity: 20}
	idle := &model.Team{ID: "idle", Capacity: 10}
	m := &model.Plan{Now: now, Capacity: model.CapacityModel{Product: 60, Tech: 20, Innovation: 10, Buffer: 10}, Teams: []*model.Team{team, idle}, Items: []*model.Item{
		// a quarter: all of it counts
		{ID: "a", Kind: model.KindFeature, Family: model.FamilyProduct, Team: team, Horizon: model.HorizonNow, Window: win(now, now), Estimate: est(4, 8)},
		// a half starting now: half of it counts
		{ID: "b", Kind: model.KindPlatform, Family: model.FamilyTech, Team: team, Horizon: model.HorizonNow, Window: win(now, now+1), Estimate: est(10, 10)},
		// now without a window: counts in the current quarter
		{ID: "c", Kind: model.KindResearch, Family: model.FamilyInnovation, Team: team, Horizon: model.HorizonNow, Estimate: est(2, 2)},
		// next quarter: does not count
		{ID: "d", Family: model.FamilyProduct, Team: team, Horizon: model.HorizonNext, Window: win(now+1, now+1), Estimate: est(50, 50)},
		// shipped: does not count
		{ID: "e", Family: model.FamilyProduct, Team: team, Horizon: model.HorizonShipped, Window: win(now, now), Estimate: est(50, 50)},
		// no team
		{ID: "f", Family: model.FamilyProduct, Horizon: model.HorizonNow, Window: win(now, now), Estimate: est(3, 3)},
	}}
	c := Make(m).Capacity
	tl := c.Teams[0]
	if tl.Capacity != 20 || tl.Plannable != 18 || tl.Low != 11 || tl.Mid != 13 || tl.High != 15 {
		t.Errorf("team load %+v", tl)
	}
	if tl.ByFamily != [3]float64{6, 5, 2} {
		t.Errorf("team by family %v", tl.ByFamily)
	}
	if tl.Over() {
		t.Error("13w of 18w plannable is not over")
	}
	if c.Total != 30 || c.ByFamily != [3]float64{9, 5, 2} || c.Unowned != 3 {
		t.Errorf("capacity %+v", c)
	}
	if c.Teams[1].Mid != 0 || c.Teams[1].Over() {
		t.Errorf("idle team %+v", c.Teams[1])
	}
	// At the edge: exactly the plannable capacity is not over; a little
	// more is.
	edge := &TeamLoad{Plannable: 18, Mid: 18}
	if edge.Over() {
		t.Error("18w of 18w is not over")
	}
	if (&TeamLoad{Mid: 2}).Over() != true || (&TeamLoad{}).Over() != false {
		t.Error("work on a team without capacity is over; no work is not")
	}
	edge.Mid = 18.01
	if !edge.Over() {
		t.Error("18.01w of 18w is over")
	}
}

func TestNum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{8, "8"}, {2.5, "2.5"}, {1.0 / 3, "0.33"}, {2.675, "2.68"}, {-1.5, "-1.5"}, {1e9, "1000000000"}} {
		if got := Num(tt.v); got != tt.want {
			t.Errorf("Num(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
