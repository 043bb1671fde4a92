package render

import (
	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

type unblock struct {
	Item    *ref
	Outcome string
	Value   string
}

type techRow struct {
	Item        *ref
	Estimate    string
	Risk        string
	CostOfDelay string
	Outcome     string
	// Unblocks lists every planned item waiting on this one, directly or
	// through others, in rank order; the item's Breakdown shows how their
	// value flows into its own.
	Unblocks []unblock
}

type techView struct {
	page
	Graph *chart.SVG
	Rows  []techRow
}

// value is an item's own cost of delay with the unit, "" when not given.
func (v *views) value(it *model.Item) string {
	if !it.HasCostOfDelay {
		return ""
	}
	return plan.Num(it.CostOfDelay) + " " + v.m.ValueUnit
}

// ownValue is an entry's own value in the roadmap's framework.
func (v *views) ownValue(e *plan.Entry) string {
	if !e.HasOwn {
		return ""
	}
	return v.withUnit(e.Own)
}

func (v *views) technology() (any, error) {
	tv := &techView{page: v.newPage("technology/index.html", "technology", "Technology", "For engineering leadership and the CTO",
		"Platform, infrastructure, tech debt and security work, ranked by the same framework as features, with what each one unblocks in business terms.")}
	nodes := map[*model.Item]bool{}
	for _, e := range v.p.Ranked {
		it := e.Item
		if it.Family != model.FamilyTech {
			continue
		}
		e := v.p.Entry(it.ID)
		row := techRow{Item: v.refs[1][it.ID], Estimate: it.Estimate.Text, Risk: it.Risk, CostOfDelay: v.ownValue(e), Outcome: it.Outcome}
		for _, d := range e.Unblocks {
			row.Unblocks = append(row.Unblocks, unblock{Item: v.refs[1][d.Item.ID], Outcome: d.Item.Outcome, Value: v.ownValue(d)})
		}
		tv.Rows = append(tv.Rows, row)
		nodes[it] = true
		for _, d := range it.Dependents {
			if d.Horizon != model.HorizonShipped {
				nodes[d] = true
			}
		}
		for _, d := range it.DependsOn {
			if d.Horizon != model.HorizonShipped {
				nodes[d] = true
			}
		}
	}
	var gn []chart.Node
	var ge []chart.Edge
	for _, it := range v.m.Items { // sorted by id: deterministic
		if !nodes[it] {
			continue
		}
		note := familyTitle(it.Family)
		if val := v.ownValue(v.p.Entry(it.ID)); val != "" {
			note += " · " + val
		}
		gn = append(gn, chart.Node{ID: it.ID, Label: it.Title, Note: note, Href: v.refs[1][it.ID].Href, Family: string(it.Family), Status: string(it.Status)})
		for _, d := range it.DependsOn {
			if nodes[d] {
				ge = append(ge, chart.Edge{From: d.ID, To: it.ID})
			}
		}
	}
	tv.Graph = chart.Graph("tech-graph", "What technical work unblocks", gn, ge)
	return tv, nil
}
