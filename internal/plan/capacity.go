package plan

import (
	"math"
	"slices"

	"github.com/roadmapgen/roadmapgen/internal/model"
)

// MaxQuarters bounds how far capacity looks ahead: two years of quarters
// from now. Work planned further out is not a commitment anyone can hold
// a team to.
const MaxQuarters = 8

// Load is committed effort in engineer-weeks at the estimates' low end
// (the best case), midpoint and high end (the worst case).
type Load struct {
	Low, Mid, High float64
}

func (l *Load) add(o Load) {
	l.Low += o.Low
	l.Mid += o.Mid
	l.High += o.High
}

// Share is the part of one item's effort that falls in one quarter.
type Share struct {
	Entry *Entry
	Load  Load
	// Slipped marks the effort of a slipped item (its window ended before
	// now and it is not shipped), counted in the current quarter.
	Slipped bool
}

// Cell is one team's committed effort in one quarter.
type Cell struct {
	Team    *model.Team
	Quarter model.Quarter
	// Capacity is the team's declared capacity; Plannable what is left
	// after the model's unplanned buffer is held back.
	Capacity, Plannable float64
	Committed           Load
	// Slipped is the part of Committed carried from windows that ended
	// before now: work not shipped that still needs the team. It is only
	// ever in the current quarter.
	Slipped Load
	// ByFamily is committed effort per bucket, indexed like
	// model.Families(); Model is what the declared model gives each bucket
	// of the team's capacity, in engineer-weeks.
	ByFamily [3]Load
	Model    [3]float64
	// Items are the shares that make up Committed, in rank order.
	Items []Share
	// Defer names the lowest-ranked items that would have to move out of
	// the quarter for the midpoint to fit the plannable capacity, lowest
	// first; empty when it fits.
	Defer []*Entry
}

// Over reports whether the midpoint of committed effort exceeds the
// plannable capacity (any committed work is over a capacity of 0).
func (c *Cell) Over() bool { return c.Committed.Mid > 0 && above(c.Committed.Mid, c.Plannable) }

// above reports whether a exceeds b by more than floating-point noise:
// effort spread over a window's quarters is summed in thirds and halves.
func above(a, b float64) bool { return a-b > 1e-9 }

// AtRisk reports whether the midpoint fits but the worst case does not.
func (c *Cell) AtRisk() bool { return !c.Over() && above(c.Committed.High, c.Plannable) }

// TeamLoad is one team's cells, one per quarter of Capacity.Quarters.
type TeamLoad struct {
	Team  *model.Team
	Cells []*Cell
}

// Total is every team together in one quarter.
type Total struct {
	Quarter             model.Quarter
	Capacity, Plannable float64
	// Committed and ByFamily include effort on items without a team;
	// Unowned is that effort alone.
	Committed Load
	ByFamily  [3]Load
	Unowned   Load
	// Slipped is the part of Committed carried from windows that ended
	// before now (owned or not); only ever in the current quarter.
	Slipped Load
	// Over lists the cells of teams over capacity in the quarter, in the
	// roadmap's team order.
	Over []*Cell
}

// TechShare returns the technical share of committed work (midpoints) and
// the model's target for it (TechTarget), both in percent. ok is false
// when nothing is committed or the model gives no target.
func (t *Total) TechShare(cm model.CapacityModel) (share, target float64, ok bool) {
	target, ok = TechTarget(cm)
	if t.Committed.Mid <= 0 || !ok {
		return 0, 0, false
	}
	return t.ByFamily[familyIndex(model.FamilyTech)].Mid / t.Committed.Mid * 100, target, true
}

// TechTarget returns the share the model gives technical work of
// plannable capacity (tech / (product + tech + innovation)), in percent.
// ok is false when the model plans no work at all or is invalid (reported
// by check): a broken model is no target.
func TechTarget(cm model.CapacityModel) (target float64, ok bool) {
	planned := cm.Product + cm.Tech + cm.Innovation
	if planned <= 0 || !cm.Valid() {
		return 0, false
	}
	return float64(cm.Tech) / float64(planned) * 100, true
}

