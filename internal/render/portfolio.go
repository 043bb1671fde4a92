package render

import (
	"fmt"
	"slices"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

type coverageCell struct {
	Count int
	Gap   bool
}

type coverageRow struct {
	Objective string
	Cells     []coverageCell
	Total     int
}

type effortRow struct {
	Product  string
	ByFamily []string
	Total    string
}

type teamRow struct {
	Title, Product      string
	Capacity, Plannable string
	Committed           string
	State               string
	Over                bool
}

type portfolioView struct {
	page
	Products   []string
	Coverage   []coverageRow
	Families   []string
	Allocation *chart.SVG
	Alloc      []allocRow
	Effort     []effortRow
	Teams      *chart.SVG
	TeamRows   []teamRow
	Unowned    string
	Quarter    string
	Buffer     int
}

func (v *views) portfolio() (any, error) {
	pv := &portfolioView{page: v.newPage("portfolio/index.html", "portfolio", "Portfolio", "For product leadership",
		"Every product line together: which objectives each one serves, where effort goes against the allocation model, and which teams are over or under capacity."),
		Quarter: v.site.Now, Buffer: v.m.Capacity.Buffer}
	for _, p := range v.m.Products {
		pv.Products = append(pv.Products, p.Title)
	}
	for _, f := range model.Families() {
		pv.Families = append(pv.Families, familyTitle(f))
	}
	for _, o := range v.m.Objectives {
		row := coverageRow{Objective: o.Title, Cells: make([]coverageCell, len(v.m.Products))}
		for _, th := range o.Themes {
			for _, it := range openItems(th.Items) {
				if i := slices.Index(v.m.Products, it.Product); i >= 0 {
					row.Cells[i].Count++
				}
				row.Total++
			}
		}
		for i := range row.Cells {
			row.Cells[i].Gap = row.Cells[i].Count == 0
		}
		pv.Coverage = append(pv.Coverage, row)
	}
	pv.Allocation, pv.Alloc = v.allocation("portfolio-alloc")
	c := v.p.Capacity
	for _, p := range v.m.Products {
		var by [3]float64
		total := 0.0
		for _, it := range p.Items {
			if it.Horizon == model.HorizonShipped || it.Estimate.IsZero() {
				continue
			}
			by[slices.Index(model.Families(), it.Family)] += it.Estimate.Mid()
			total += it.Estimate.Mid()
		}
		row := effortRow{Product: p.Title, Total: plan.Num(total) + "w"}
		for _, x := range by {
			row.ByFamily = append(row.ByFamily, plan.Num(x)+"w")
		}
		pv.Effort = append(pv.Effort, row)
	}
	var loads []chart.TeamLoad
	for _, tl := range c.Teams {
		t := tl.Team
		row := teamRow{Title: t.Title, Capacity: weeks(tl.Capacity), Plannable: weeks(tl.Plannable),
			Committed: fmt.Sprintf("%s–%s (mid %s)", weeks(tl.Low), weeks(tl.High), weeks(tl.Mid)),
			Over:      tl.Over()}
		if t.Product != nil {
			row.Product = t.Product.Title
		}
		switch {
		case tl.Capacity == 0 && tl.Mid == 0:
			row.State = "no capacity declared"
		case tl.Capacity == 0:
			row.State = weeks(tl.Mid) + " committed but no capacity declared"
		case tl.Over():
			row.State = "over by " + weeks(tl.Mid-tl.Plannable)
		default:
			row.State = "room for " + weeks(tl.Plannable-tl.Mid)
		}
		pv.TeamRows = append(pv.TeamRows, row)
		loads = append(loads, chart.TeamLoad{Label: t.Title, Capacity: round1(tl.Plannable), Low: round1(tl.Low), Mid: round1(tl.Mid), High: round1(tl.High)})
	}
	if c.Unowned > 0 {
		pv.Unowned = weeks(c.Unowned)
	}
	pv.Teams = chart.TeamCapacity("portfolio-teams", "Team capacity in "+v.site.Now+": committed effort against plannable capacity", "engineer-weeks", loads)
	return pv, nil
}

func weeks(v float64) string { return plan.Num(round1(v)) + "w" }
