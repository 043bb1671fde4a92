package render

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// ---------------------------------------------------------------- releases

type releaseRow struct {
	Item      *ref
	DependsOn []*ref
	Flags     []string
}

type windowGroup struct {
	Title string
	Note  string
	Rows  []releaseRow
}

type flagged struct {
	Item *ref
	Text string
}

type releasesView struct {
	page
	ByTeam, ByProduct *chart.SVG
	Flags             []flagged
	Windows           []windowGroup
}

// maxColumns bounds the timeline: windows further out are drawn clipped.
const maxColumns = 8

// flags returns what is wrong with an item's sequencing, in words.
func (v *views) flags(it *model.Item) []string {
	var out []string
	if it.Slipped(v.m.Now) {
		out = append(out, fmt.Sprintf("slipped: window %s ended before %s", it.Window.Text, v.m.Now))
	}
	for _, dep := range it.DependsOn {
		switch it.Conflict(dep) {
		case "horizon":
			out = append(out, fmt.Sprintf("conflict: depends on %s, planned for %s", dep.Title, dep.Horizon))
		case "window":
			out = append(out, fmt.Sprintf("conflict: depends on %s, planned for %s, which ends later", dep.Title, dep.Window.Text))
		}
	}
	return out
}

func (v *views) releases() (any, error) {
	rv := &releasesView{page: v.newPage("releases/index.html", "releases", "Release plan", "For engineering, marketing and sales",
		"What lands when: target windows from the current quarter on, by team and by product, with dependencies and sequencing conflicts.")}
	var planned []*model.Item
	for _, e := range v.p.Ranked {
		planned = append(planned, e.Item)
	}
	// Columns run from the current quarter to the last window's end.
	now := v.m.Now
	last := now + 3
	for _, it := range planned {
		if !it.Window.IsZero() && it.Window.End > last {
			last = it.Window.End
		}
	}
	last = min(last, now+maxColumns-1)
	var cols []string
	for q := now; q <= last; q++ {
		cols = append(cols, q.String())
	}
	bar := func(it *model.Item) chart.Bar {
		rf := v.refs[1][it.ID]
		fl := v.flags(it)
		b := chart.Bar{Label: it.Title, Href: rf.Href, Note: it.Window.Text,
			Start: int(it.Window.Start - now), End: int(it.Window.End - now),
			Family: string(it.Family), Confidence: string(it.Confidence), Status: string(it.Status),
			Slipped: it.Slipped(now)}
		for _, f := range fl {
			if strings.HasPrefix(f, "conflict") {
				b.Conflict = true
			}
		}
		return b
	}
	scheduled := func(items []*model.Item) []*model.Item {
		var out []*model.Item
		for _, it := range items {
			if it.Horizon != model.HorizonShipped && !it.Window.IsZero() {
				out = append(out, it)
			}
		}
		slices.SortStableFunc(out, func(a, b *model.Item) int {
			if c := cmp.Compare(a.Window.Start, b.Window.Start); c != 0 {
				return c
			}
			return cmp.Compare(a.Window.End, b.Window.End)
		})
		return out
	}
	lanes := func(groups []laneSource) chart.Timeline {
		t := chart.Timeline{Columns: cols, Current: 0}
		for _, g := range groups {
			items := scheduled(v.byRank(g.items))
			if len(items) == 0 {
				continue
			}
			l := chart.Lane{Title: g.title}
			for _, it := range items {
				l.Bars = append(l.Bars, bar(it))
			}
			t.Lanes = append(t.Lanes, l)
		}
		return t
	}
	var byTeam, byProduct []laneSource
	var noTeam, noProduct []*model.Item
	for _, t := range v.m.Teams {
		byTeam = append(byTeam, laneSource{t.Title, t.Items})
	}
	for _, p := range v.m.Products {
		byProduct = append(byProduct, laneSource{p.Title, p.Items})
	}
	for _, it := range v.m.Items {
		if it.Team == nil {
			noTeam = append(noTeam, it)
		}
		if it.Product == nil {
			noProduct = append(noProduct, it)
		}
	}
	byTeam = append(byTeam, laneSource{"No team", noTeam})
	byProduct = append(byProduct, laneSource{"No product", noProduct})
	rv.ByTeam = chart.TimelineChart("timeline-team", "Timeline by team", lanes(byTeam))
	rv.ByProduct = chart.TimelineChart("timeline-product", "Timeline by product", lanes(byProduct))

	// Tables: one group per window as written, in time order, then the
	// unscheduled.
	groups := map[string]*windowGroup{}
	var order []*model.Item
	var unscheduled []releaseRow
	for _, it := range planned {
		row := releaseRow{Item: v.refs[1][it.ID], DependsOn: v.refsAt(1, it.DependsOn), Flags: v.flags(it)}
		for _, f := range row.Flags {
			rv.Flags = append(rv.Flags, flagged{Item: row.Item, Text: f})
		}
		if it.Window.IsZero() {
			unscheduled = append(unscheduled, row)
			continue
		}
		g := groups[it.Window.Text]
		if g == nil {
			g = &windowGroup{Title: it.Window.Text}
			groups[it.Window.Text] = g
			order = append(order, it)
		}
		g.Rows = append(g.Rows, row)
	}
	slices.SortStableFunc(order, func(a, b *model.Item) int {
		if c := cmp.Compare(a.Window.Start, b.Window.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.Window.End, b.Window.End)
	})
	for _, it := range order {
		g := groups[it.Window.Text]
		g.Note = diag.Plural(len(g.Rows), "item")
		if it.Window.Contains(now) {
			g.Note += ", includes the current quarter"
		}
		rv.Windows = append(rv.Windows, *g)
	}
	if len(unscheduled) > 0 {
		rv.Windows = append(rv.Windows, windowGroup{Title: "Not scheduled yet", Note: diag.Plural(len(unscheduled), "item") + " without a window", Rows: unscheduled})
	}
	return rv, nil
}