// TechBelowModel reports whether technical work is at least half a point
// below the model's share of the committed work: the slow starvation of
// platform health. The shares are compared rounded to one decimal, as the
// views print them. A quarter with less than half its plannable capacity
// committed is not judged: the mix of a thinly planned quarter says
// little yet.
func (t *Total) TechBelowModel(cm model.CapacityModel) bool {
	share, target, ok := t.TechShare(cm)
	// In whole tenths: 2.3 - 0.5 in floating point is just under 1.8.
	return ok && t.Judged() && tenths(share) <= tenths(target)-5
}

// Judged reports whether at least half the quarter's plannable capacity
// is committed, so that its mix of work can be held to the model (never
// when no team declares a capacity).
func (t *Total) Judged() bool {
	return t.Plannable > 0 && t.Committed.Mid > 0 && t.Committed.Mid >= t.Plannable/2
}

// Capacity is committed effort against team capacity in every quarter
// from now on. Work that slipped (its window ended before now, not
// shipped) counts in the current quarter, the first one measured; Cell
// and Total say how much of their commitment it is.
type Capacity struct {
	// Quarters run from the plan's now to the end of the last window of
	// planned work, at most MaxQuarters; empty when now is not set.
	Quarters []model.Quarter
	// Teams are in the roadmap's order.
	Teams []*TeamLoad
	// Totals has one entry per quarter.
	Totals []*Total
	// Unscheduled is the midpoint effort of planned items that have an
	// estimate but no window and are not planned for now: they count in
	// no quarter yet.
	Unscheduled float64
}

// Cell returns team's cell in quarter q, or nil.
func (c *Capacity) Cell(team *model.Team, q model.Quarter) *Cell {
	i := slices.Index(c.Quarters, q)
	if i < 0 {
		return nil
	}
	for _, tl := range c.Teams {
		if tl.Team == team {
			return tl.Cells[i]
		}
	}
	return nil
}

// familyIndex returns f's index in model.Families(), or -1 for an
// invalid kind (reported by check), which counts in no bucket.
func familyIndex(f model.Family) int { return slices.Index(model.Families(), f) }

// share returns the part of an item's effort that falls in quarter q: an
// estimate is spread evenly over its window's quarters; an item planned
// for now without a window counts in the current quarter, and so does a
// slipped item (its window ended before now and it is not shipped), all
// of it: its work is not done, still needs people, and now is the
// earliest quarter it can be done in.
func share(it *model.Item, q, now model.Quarter) float64 {
	if it.Horizon == model.HorizonShipped || it.Estimate.IsZero() {
		return 0
	}
	if it.Slipped(now) {
		if q == now {
			return 1
		}
		return 0
	}
	if it.Window.IsZero() {
		if it.Horizon == model.HorizonNow && q == now {
			return 1
		}
		return 0
	}
	if !it.Window.Contains(q) {
		return 0
	}
	return 1 / float64(it.Window.End-it.Window.Start+1)
}

// ShareIn returns the part of e's effort committed in quarter q, from 0
// to 1. A slipped item's whole effort is committed in the current quarter.
func (p *Plan) ShareIn(e *Entry, q model.Quarter) float64 { return share(e.Item, q, p.Model.Now) }

// quarters returns the quarters capacity is measured in.
func quarters(p *Plan) []model.Quarter {
	now := p.Model.Now
	if now == 0 {
		return nil
	}
	last := now
	for _, e := range p.Ranked {
		if w := e.Item.Window; !w.IsZero() && !e.Item.Estimate.IsZero() && w.End > last {
			last = w.End
		}
	}
	last = min(last, now+MaxQuarters-1)
	var out []model.Quarter
	for q := now; q <= last; q++ {
		out = append(out, q)
	}
	return out
}

