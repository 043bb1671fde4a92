package plan

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
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
	for id, want := range map[string]string{"c": "RICE needs effort", "d": "RICE needs reach, impact, confidence and effort"} {
		if e := p.Entry(id); e.Scored || e.Missing != want {
			t.Errorf("%s: missing %q, want %q", id, e.Missing, want)
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
		// a half starting now: half of it counts now, half next quarter
		{ID: "b", Kind: model.KindPlatform, Family: model.FamilyTech, Team: team, Horizon: model.HorizonNow, Window: win(now, now+1), Estimate: est(10, 10)},
		// now without a window: counts in the current quarter
		{ID: "c", Kind: model.KindResearch, Family: model.FamilyInnovation, Team: team, Horizon: model.HorizonNow, Estimate: est(2, 2)},
		// next quarter
		{ID: "d", Family: model.FamilyProduct, Team: team, Horizon: model.HorizonNext, Window: win(now+1, now+1), Estimate: est(50, 50)},
		// shipped: does not count
		{ID: "e", Family: model.FamilyProduct, Team: team, Horizon: model.HorizonShipped, Window: win(now, now), Estimate: est(50, 50)},
		// no team
		{ID: "f", Family: model.FamilyProduct, Horizon: model.HorizonNow, Window: win(now, now), Estimate: est(3, 3)},
		// later without a window: unscheduled
		{ID: "g", Family: model.FamilyProduct, Team: team, Horizon: model.HorizonLater, Estimate: est(6, 10)},
	}}
	c := Make(m).Capacity
	if len(c.Quarters) != 2 || c.Quarters[0] != now || c.Quarters[1] != now+1 {
		t.Fatalf("quarters %v, want now and the next", c.Quarters)
	}
	q4 := c.Teams[0].Cells[0]
	if q4.Capacity != 20 || q4.Plannable != 18 || q4.Committed != (Load{11, 13, 15}) {
		t.Errorf("Q4 %+v", q4)
	}
	if q4.ByFamily != [3]Load{{4, 6, 8}, {5, 5, 5}, {2, 2, 2}} || q4.Model != [3]float64{12, 4, 2} {
		t.Errorf("Q4 by family %v, model %v", q4.ByFamily, q4.Model)
	}
	if q4.Over() || q4.AtRisk() || q4.State() != "room for 5w" {
		t.Errorf("13w of 18w plannable: over %v, at risk %v, %q", q4.Over(), q4.AtRisk(), q4.State())
	}
	q1 := c.Teams[0].Cells[1]
	if q1.Committed != (Load{55, 55, 55}) || !q1.Over() || q1.State() != "over by 37w" {
		t.Errorf("Q1 %+v %q", q1.Committed, q1.State())
	}
	// Deferring the lowest-ranked share first: d (50w) alone makes it fit.
	if len(q1.Defer) != 1 || q1.Defer[0].Item.ID != "d" {
		t.Errorf("Q1 defer %v", q1.Defer)
	}
	tot := c.Totals[0]
	if tot.Capacity != 30 || tot.Plannable != 27 || tot.Committed.Mid != 16 || tot.ByFamily[0].Mid != 9 || tot.Unowned != (Load{3, 3, 3}) {
		t.Errorf("Q4 total %+v", tot)
	}
	if len(c.Totals[1].Over) != 1 || c.Totals[1].Over[0] != q1 {
		t.Errorf("Q1 over %v", c.Totals[1].Over)
	}
	if c.Unscheduled != 8 {
		t.Errorf("unscheduled %v, want 8", c.Unscheduled)
	}
	if idle := c.Teams[1].Cells[0]; idle.Committed.Mid != 0 || idle.Over() || idle.State() != "room for 9w" {
		t.Errorf("idle team %+v", idle)
	}
}

