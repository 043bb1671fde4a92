// Package plan is the planning stage: it ranks every item, product and
// technical alike, by the one framework the roadmap declares, and measures
// committed effort against team capacity. Every view reads the same ranking,
// so an item ranks the same wherever it appears.
package plan

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/roadmapgen/roadmapgen/internal/model"
)

// Entry is one item's place in the plan.
type Entry struct {
	Item *model.Item
	// Rank is the 1-based position among planned (not shipped) items; 0 for
	// shipped items.
	Rank int
	// Score is the framework's score; meaningful only when Scored.
	Score  float64
	Scored bool
	// Formula shows how the score was computed, such as
	// "cost of delay 40 / effort 5w = 8".
	Formula string
	// Missing says what the framework needed and did not get, for an
	// unscored planned item.
	Missing string
}

// Plan is the ranked plan.
type Plan struct {
	Model *model.Plan
	// Ranked holds every planned item in rank order: scored items by score,
	// highest first, then unscored ones, ties broken by id.
	Ranked []*Entry
	// Shipped holds shipped items by id.
	Shipped []*Entry
	// Capacity is the current quarter's load.
	Capacity Capacity
	byID     map[string]*Entry
}

// Entry returns the entry of the item with the given id.
func (p *Plan) Entry(id string) *Entry { return p.byID[id] }

// Make ranks the items of m and measures capacity.
func Make(m *model.Plan) *Plan {
	p := &Plan{Model: m, byID: make(map[string]*Entry, len(m.Items))}
	for _, it := range m.Items {
		e := &Entry{Item: it}
		p.byID[it.ID] = e
		if it.Horizon == model.HorizonShipped {
			p.Shipped = append(p.Shipped, e)
			continue
		}
		score(m, e)
		p.Ranked = append(p.Ranked, e)
	}
	slices.SortStableFunc(p.Ranked, func(a, b *Entry) int {
		if a.Scored != b.Scored {
			if a.Scored {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.Score, a.Score); a.Scored && c != 0 {
			return c
		}
		return cmp.Compare(a.Item.ID, b.Item.ID)
	})
	for i, e := range p.Ranked {
		e.Rank = i + 1
	}
	p.Capacity = measure(m)
	return p
}

// score fills e's score by the roadmap's framework.
func score(m *model.Plan, e *Entry) {
	it := e.Item
	switch m.Prioritization {
	case model.FrameworkRICE:
		r := it.RICE
		if r == nil || r.Reach == 0 || r.Impact == 0 || r.Confidence == 0 || r.Effort == 0 {
			e.Missing = "RICE needs reach, impact, confidence and effort"
			return
		}
		e.Score = r.Reach * r.Impact * r.Confidence / r.Effort
		if math.IsInf(e.Score, 0) || math.IsNaN(e.Score) {
			e.Score, e.Missing = 0, "RICE inputs too large to score"
			return
		}
		e.Scored = true
		e.Formula = fmt.Sprintf("reach %s × impact %s × confidence %s / effort %s = %s",
			Num(r.Reach), Num(r.Impact), Num(r.Confidence), Num(r.Effort), Num(e.Score))
	default:
		switch {
		case !it.HasCostOfDelay && it.Estimate.IsZero():
			e.Missing = "WSJF needs cost_of_delay and an estimate"
		case !it.HasCostOfDelay:
			e.Missing = "WSJF needs cost_of_delay"
		case it.Estimate.IsZero() || it.Estimate.Mid() == 0:
			e.Missing = "WSJF needs an estimate"
		default:
			e.Score = it.CostOfDelay / it.Estimate.Mid()
			if math.IsInf(e.Score, 0) || math.IsNaN(e.Score) {
				e.Score, e.Missing = 0, "cost_of_delay too large to score"
				return
			}
			e.Scored = true
			e.Formula = fmt.Sprintf("cost of delay %s %s / effort %sw = %s",
				Num(it.CostOfDelay), m.ValueUnit, Num(it.Estimate.Mid()), Num(e.Score))
		}
	}
}

// Num formats a number for people: at most two decimals, no trailing
// zeros.
func Num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// Capacity is committed effort against team capacity in the current
// quarter (the plan's now).
type Capacity struct {
	// Teams are in the roadmap's order.
	Teams []*TeamLoad
	// Total is the sum of the teams' declared capacity, in engineer-weeks.
	Total float64
	// ByFamily is the committed effort (estimate midpoints) per family,
	// indexed like model.Families().
	ByFamily [3]float64
	// Unowned is effort committed to items without a team.
	Unowned float64
}

// TeamLoad is one team's committed effort in the quarter.
type TeamLoad struct {
	Team *model.Team
	// Capacity is the declared capacity; Plannable what is left after the
	// model's unplanned buffer.
	Capacity, Plannable float64
	// Low, Mid and High are committed effort at the estimates' low end,
	// midpoint and high end.
	Low, Mid, High float64
	// ByFamily is committed midpoint effort per family.
	ByFamily [3]float64
	Items    []*model.Item
}

// Over reports whether the midpoint of committed effort exceeds the
// plannable capacity (any committed work is over a capacity of 0).
func (t *TeamLoad) Over() bool { return t.Mid > 0 && t.Mid > t.Plannable }

// familyIndex returns f's index in model.Families().
func familyIndex(f model.Family) int {
	return max(0, slices.Index(model.Families(), f))
}

// share returns the part of an item's effort that falls in quarter q: an
// estimate is spread evenly over its window's quarters; an item planned
// for now without a window counts in the current quarter.
func share(it *model.Item, q, now model.Quarter) float64 {
	if it.Horizon == model.HorizonShipped || it.Estimate.IsZero() {
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

// measure computes the current quarter's capacity.
func measure(m *model.Plan) Capacity {
	var c Capacity
	byTeam := make(map[*model.Team]*TeamLoad, len(m.Teams))
	buffer := float64(m.Capacity.Buffer) / 100
	for _, t := range m.Teams {
		tl := &TeamLoad{Team: t, Capacity: t.Capacity, Plannable: t.Capacity * (1 - buffer)}
		byTeam[t] = tl
		c.Teams = append(c.Teams, tl)
		c.Total += t.Capacity
	}
	for _, it := range m.Items {
		f := share(it, m.Now, m.Now)
		if f == 0 {
			continue
		}
		mid := it.Estimate.Mid() * f
		c.ByFamily[familyIndex(it.Family)] += mid
		tl := byTeam[it.Team]
		if tl == nil {
			c.Unowned += mid
			continue
		}
		tl.Low += it.Estimate.Low * f
		tl.Mid += mid
		tl.High += it.Estimate.High * f
		tl.ByFamily[familyIndex(it.Family)] += mid
		tl.Items = append(tl.Items, it)
	}
	return c
}
