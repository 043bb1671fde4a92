package render

import (
	"fmt"
	"slices"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/diag"
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
	// TechShare is the technical share of committed work and TechModel
	// the share the model gives technical work of plannable capacity, in
	// percent ("" when plan.Total.TechShare gives none: nothing committed,
	// or no target); TechBelow marks starvation.
	TechShare, TechModel string
	TechBelow            bool
	// TechWork and CommittedWork are the figures behind TechShare, at the
	// midpoint ("44.5w", "160.5w"); TechGap is how far TechShare is from
	// TechModel ("0.1 points under").
	TechWork, CommittedWork, TechGap string
	// Judged is false while less than half the quarter's plannable
	// capacity is committed: its mix is not held to the model yet.
	Judged  bool
	Unowned string
}

// capNotes are what the views say about capacity in a few lines: every
// team over capacity with what would have to move, and how the technical
// share of each quarter's committed work compares with the model. They
// judge the mix of committed work, not shares of all capacity as the
// allocation chart does, so every judgement states its measure and its
// figures: a reader can then tell why tech can meet the model here and
// still be under its share of all capacity in the chart.
type capNotes struct {
	Over []capOver
	// Tech are the quarters whose technical work is below the model (the
	// quarters check warns about); Meets the other judged quarters.
	Tech, Meets []capQuarter
	// TechModel is the model's technical share of plannable capacity
	// ("27.8%"; "" when the model gives no target) and TechBasis where it
	// comes from ("tech 25 of the 90 points not held back for unplanned
	// work").
	TechModel, TechBasis string
	// Unjudged says which quarters are not held to the model, and why;
	// "" when every quarter is.
	Unjudged string
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
		cq.Judged = tot.Judged()
		if share, target, ok := tot.TechShare(v.m.Capacity); ok {
			cq.TechShare, cq.TechModel = pctText(share), pctText(target)
			cq.TechBelow = tot.TechBelowModel(v.m.Capacity)
			tech := slices.Index(model.Families(), model.FamilyTech)
			cq.TechWork, cq.CommittedWork = plan.Weeks(tot.ByFamily[tech].Mid), plan.Weeks(tot.Committed.Mid)
			cq.TechGap = techGap(share, target, cq.TechBelow)
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
	cm := v.m.Capacity
	n.TechBasis = fmt.Sprintf("tech %d of the %d points not held back for unplanned work", cm.Tech, cm.Product+cm.Tech+cm.Innovation)
	// Asked of plan, so that the notes hold quarters to the model exactly
	// when check does.
	_, target := plan.TechTarget(cm)
	var unjudged []string
	declared := false
	for qi, cq := range v.capacity(d) {
		for _, r := range cq.Rows {
			if r.Over {
				n.Over = append(n.Over, capOver{Quarter: cq.Quarter, Team: r.Team, State: r.State, Defer: r.Defer})
			}
		}
		tot := v.p.Capacity.Totals[qi]
		declared = declared || tot.Capacity > 0
		if cq.TechModel != "" {
			n.TechModel = cq.TechModel // the same in every quarter
		}
		switch {
		case cq.TechBelow:
			n.Tech = append(n.Tech, cq)
		case cq.TechShare != "" && cq.Judged:
			n.Meets = append(n.Meets, cq)
		case target:
			unjudged = append(unjudged, cq.Quarter)
		}
	}
	n.Unjudged = unjudgedNote(unjudged, declared)
	return n
}

// techGap says how far the technical share of committed work is from the
// model's share, from the shares as the views print them: "2.5 points
// under", or, when the quarter is not below the model (below is
// TechBelowModel, so the words agree with check), "0.1 points under,
// within the half-point tolerance", "exactly the model's share" or
// "3 points over".
func techGap(share, target float64, below bool) string {
	d := round1(round1(share) - round1(target))
	switch {
	case below:
		return points(-d) + " under"
	case d < 0:
		return points(-d) + " under, within the half-point tolerance"
	case d == 0:
		return "exactly the model's share"
	}
	return points(d) + " over"
}

// unjudgedNote says which quarters' mix of work is not held to the
// model and why: "2027-Q1 and 2027-Q2 are not judged yet: less than half
// of their plannable capacity is committed."; "" for none. declared is
// whether any team declares a capacity.
func unjudgedNote(qs []string, declared bool) string {
	switch {
	case len(qs) == 0:
		return ""
	case !declared:
		return "Technical work is not judged against the model: no team declares a capacity."
	case len(qs) == 1:
		return qs[0] + " is not judged yet: less than half of its plannable capacity is committed."
	}
	return diag.JoinAnd(qs) + " are not judged yet: less than half of their plannable capacity is committed."
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
	Allocation *figure
	Alloc      []allocRow
	Effort     []effortRow
	Teams      *figure
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
	var alloc *chart.SVG
	alloc, pv.Alloc = v.allocation("portfolio-alloc")
	pv.Allocation = pv.figure(alloc)
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
	pv.Teams = pv.figure(chart.TeamCapacity("portfolio-teams", "Team capacity in "+v.site.Now+": committed effort against plannable capacity", "engineer-weeks", loads))
	return pv, nil
}

func weeks(v float64) string { return plan.Weeks(v) }
