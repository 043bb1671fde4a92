package render

import (
	"slices"

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
	Item          *ref
	Estimate      string
	Risk          string
	CostOfDelay   string
	Outcome       string
	Unblocks      []unblock
	UnblocksValue string
}

type techView struct {
	page
	Graph *chart.SVG
	Rows  []techRow
}

// unblocked returns every planned item that depends on it, directly or
// through others, each once, in rank order. Shipped work no longer waits.
func (v *views) unblocked(it *model.Item) []*model.Item {
	seen := map[*model.Item]bool{it: true}
	var out []*model.Item
	queue := slices.Clone(it.Dependents)
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		if seen[d] {
			continue
		}
		seen[d] = true
		if d.Horizon != model.HorizonShipped {
			out = append(out, d)
		}
		queue = append(queue, d.Dependents...)
	}
	return v.byRank(out)
}

func (v *views) value(it *model.Item) string {
	if !it.HasCostOfDelay {
		return ""
	}
	return plan.Num(it.CostOfDelay) + " " + v.m.ValueUnit
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
		row := techRow{Item: v.refs[1][it.ID], Estimate: it.Estimate.Text, Risk: it.Risk, CostOfDelay: v.value(it), Outcome: it.Outcome}
		total := 0.0
		for _, d := range v.unblocked(it) {
			row.Unblocks = append(row.Unblocks, unblock{Item: v.refs[1][d.ID], Outcome: d.Outcome, Value: v.value(d)})
			total += d.CostOfDelay
		}
		if total > 0 {
			row.UnblocksValue = plan.Num(total) + " " + v.m.ValueUnit
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
		if it.HasCostOfDelay {
			note += " · " + v.value(it)
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