func TestCellEdges(t *testing.T) {
	tests := []struct {
		name       string
		cell       Cell
		over, risk bool
		state      string
	}{
		{"exactly plannable", Cell{Capacity: 20, Plannable: 18, Committed: Load{18, 18, 18}}, false, false, "room for 0w"},
		{"a little more", Cell{Capacity: 20, Plannable: 18, Committed: Load{18.01, 18.01, 18.01}}, true, false, "over by 0w"},
		{"float noise is not over", Cell{Capacity: 20, Plannable: 18, Committed: Load{Mid: 6.0 + 6.0 + 6.000000000000001}}, false, false, "room for 0w"},
		{"worst case over", Cell{Capacity: 20, Plannable: 18, Committed: Load{14, 17, 20}}, false, true, "room for 1w at the midpoint; the worst case is over by 2w"},
		{"no capacity, work", Cell{Committed: Load{2, 2, 2}}, true, false, "2w committed but no capacity declared"},
		{"no capacity, no work", Cell{}, false, false, "no capacity declared"},
	}
	for _, tt := range tests {
		if got := tt.cell.Over(); got != tt.over {
			t.Errorf("%s: Over %v, want %v", tt.name, got, tt.over)
		}
		if got := tt.cell.AtRisk(); got != tt.risk {
			t.Errorf("%s: AtRisk %v, want %v", tt.name, got, tt.risk)
		}
		if got := tt.cell.State(); got != tt.state {
			t.Errorf("%s: State %q, want %q", tt.name, got, tt.state)
		}
	}
}

