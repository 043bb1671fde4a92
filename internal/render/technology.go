package render

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/diag"
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
	Graph *figure
	// GraphNote says, in words, what a bounded graph leaves out; "" when
	// it draws every technical item and its links.
	GraphNote string
	Rows      []techRow
	// Split views only: Lines sums up each product line's technical work
	// with a link to its page (the overview); More counts the technical
	// items the overview does not describe; Line names a line's page.
	Lines []techLine
	More  int
	Line  string
}

// techLine is one product line on the overview of a split technology
// view.
type techLine struct {
	Title, Href string
	Items       int
	Top         *ref
	Effort      string
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

// splitTech says whether the technology view is an overview plus one
// page per product line.
func (v *views) splitTech() bool {
	n := 0
	for _, e := range v.p.Ranked {
		if isTech(e.Item) {
			n++
		}
	}
	return n > splitItems
}

// techRow describes one technical item for a page at depth d.
func (v *views) techRow(d int, it *model.Item) techRow {
	e := v.p.Entry(it.ID)
	row := techRow{Item: v.ref(d, it), Estimate: it.Estimate.Text, Risk: it.Risk, CostOfDelay: v.ownValue(e), Outcome: it.Outcome}
	for _, u := range e.Unblocks {
		row.Unblocks = append(row.Unblocks, unblock{Item: v.ref(d, u.Item), Outcome: u.Item.Outcome, Value: v.ownValue(u)})
	}
	return row
}

// techGraph draws the highest-ranked graphTech of tech (technical items
// in rank order) and the planned items directly linked to them, those
// of higher rank first, up to graphNodes boxes; note says what is left
// out ("" when nothing is).
func (v *views) techGraph(d int, tech []*model.Item) (g *chart.SVG, note string) {
	core := tech[:min(len(tech), graphTech)]
	nodes := make(map[*model.Item]bool, graphNodes)
	for _, it := range core {
		nodes[it] = true
	}
	var linked []*model.Item
	seen := map[*model.Item]bool{}
	for _, it := range core {
		for _, l := range [][]*model.Item{it.Dependents, it.DependsOn} {
			for _, n := range l {
				if n.Horizon != model.HorizonShipped && !nodes[n] && !seen[n] {
					seen[n] = true
					linked = append(linked, n)
				}
			}
		}
	}
	linked = v.byRank(linked)
	drawn := linked[:min(len(linked), graphNodes-len(core))]
	for _, it := range drawn {
		nodes[it] = true
	}
	// In the model's order (by id), so the same plan draws the same
	// graph: the nodes sorted by their place in it, not the 10,000 items
	// walked for each of the product lines' graphs.
	order := slices.Collect(maps.Keys(nodes))
	slices.SortFunc(order, func(a, b *model.Item) int { return cmp.Compare(v.p.Entry(a.ID).Num(), v.p.Entry(b.ID).Num()) })
	gn := make([]chart.Node, 0, len(order))
	var ge []chart.Edge
	for _, it := range order {
		label := familyTitle(it.Family)
		if val := v.ownValue(v.p.Entry(it.ID)); val != "" {
			label += " · " + val
		}
		gn = append(gn, chart.Node{ID: it.ID, Label: it.Title, Note: label, Href: href(d, it.ID), Family: string(it.Family), Status: string(it.Status)})
		for _, dep := range it.DependsOn {
			if nodes[dep] {
				ge = append(ge, chart.Edge{From: dep.ID, To: it.ID})
			}
		}
	}
	if more, notLinked := len(tech)-len(core), len(linked)-len(drawn); more > 0 || notLinked > 0 {
		note = fmt.Sprintf("The graph draws the %s highest-ranked technical items of %s and %s directly linked to them.",
			thousands(len(core)), thousands(len(tech)), diag.Plural(len(drawn), "item"))
		if more > 0 {
			note += fmt.Sprintf(" %s more technical %s not drawn", thousands(more), pick(more, "item is", "items are"))
			if notLinked > 0 {
				note += fmt.Sprintf(", nor %s more linked to the drawn ones", diag.Plural(notLinked, "item"))
			}
			note += "; each item's page names what it depends on and unblocks."
		} else {
			note += fmt.Sprintf(" %s more linked to them %s not drawn; each item's page names what it depends on and unblocks.", diag.Plural(notLinked, "item"), pick(notLinked, "is", "are"))
		}
	}
	return chart.Graph("tech-graph", "What technical work unblocks", gn, ge), note
}

func pick(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

func (v *views) technology() (any, error) {
	tv := &techView{page: v.newPage("technology/index.html", "technology", "Technology", "For engineering leadership and the CTO",
		"Platform, infrastructure, tech debt and security work, ranked by the same framework as features, with what each one unblocks in business terms.")}
	var tech []*model.Item
	for _, e := range v.p.Ranked {
		if isTech(e.Item) {
			tech = append(tech, e.Item)
		}
	}
	var graph *chart.SVG
	graph, tv.GraphNote = v.techGraph(1, tech)
	tv.Graph = tv.figure(graph)
	if !v.splitTech() {
		for _, it := range tech {
			tv.Rows = append(tv.Rows, v.techRow(1, it))
		}
		return tv, nil
	}
	// Split: the top techTop items in full, then a table of product
	// lines, each with a page of its technical work.
	for _, it := range tech[:techTop] {
		tv.Rows = append(tv.Rows, v.techRow(1, it))
	}
	tv.More = len(tech) - techTop
	lines := v.techLines()
	tv.PagesLabel = "Technical work by product line"
	tv.Pages = lineLinks("technology", lines, 1, "")
	for _, pl := range lines {
		var lo, hi float64
		for _, it := range pl.Items {
			lo += it.Estimate.Low
			hi += it.Estimate.High
		}
		tv.Lines = append(tv.Lines, techLine{Title: pl.Title, Href: pl.Href, Items: len(pl.Items), Top: v.ref(1, pl.Items[0]), Effort: effortRange(lo, hi)})
	}
	return tv, nil
}

// technologyLine is the page of one product line's technical work in a
// split technology view: its graph and every item in rank order.
func (v *views) technologyLine(pl productLine) (any, error) {
	tv := &techView{page: v.newPage("technology/"+pl.Href, "technology", "Technology: "+pl.Title, "For engineering leadership and the CTO",
		"Platform, infrastructure, tech debt and security work in "+pl.Title+", ranked by the same framework as features, with what each one unblocks in business terms."),
		Line: pl.Title}
	tv.PagesLabel = "Technical work by product line"
	tv.Pages = lineLinks("technology", v.techLines(), 2, pl.ID)
	var graph *chart.SVG
	graph, tv.GraphNote = v.techGraph(2, pl.Items)
	tv.Graph = tv.figure(graph)
	for _, it := range pl.Items {
		tv.Rows = append(tv.Rows, v.techRow(2, it))
	}
	return tv, nil
}
