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

// deferRef is an item that would have to move for a team to fit a
// quarter, with its score ("score 1.2" or "unscored").
type deferRef struct {
	Item  *ref
	Score string
}

// capRow is one team (or every team together) in one quarter.
type capRow struct {
	Team, Product       string
	Capacity, Plannable string
	Committed           string
	// Buckets are committed against the model per family: "12w of 9w".
	Buckets      []string
	State        string
	Over, AtRisk bool
	Defer        []deferRef
}

// capQuarter is the capacity table of one quarter.
type capQuarter struct {
	Quarter string
	Current bool
	Rows    []capRow
	Total   capRow
	// TechShare and TechModel are the technical share of committed work
	// and the model's share, in percent; TechBelow marks starvation.
	TechShare, TechModel string
	TechBelow            bool
	// Judged is false while less than half the quarter's plannable
	// capacity is committed: its mix is not held to the model yet.
	Judged  bool
	Unowned string
}

// capNotes are what the views say about capacity in a few lines: every
// team over capacity with what would have to move, and every quarter
// whose technical work is below the model.
type capNotes struct {
	Over []capOver
	Tech []capQuarter
	// Quarters names the range measured: "2026-Q4 to 2027-Q2".
	Quarters string
}

type capOver struct {
	Quarter, Team, State string
	Defer                []deferRef
}

// capacity returns the capacity tables of every quarter from now on, with
// item links for a page at depth d.
func (v *views) capacity(d int) []capQuarter {
	c := v.p.Capacity
	var out []capQuarter
	for qi, q := range c.Quarters {
		cq := capQuarter{Quarter: q.String(), Current: q == v.m.Now}
		for _, tl := range c.Teams {
			cell := tl.Cells[qi]
			row := capRow{Team: tl.Team.Title, Capacity: plan.Weeks(cell.Capacity), Plannable: plan.Weeks(cell.Plannable),
				Committed: cell.Committed.Range(), State: cell.State(), Over: cell.Over(), AtRisk: cell.AtRisk(), Defer: v.deferRefs(d, cell.Defer)}
			if tl.Team.Product != nil {
				row.Product = tl.Team.Product.Title
			}
			for i := range model.Families() {
				row.Buckets = append(row.Buckets, plan.Weeks(cell.ByFamily[i].Mid)+" of "+plan.Weeks(cell.Model[i]))
			}
			cq.Rows = append(cq.Rows, row)
		}
		tot := c.Totals[qi]
		cq.Total = capRow{Team: "All teams", Capacity: plan.Weeks(tot.Capacity), Plannable: plan.Weeks(tot.Plannable), Committed: tot.Committed.Range()}
		for i, f := range model.Families() {
			cq.Total.Buckets = append(cq.Total.Buckets, plan.Weeks(tot.ByFamily[i].Mid)+" of "+plan.Weeks(tot.Capacity*float64(v.m.Capacity.Share(f))/100))
		}
		if share, target, ok := tot.TechShare(v.m.Capacity); ok {
			cq.TechShare, cq.TechModel = pctText(share), pctText(target)
			cq.TechBelow = tot.TechBelowModel(v.m.Capacity)
			cq.Judged = tot.Judged()
		}
		if tot.Unowned.Mid > 0 {
			cq.Unowned = plan.Weeks(tot.Unowned.Mid)
		}
		out = append(out, cq)
	}
	return out
}

// notes summarises capacity for the views that show it in a few lines.
func (v *views) notes(d int) capNotes {
	var n capNotes
	qs := v.p.Capacity.Quarters
	if len(qs) > 0 {
		n.Quarters = qs[0].String()
		if len(qs) > 1 {
			n.Quarters += " to " + qs[len(qs)-1].String()
		}
	}
	for _, cq := range v.capacity(d) {
		for _, r := range cq.Rows {
			if r.Over {
				n.Over = append(n.Over, capOver{Quarter: cq.Quarter, Team: r.Team, State: r.State, Defer: r.Defer})
			}
		}
		if cq.TechBelow {
			n.Tech = append(n.Tech, cq)
		}
	}
	return n
}

func (v *views) deferRefs(d int, es []*plan.Entry) []deferRef {
	var out []deferRef
	for _, e := range es {
		score := "unscored"
		if e.Scored {
			score = "score " + plan.Num(e.Score)
		}
		out = append(out, deferRef{Item: v.ref(d, e.Item), Score: score})
	}
	return out
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
	Quarters   []capQuarter
	Notes      capNotes
	Quarter    string
	Buffer     int
	Model      string
	// Unscheduled is planned effort with no window yet.
	Unscheduled string
}

func (v *views) portfolio() (any, error) {
	cm := v.m.Capacity
	pv := &portfolioView{page: v.newPage("portfolio/index.html", "portfolio", "Portfolio", "For product leadership",
		"Every product line together: which objectives each one serves, where effort goes against the allocation model, and which teams are over or under capacity in each quarter."),
		Quarter: v.site.Now, Buffer: cm.Buffer,
		Model: fmt.Sprintf("product %d%%, tech %d%%, innovation %d%%", cm.Product, cm.Tech, cm.Innovation)}
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
	for _, p := range v.m.Products {
		var by [3]float64
		total := 0.0
		for _, it := range p.Items {
			i := slices.Index(model.Families(), it.Family)
			if it.Horizon == model.HorizonShipped || it.Estimate.IsZero() || i < 0 {
				continue
			}
			by[i] += it.Estimate.Mid()
			total += it.Estimate.Mid()
		}
		row := effortRow{Product: p.Title, Total: plan.Num(total) + "w"}
		for _, x := range by {
			row.ByFamily = append(row.ByFamily, plan.Num(x)+"w")
		}
		pv.Effort = append(pv.Effort, row)
	}
	pv.Quarters = v.capacity(1)
	pv.Notes = v.notes(1)
	if u := v.p.Capacity.Unscheduled; u > 0 {
		pv.Unscheduled = plan.Weeks(u)
	}
	c := v.p.Capacity
	var loads []chart.TeamLoad
	for _, tl := range c.Teams {
		if len(tl.Cells) == 0 {
			break
		}
		cell := tl.Cells[0]
		loads = append(loads, chart.TeamLoad{Label: tl.Team.Title, Capacity: round1(cell.Plannable),
			Low: round1(cell.Committed.Low), Mid: round1(cell.Committed.Mid), High: round1(cell.Committed.High)})
	}
	pv.Teams = chart.TeamCapacity("portfolio-teams", "Team capacity in "+v.site.Now+": committed effort against plannable capacity", "engineer-weeks", loads)
	return pv, nil
}

func weeks(v float64) string { return plan.Weeks(v) }