func TestDefer(t *testing.T) {
	now := model.QuarterOf(2026, 4)
	team := &model.Team{ID: "t", Capacity: 20} // 18w plannable
	item := func(id string, cod, weeks float64) *model.Item {
		return &model.Item{ID: id, Family: model.FamilyProduct, Team: team, Horizon: model.HorizonNow, Window: win(now, now),
			Estimate: est(weeks, weeks), CostOfDelay: cod, HasCostOfDelay: true}
	}
	tests := []struct {
		name  string
		items []*model.Item
		want  []string
	}{
		{"fits", []*model.Item{item("a", 10, 9), item("b", 10, 9)}, nil},
		// scores: a 2, b 1, c 0.5: c goes first; without c it is 16w.
		{"one out", []*model.Item{item("a", 12, 6), item("b", 6, 6), item("c", 3, 6), item("d", 100, 4)}, []string{"c"}},
		// without c and b it is 10w; without c alone 16w+6w = 22w.
		{"two out", []*model.Item{item("a", 12, 6), item("b", 6, 6), item("c", 3, 6), item("d", 100, 10)}, []string{"c", "b"}},
		// an unscored item ranks last, so it moves first.
		{"unscored first", []*model.Item{item("a", 12, 10), {ID: "u", Family: model.FamilyProduct, Team: team, Horizon: model.HorizonNow, Window: win(now, now), Estimate: est(10, 10)}}, []string{"u"}},
	}
	for _, tt := range tests {
		m := &model.Plan{Now: now, Capacity: model.CapacityModel{Product: 60, Tech: 20, Innovation: 10, Buffer: 10}, Teams: []*model.Team{team}, Items: tt.items}
		var got []string
		for _, e := range Make(m).Capacity.Teams[0].Cells[0].Defer {
			got = append(got, e.Item.ID)
		}
		if !equal(got, tt.want) {
			t.Errorf("%s: defer %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestTechBelowModel(t *testing.T) {
	cm := model.CapacityModel{Product: 60, Tech: 25, Innovation: 5, Buffer: 10} // tech target 25/90 = 27.8%
	// A target that rounds to 2.3%: 1.8% is then exactly half a point
	// under, which 2.3 - 0.5 in floating point (just under 1.8) missed.
	small := model.CapacityModel{Product: 75, Tech: 2, Innovation: 10, Buffer: 13} // 2/87 = 2.3%
	tests := []struct {
		name        string
		tech, total float64
		plannable   float64
		below       bool
		model       *model.CapacityModel
	}{
		{"exactly half a point under a small target", 1.8, 100, 100, true, &small},
		{"0.4 points under a small target", 1.9, 100, 100, false, &small},
		{"on model", 25, 90, 90, false, nil},
		{"0.4 points under", 24.7, 90, 90, false, nil}, // 27.4% against 27.8%
		{"0.5 points under", 24.6, 90, 90, true, nil},  // 27.3% against 27.8%
		{"clearly under", 18, 90, 90, true, nil},
		{"over", 40, 90, 90, false, nil},
		{"thin quarter is not judged", 1, 40, 90, false, nil},
		{"half planned is judged", 1, 45, 90, true, nil},
		{"nothing committed", 0, 0, 90, false, nil},
	}
	for _, tt := range tests {
		tot := &Total{Plannable: tt.plannable, Committed: Load{Mid: tt.total}}
		tot.ByFamily[1].Mid = tt.tech
		m := cm
		if tt.model != nil {
			m = *tt.model
		}
		if got := tot.TechBelowModel(m); got != tt.below {
			share, target, _ := tot.TechShare(m)
			t.Errorf("%s: below %v, want %v (share %v target %v)", tt.name, got, tt.below, share, target)
		}
	}
}

func TestNum(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{8, "8"}, {2.5, "2.5"}, {1.0 / 3, "0.33"}, {2.675, "2.68"}, {-1.5, "-1.5"}, {1e9, "1000000000"},
		{0, "0"}, {-0.004, "0"}, {0.05, "0.05"}, {0.1, "0.1"}, {-0.07, "-0.07"}, {12.3, "12.3"}, {1e13 - 0.01, "9999999999999.99"},
		{1e14, "100000000000000"}, {1.5e20, "150000000000000000000"}, {math.Inf(1), "+Inf"}, {math.NaN(), "NaN"},
	} {
		if got := Num(tt.v); got != tt.want {
			t.Errorf("Num(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	// The fast path writes what the shortest float formatting gives.
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := (rnd.Float64() - 0.5) * math.Pow(10, float64(rnd.IntN(16)))
		want := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
		if want == "-0" {
			want = "0"
		}
		if got := Num(v); got != want {
			t.Fatalf("Num(%v) = %q, want %q", v, got, want)
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

// wsjf makes an item for the value-flow tests: cost of delay cod, an
// estimate of weeks, depending on deps.
func wsjf(id string, cod, weeks float64, deps ...*model.Item) *model.Item {
	it := &model.Item{ID: id, Title: "T" + id, Horizon: model.HorizonNow, CostOfDelay: cod, HasCostOfDelay: true, Estimate: est(weeks, weeks), DependsOn: deps}
	for _, d := range deps {
		d.Dependents = append(d.Dependents, it)
	}
	return it
}

func TestValueFlows(t *testing.T) {
	type want struct {
		value, score float64
		parts        string // "id value, …"
		breakdown    string
	}
	chain := func() []*model.Item { // c -> b -> a: c depends on b, b on a
		a := wsjf("a", 5, 2)
		b := wsjf("b", 10, 4, a)
		c := wsjf("c", 20, 5, b)
		return []*model.Item{a, b, c}
	}
	diamond := func() []*model.Item { // d depends on b and c; both depend on a
		a := wsjf("a", 1, 1)
		b := wsjf("b", 2, 2, a)
		c := wsjf("c", 3, 3, a)
		d := wsjf("d", 10, 10, b, c)
		return []*model.Item{a, b, c, d}
	}
	shippedMiddle := func() []*model.Item { // c -> b (shipped) -> a
		items := chain()
		items[1].Horizon = model.HorizonShipped
		return items
	}
	cycle := func() []*model.Item { // x <-> y: an error check reports, but no hang and no double count
		x := wsjf("x", 1, 1)
		y := wsjf("y", 2, 1, x)
		x.DependsOn = append(x.DependsOn, y)
		y.Dependents = append(y.Dependents, x)
		return []*model.Item{x, y}
	}
	tests := []struct {
		name  string
		items []*model.Item
		order []string
		want  map[string]want
	}{
		{"chain", chain(), []string{"a", "b", "c"}, map[string]want{
			// a: 5 + 20 + 10 = 35 over 2w
			"a": {35, 17.5, "c 20, b 10", "own 5 + unblocks: Tc 20, Tb 10 = 35 k$"},
			"b": {30, 7.5, "c 20", "own 10 + unblocks: Tc 20 = 30 k$"},
			"c": {20, 4, "", "own 20 = 20 k$"},
		}},
		{"diamond counts d once", diamond(), []string{"a", "b", "c", "d"}, map[string]want{
			// a: 1 + 10 (d, once) + 3 + 2 = 16 over 1w
			"a": {16, 16, "d 10, c 3, b 2", "own 1 + unblocks: Td 10, Tc 3, Tb 2 = 16 k$"},
			"b": {12, 6, "d 10", ""},
			"c": {13, 13.0 / 3, "d 10", ""},
			"d": {10, 1, "", ""},
		}},
		{"nothing waits through shipped work", shippedMiddle(), []string{"c", "a"}, map[string]want{
			"a": {5, 2.5, "", ""},
			"c": {20, 4, "", ""},
		}},
		{"cycle", cycle(), []string{"x", "y"}, map[string]want{
			"x": {3, 3, "y 2", ""},
			"y": {3, 3, "x 1", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Make(&model.Plan{Prioritization: model.FrameworkWSJF, ValueUnit: "k$", Items: tt.items})
			var order []string
			for _, e := range p.Ranked {
				order = append(order, e.Item.ID)
			}
			if !equal(order, tt.order) {
				t.Errorf("order %v, want %v", order, tt.order)
			}
			for id, w := range tt.want {
				e := p.Entry(id)
				var parts []string
				for _, pt := range e.Parts {
					parts = append(parts, pt.Entry.Item.ID+" "+Num(pt.Value))
				}
				if e.Value != w.value || math.Abs(e.Score-w.score) > 1e-9 || strings.Join(parts, ", ") != w.parts {
					t.Errorf("%s: value %v score %v parts %v; want %v %v %q", id, e.Value, e.Score, parts, w.value, w.score, w.parts)
				}
				name := func(e *Entry) string { return e.Item.Title }
				if got := e.Breakdown("k$", name); w.breakdown != "" && got != w.breakdown {
					t.Errorf("%s: breakdown %q, want %q", id, got, w.breakdown)
				}
			}
		})
	}
	p := Make(&model.Plan{Prioritization: model.FrameworkWSJF, ValueUnit: "k$ per week", Items: chain()})
	if got, want := p.Entry("a").Formula, "cost of delay 35 k$ per week (own 5 + unblocks 30) / effort 2w = 17.5"; got != want {
		t.Errorf("formula %q, want %q", got, want)
	}
	if got := p.Entry("a").Unblocks; len(got) != 2 || got[0].Item.ID != "b" || got[1].Item.ID != "c" {
		t.Errorf("a unblocks %v, want b then c (rank order)", got)
	}
}

func TestValueFlowsRICE(t *testing.T) {
	a := &model.Item{ID: "a", Horizon: model.HorizonNow, RICE: &model.RICE{Reach: 100, Impact: 1, Confidence: 1, Effort: 2}}                                // own 100
	b := &model.Item{ID: "b", Horizon: model.HorizonNext, RICE: &model.RICE{Reach: 50, Impact: 2, Confidence: 0.5, Effort: 1}, DependsOn: []*model.Item{a}} // own 50
	c := &model.Item{ID: "c", Horizon: model.HorizonLater, DependsOn: []*model.Item{b}}                                                                     // no RICE: adds nothing
	a.Dependents, b.Dependents = []*model.Item{b}, []*model.Item{c}
	p := Make(&model.Plan{Prioritization: model.FrameworkRICE, Items: []*model.Item{a, b, c}})
	ea := p.Entry("a")
	// (100 + 50) / 2 = 75
	if ea.Score != 75 || ea.Formula != "(reach 100 × impact 1 × confidence 1 = 100, + unblocks 50) / effort 2 = 75" {
		t.Errorf("a: %v %q", ea.Score, ea.Formula)
	}
	if len(ea.Unblocks) != 2 || len(ea.Parts) != 1 {
		t.Errorf("a unblocks %d items, %d with a value; want 2, 1", len(ea.Unblocks), len(ea.Parts))
	}
	if eb := p.Entry("b"); eb.Score != 50 || eb.Rank != 2 {
		t.Errorf("b: %+v", eb)
	}
	if ec := p.Entry("c"); ec.Scored || ec.Rank != 3 {
		t.Errorf("c: %+v", ec)
	}
}

func TestTiesByID(t *testing.T) {
	// 0.1 + 0.2 is 0.30000000000000004: floating-point noise must tie with
	// 0.3 and fall to the id, not rank "zz" first.
	zz := wsjf("zz", 0.1, 1)
	dep := wsjf("dep", 0.2, 100, zz)
	aa := wsjf("aa", 0.3, 1)
	mm := wsjf("mm", 0.6, 2)
	p := Make(&model.Plan{Items: []*model.Item{aa, dep, mm, zz}})
	var order []string
	for _, e := range p.Ranked {
		order = append(order, e.Item.ID)
	}
	if want := []string{"aa", "mm", "zz", "dep"}; !equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
}

// TestSlippedWorkCounts: an item whose window ended before now and is not
// shipped still needs its team: all its effort counts in the current
// quarter, and the cell and the total say how much of it slipped.
func TestSlippedWorkCounts(t *testing.T) {
	now := model.QuarterOf(2026, 4)
	team := &model.Team{ID: "t", Capacity: 20} // 18w plannable
	item := func(id string, h model.Horizon, f model.Family, w model.Window, low, high float64) *model.Item {
		it := &model.Item{ID: id, Family: f, Team: team, Horizon: h, Window: w, CostOfDelay: 10, HasCostOfDelay: true}
		if high > 0 {
			it.Estimate = est(low, high)
		}
		return it
	}
	// planned is on-plan work in now and the next quarter, so that
	// capacity measures two quarters.
	planned := func() []*model.Item {
		return []*model.Item{
			item("planned", model.HorizonNow, model.FamilyProduct, win(now, now), 4, 4),
			item("next", model.HorizonNext, model.FamilyProduct, win(now+1, now+1), 2, 2),
		}
	}
	tests := []struct {
		name      string
		item      *model.Item
		now, next Load // the team's commitment in now and the quarter after
		slipped   Load // of which slipped, in now
		techNow   float64
		share     float64 // ShareIn of the item in now
		state     string
		over      bool
	}{
		// case A: a now item whose window is the quarter before now
		{"now item, last quarter's window", item("s", model.HorizonNow, model.FamilyTech, win(now-1, now-1), 6, 10),
			Load{10, 12, 14}, Load{2, 2, 2}, Load{6, 8, 10}, 8, 1, "room for 6w; committed includes 8w slipped from earlier quarters", false},
		// case B: the quarter turned; a half that ended counts whole, not
		// its last quarter's half
		{"half ended before now", item("s", model.HorizonNow, model.FamilyTech, win(now-2, now-1), 10, 10),
			Load{14, 14, 14}, Load{2, 2, 2}, Load{10, 10, 10}, 10, 1, "room for 4w; committed includes 10w slipped from earlier quarters", false},
		{"next item that slipped counts too", item("s", model.HorizonNext, model.FamilyProduct, win(now-3, now-3), 2, 2),
			Load{6, 6, 6}, Load{2, 2, 2}, Load{2, 2, 2}, 0, 1, "room for 12w; committed includes 2w slipped from earlier quarters", false},
		{"slipped work can put a team over", item("s", model.HorizonNow, model.FamilyTech, win(now-1, now-1), 16, 16),
			Load{20, 20, 20}, Load{2, 2, 2}, Load{16, 16, 16}, 16, 1, "over by 2w; committed includes 16w slipped from earlier quarters", true},
		// not slipped: done work, or a window still running
		{"shipped with an old window does not count", item("s", model.HorizonShipped, model.FamilyTech, win(now-1, now-1), 6, 10),
			Load{4, 4, 4}, Load{2, 2, 2}, Load{}, 0, 0, "room for 14w", false},
		{"window running into now: its share only", item("s", model.HorizonNow, model.FamilyTech, win(now-1, now), 6, 10),
			Load{7, 8, 9}, Load{2, 2, 2}, Load{}, 4, 0.5, "room for 10w", false},
		{"slipped without an estimate counts nothing", item("s", model.HorizonNow, model.FamilyTech, win(now-1, now-1), 0, 0),
			Load{4, 4, 4}, Load{2, 2, 2}, Load{}, 0, 0, "room for 14w", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &model.Plan{Now: now, Capacity: model.CapacityModel{Product: 60, Tech: 25, Innovation: 5, Buffer: 10}, Teams: []*model.Team{team},
				Items: append(planned(), tt.item)}
			p := Make(m)
			c := p.Capacity
			if len(c.Quarters) != 2 {
				t.Fatalf("quarters %v, want now and the next", c.Quarters)
			}
			q4, q1 := c.Teams[0].Cells[0], c.Teams[0].Cells[1]
			if !near(q4.Committed, tt.now) || !near(q1.Committed, tt.next) {
				t.Errorf("committed now %+v, next %+v; want %+v, %+v", q4.Committed, q1.Committed, tt.now, tt.next)
			}
			if !near(q4.Slipped, tt.slipped) || !near(c.Totals[0].Slipped, tt.slipped) || q1.Slipped != (Load{}) || c.Totals[1].Slipped != (Load{}) {
				t.Errorf("slipped: cell %+v, total %+v, next %+v; want %+v in now only", q4.Slipped, c.Totals[0].Slipped, q1.Slipped, tt.slipped)
			}
			if got := q4.ByFamily[familyIndex(model.FamilyTech)].Mid; math.Abs(got-tt.techNow) > 1e-9 {
				t.Errorf("tech now %v, want %v", got, tt.techNow)
			}
			if got := c.Totals[0].Committed; !near(got, tt.now) {
				t.Errorf("total now %+v, want %+v", got, tt.now)
			}
			if e := p.Entry("s"); p.ShareIn(e, now) != tt.share || p.ShareIn(e, now+1) != 0 {
				t.Errorf("ShareIn now %v, next %v; want %v, 0", p.ShareIn(e, now), p.ShareIn(e, now+1), tt.share)
			}
			if got := q4.State(); got != tt.state {
				t.Errorf("state %q, want %q", got, tt.state)
			}
			if q4.Over() != tt.over {
				t.Errorf("over %v, want %v", q4.Over(), tt.over)
			}
			// a slipped share is marked among the cell's items
			for _, s := range q4.Items {
				if s.Slipped != (s.Entry.Item.ID == "s" && tt.slipped.Mid > 0) {
					t.Errorf("share of %s marked slipped %v", s.Entry.Item.ID, s.Slipped)
				}
			}
			if c.Unscheduled != 0 {
				t.Errorf("unscheduled %v: slipped work has a window", c.Unscheduled)
			}
		})
	}
}

func near(a, b Load) bool {
	return math.Abs(a.Low-b.Low) < 1e-9 && math.Abs(a.Mid-b.Mid) < 1e-9 && math.Abs(a.High-b.High) < 1e-9
}