type laneSource struct {
	title string
	items []*model.Item
}

// ---------------------------------------------------------------- technology

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

// unblocked returns every item that depends on it, directly or through
// others, each once, in rank order.
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
		out = append(out, d)
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
			if d.Horizon != model.HorizonShipped {
				total += d.CostOfDelay
			}
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

// ---------------------------------------------------------------- portfolio

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
	Items               []*ref
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
			Over:      tl.Over(), Items: v.refsAt(1, v.byRank(tl.Items))}
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

// ---------------------------------------------------------------- item

type field struct {
	Name, Value string
}

type itemView struct {
	page
	Item          *ref
	Fields        []field
	Body          template.HTML
	DependsOn     []*ref
	Dependents    []*ref
	Flags         []string
	PublicTitle   string
	PublicSummary template.HTML
	Objective     string
	Source        string
}

func (v *views) item(it *model.Item) (any, error) {
	e := v.p.Entry(it.ID)
	iv := &itemView{page: v.newPage("items/"+it.ID+"/index.html", "item", it.Title, "Item", ""),
		Item: v.refs[2][it.ID], DependsOn: v.refsAt(2, it.DependsOn), Dependents: v.refsAt(2, it.Dependents),
		Flags: v.flags(it), Source: it.Rel}
	body, err := v.r.md.Render(it.Body.Src, it.Body.Doc)
	if err != nil {
		return nil, err
	}
	iv.Body = body
	add := func(name, value string) {
		if value != "" {
			iv.Fields = append(iv.Fields, field{name, value})
		}
	}
	add("Id", it.ID)
	add("Kind", fmt.Sprintf("%s (%s work)", it.Kind, strings.ToLower(familyTitle(it.Family))))
	if it.Theme != nil {
		add("Theme", it.Theme.Title)
		if it.Theme.Objective != nil {
			add("Objective", it.Theme.Objective.Title)
		}
	}
	if it.Product != nil {
		add("Product", it.Product.Title)
	}
	if it.Team != nil {
		add("Team", it.Team.Title)
	}
	add("Horizon", horizonTitle(it.Horizon))
	add("Status", statusTitle(it.Status))
	conf := string(it.Confidence)
	if conf != "" && !it.ConfidenceSet {
		conf += " (the horizon's default)"
	}
	add("Confidence", conf)
	add("Window", it.Window.Text)
	add("Estimate", it.Estimate.Text)
	add("Risk", it.Risk)
	add("Outcome", it.Outcome)
	add("Cost of delay", v.value(it))
	add("MoSCoW", string(it.MoSCoW))
	if r := it.RICE; r != nil {
		add("RICE", fmt.Sprintf("reach %s, impact %s, confidence %s, effort %s", plan.Num(r.Reach), plan.Num(r.Impact), plan.Num(r.Confidence), plan.Num(r.Effort)))
	}
	switch {
	case e.Rank > 0 && e.Scored:
		add("Priority", fmt.Sprintf("rank %d of %d: %s", e.Rank, len(v.p.Ranked), e.Formula))
	case e.Rank > 0:
		add("Priority", fmt.Sprintf("rank %d of %d, unscored: %s", e.Rank, len(v.p.Ranked), e.Missing))
	default:
		add("Priority", "shipped: no longer ranked")
	}
	add("Visibility", string(it.Visibility))
	if it.Public() {
		iv.PublicTitle = it.PublicTitle
		if iv.PublicTitle == "" {
			iv.PublicTitle = it.Title
		}
		if iv.PublicSummary, err = v.r.md.String(it.PublicSummary); err != nil {
			return nil, err
		}
	}
	return iv, nil
}