// measure computes every team's load in every quarter, in rank order.
func measure(p *Plan) Capacity {
	m := p.Model
	c := Capacity{Quarters: quarters(p)}
	buffer := float64(m.Capacity.Buffer) / 100
	index := make(map[*model.Team]int, len(m.Teams))
	for i, t := range m.Teams {
		index[t] = i
		tl := &TeamLoad{Team: t}
		for _, q := range c.Quarters {
			cell := &Cell{Team: t, Quarter: q, Capacity: t.Capacity, Plannable: t.Capacity * (1 - buffer)}
			for f, fam := range model.Families() {
				cell.Model[f] = t.Capacity * float64(m.Capacity.Share(fam)) / 100
			}
			tl.Cells = append(tl.Cells, cell)
		}
		c.Teams = append(c.Teams, tl)
	}
	for qi, q := range c.Quarters {
		tot := &Total{Quarter: q}
		for _, t := range m.Teams {
			tot.Capacity += t.Capacity
		}
		tot.Plannable = tot.Capacity * (1 - buffer)
		c.Totals = append(c.Totals, tot)
		for _, e := range p.Ranked {
			it := e.Item
			f := share(it, q, m.Now)
			if f == 0 {
				continue
			}
			l := Load{it.Estimate.Low * f, it.Estimate.Mid() * f, it.Estimate.High * f}
			slipped := it.Slipped(m.Now)
			fi := familyIndex(it.Family)
			tot.Committed.add(l)
			if slipped {
				tot.Slipped.add(l)
			}
			if fi >= 0 {
				tot.ByFamily[fi].add(l)
			}
			ti, ok := index[it.Team]
			if !ok {
				tot.Unowned.add(l)
				continue
			}
			cell := c.Teams[ti].Cells[qi]
			cell.Committed.add(l)
			if slipped {
				cell.Slipped.add(l)
			}
			if fi >= 0 {
				cell.ByFamily[fi].add(l)
			}
			cell.Items = append(cell.Items, Share{Entry: e, Load: l, Slipped: slipped})
		}
		for _, tl := range c.Teams {
			cell := tl.Cells[qi]
			cell.Defer = toDefer(cell)
			if cell.Over() {
				tot.Over = append(tot.Over, cell)
			}
		}
	}
	for _, e := range p.Ranked {
		it := e.Item
		if it.Window.IsZero() && it.Horizon != model.HorizonNow && !it.Estimate.IsZero() {
			c.Unscheduled += it.Estimate.Mid()
		}
	}
	return c
}

// toDefer picks, from the lowest rank up, the items whose share must leave
// the quarter for the midpoint to fit the plannable capacity.
func toDefer(c *Cell) []*Entry {
	if !c.Over() {
		return nil
	}
	var out []*Entry
	mid := c.Committed.Mid
	for i := len(c.Items) - 1; i >= 0 && above(mid, c.Plannable); i-- {
		out = append(out, c.Items[i].Entry)
		mid -= c.Items[i].Load.Mid
	}
	return out
}

// Round1 rounds to one decimal, as capacity figures are shown.
func Round1(v float64) float64 { return math.Round(v*10) / 10 }

// tenths is v rounded to one decimal, counted in tenths.
func tenths(v float64) int { return int(math.Round(v * 10)) }

// State says in words how a cell's commitment compares with its plannable
// capacity: "over by 4.5w", "room for 3w", "room for 3w at the midpoint;
// the worst case is over by 2w". When slipped work is part of the
// commitment it says how much: "over by 4.5w; committed includes 8w
// slipped from earlier quarters". Every view and the plan command use it.
func (c *Cell) State() string {
	s := c.state()
	if c.Slipped.Mid > 0 {
		s += "; committed includes " + Weeks(c.Slipped.Mid) + " slipped from earlier quarters"
	}
	return s
}

func (c *Cell) state() string {
	switch {
	case c.Capacity == 0 && c.Committed.Mid == 0:
		return "no capacity declared"
	case c.Capacity == 0:
		return Weeks(c.Committed.Mid) + " committed but no capacity declared"
	case c.Over():
		return "over by " + Weeks(c.Committed.Mid-c.Plannable)
	case c.AtRisk():
		return "room for " + Weeks(c.Plannable-c.Committed.Mid) + " at the midpoint; the worst case is over by " + Weeks(c.Committed.High-c.Plannable)
	}
	return "room for " + Weeks(c.Plannable-c.Committed.Mid)
}

// Weeks formats engineer-weeks to one decimal: "4.5w".
func Weeks(v float64) string { return Num(Round1(v)) + "w" }

// Range formats a load as "25–38w (mid 31.5w)", or "12w" when the range
// is one figure.
func (l Load) Range() string {
	lo, hi := Round1(l.Low), Round1(l.High)
	if lo == hi {
		return Weeks(l.Mid)
	}
	return Num(lo) + "–" + Num(hi) + "w (mid " + Weeks(l.Mid) + ")"
}
