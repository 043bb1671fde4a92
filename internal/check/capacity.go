package check

import (
	"fmt"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// planning applies the rules that read the ranked plan, so that check and
// every view judge the same numbers: work the framework cannot score,
// teams committed beyond their capacity, and technical work below the
// allocation model.
func (c *checker) planning() {
	p := c.opts.Plan
	if p == nil || p.Model != c.p {
		p = plan.Make(c.p)
	}
	c.unscored(p)
	c.overCommitted(p)
	c.techStarved(p)
}

// unscored: an item the framework cannot score ranks last; say so where
// the item is written, instead of letting it sink silently. A field that
// was written (or misspelt) is reported where it stands, and a now item
// without an estimate already has its own warning.
func (c *checker) unscored(p *plan.Plan) {
	rice := c.p.Prioritization == model.FrameworkRICE
	for _, e := range p.Ranked {
		if e.Scored || e.Item.Horizon == "" {
			continue
		}
		it, o := e.Item, e.Item.Origin
		const last = "so it ranks last, unscored"
		if rice {
			if !o.Has("rice") {
				c.diags.Warnf(o.Pos(), "item %q cannot be ranked by RICE: it has no rice inputs, %s; add rice = { reach = 500, impact = 1, confidence = 0.8, effort = 4 }", it.ID, last)
				continue
			}
			var miss []string
			for _, f := range []string{"reach", "impact", "confidence", "effort"} {
				if !o.Has("rice." + f) {
					miss = append(miss, f)
				}
			}
			switch {
			case len(miss) > 0:
				c.diags.Warnf(o.Value("rice"), "item %q cannot be ranked by RICE: rice has no %s, %s", it.ID, diag.JoinAnd(miss), last)
			case strings.Contains(e.Missing, "too large"):
				c.diags.Warnf(o.Value("rice"), "item %q cannot be ranked by RICE: its inputs are too large to score, %s", it.ID, last)
			}
			continue
		}
		noValue := !it.HasCostOfDelay && !o.Has("cost_of_delay")
		noEstimate := it.Estimate.IsZero() && !o.Has("estimate") && it.Horizon != model.HorizonNow
		unit := c.p.ValueUnit
		switch {
		case noValue && noEstimate:
			c.diags.Warnf(o.Pos(), "item %q cannot be ranked by WSJF: it has no cost_of_delay and no estimate, %s; add both (cost_of_delay in %s, estimate such as \"4-6w\")", it.ID, last, unit)
		case noValue:
			c.diags.Warnf(o.Pos(), "item %q cannot be ranked by WSJF: it has no cost_of_delay, %s; add cost_of_delay (value lost per week of delay, in %s; 0 when its value is only what it unblocks)", it.ID, last, unit)
		case noEstimate:
			c.diags.Warnf(o.Pos(), "item %q cannot be ranked by WSJF: it has no estimate, %s; add an estimate such as \"4-6w\"", it.ID, last)
		case strings.Contains(e.Missing, "too large"):
			c.diags.Warnf(o.Value("cost_of_delay"), "item %q cannot be ranked by WSJF: its cost of delay is too large to score, %s", it.ID, last)
		}
	}
}

// overCommitted: a team committed beyond its plannable capacity in a
// quarter will not deliver it all; name what would have to move.
// Plannable capacity is capacity less the model's buffer, so while the
// buffer is invalid (or the shares do not sum to 100, which may be its
// fault) only teams with work and no capacity at all are named.
func (c *checker) overCommitted(p *plan.Plan) {
	buffer, judged := c.p.Capacity.Buffer, c.p.Capacity.BufferValid()
	for _, tl := range p.Capacity.Teams {
		t := tl.Team
		for _, cell := range tl.Cells {
			if !cell.Over() {
				continue
			}
			committed := plan.Num(plan.Round1(cell.Committed.Mid)) + "w"
			var about []string
			if cell.Committed.High > cell.Committed.Low {
				about = append(about, fmt.Sprintf("midpoint of %s–%sw", plan.Num(plan.Round1(cell.Committed.Low)), plan.Num(plan.Round1(cell.Committed.High))))
			}
			if cell.Slipped.Mid > 0 {
				about = append(about, plan.Weeks(cell.Slipped.Mid)+" of it slipped from earlier quarters")
			}
			if len(about) > 0 {
				committed += " (" + strings.Join(about, "; ") + ")"
			}
			if t.Capacity == 0 {
				if t.Origin.Has("capacity") {
					continue // written, misspelt or invalid: reported where it stands
				}
				c.diags.Warnf(t.Origin.Value("capacity"), "team %q has %s committed in %s but no capacity: add capacity = N (engineer-weeks per quarter), or move the work: %s",
					t.ID, committed, cell.Quarter, deferList(cell.Defer))
				continue
			}
			if !judged {
				continue
			}
			c.diags.Warnf(t.Origin.Value("capacity"), "team %q is over capacity in %s: %s committed against %sw plannable (capacity %sw less the %d%% unplanned buffer); to fit %s, defer: %s",
				t.ID, cell.Quarter, committed, plan.Num(plan.Round1(cell.Plannable)), plan.Num(t.Capacity), buffer, cell.Quarter, deferList(cell.Defer))
		}
	}
}

// techStarved: technical work planned below the model's share breaks
// products quarters later. The rule is judged on every team together, as
// the model is, and names the highest-ranked technical work that could
// come in: never work already under way (planned for now, or slipped from
// an earlier window) nor work already committed by then.
func (c *checker) techStarved(p *plan.Plan) {
	cm := c.p.Capacity
	pos := c.p.Origin.Pos()
	if cm.Declared {
		pos = cm.Origin.Value("tech")
	}
	for _, tot := range p.Capacity.Totals {
		if !tot.TechBelowModel(cm) {
			continue
		}
		share, target, _ := tot.TechShare(cm)
		var pull []*plan.Entry
		for _, e := range p.Ranked {
			if e.Item.Family == model.FamilyTech && !underWay(e.Item, c.p.Now) && !committedBy(p, e, tot.Quarter) && len(pull) < 3 {
				pull = append(pull, e)
			}
		}
		advice := "plan technical work, or lower tech in [capacity] if the model is wrong"
		if len(pull) > 0 {
			advice = "consider pulling in: " + deferList(pull)
		}
		c.diags.Warnf(pos, "technical work is %s%% of the effort committed in %s, below the model's %s%% (tech %d of the %d points not held back for unplanned work): platform health is being starved; %s",
			plan.Num(plan.Round1(share)), tot.Quarter, plan.Num(plan.Round1(target)), cm.Tech, cm.Product+cm.Tech+cm.Innovation, advice)
	}
}

// underWay reports whether an item is already being worked on: planned
// for now, or slipped (its window ended before now and it is not
// shipped). Such an item cannot be pulled in, even when it has no
// estimate and so counts in no quarter.
func underWay(it *model.Item, now model.Quarter) bool {
	return it.Horizon == model.HorizonNow || it.Slipped(now)
}

// committedBy reports whether any of e's effort is committed in a quarter
// from now to q: such work cannot be pulled into q.
func committedBy(p *plan.Plan, e *plan.Entry, q model.Quarter) bool {
	for _, cq := range p.Capacity.Quarters {
		if cq <= q && p.ShareIn(e, cq) > 0 {
			return true
		}
	}
	return false
}

// deferList names entries with their scores: "a (score 1.2), b (unscored)".
func deferList(es []*plan.Entry) string {
	parts := make([]string, len(es))
	for i, e := range es {
		if e.Scored {
			parts[i] = fmt.Sprintf("%s (score %s)", e.Item.ID, plan.Num(e.Score))
		} else {
			parts[i] = e.Item.ID + " (unscored)"
		}
	}
	return strings.Join(parts, ", ")
}
