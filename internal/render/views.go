package render

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// site is what every internal page says about the roadmap.
type site struct {
	Title, Organization string
	Now                 string
	Reviewed            string
	ReviewEvery         string
	NextReview          string
	Overdue             bool
	Framework           string
	ValueUnit           string
}

// link is one entry of the navigation.
type link struct {
	Title, Href string
	Current     bool
}

// page is the frame of an internal page.
type page struct {
	Site *site
	// Root is the relative path from the page to the root ("", "../").
	Root string
	// View names the layout, for the body class.
	View      string
	Title     string
	Audience  string
	Lede      string
	Nav       []link
	Canonical string
}

// ref is an item as every view mentions it: the same title, labels and
// link everywhere.
type ref struct {
	ID, Title, Href      string
	Family, FamilyTitle  string
	Kind                 string
	Horizon, HorizonName string
	Status, StatusTitle  string
	Confidence           string
	Rank                 int
	Score, Formula       string
	Missing              string
	Window, Estimate     string
	Team, Product, Theme string
	MoSCoW               string
	Public               bool
}

// views builds the data of each internal page. It is read-only once made,
// so pages render in parallel.
type views struct {
	r    *Renderer
	p    *plan.Plan
	m    *model.Plan
	site *site
	// refs holds each item's ref per page depth (0: root, 1: a view, 2: an
	// item page), so links are relative.
	refs [3]map[string]*ref
}

func newViews(r *Renderer, p *plan.Plan) *views {
	m := p.Model
	s := &site{
		Title: m.Title, Organization: m.Organization,
		ReviewEvery: string(m.ReviewEvery), Framework: frameworkTitle(m.Prioritization), ValueUnit: m.ValueUnit,
	}
	if m.Now != 0 {
		s.Now = m.Now.String()
	}
	if !m.Reviewed.IsZero() {
		s.Reviewed = m.Reviewed.Format("2006-01-02")
		if n := m.ReviewEvery.Months(); n > 0 {
			next := m.Reviewed.AddDate(0, n, 0)
			s.NextReview = next.Format("2006-01-02")
			s.Overdue = !r.opts.Today.IsZero() && r.opts.Today.After(next)
		}
	}
	v := &views{r: r, p: p, m: m, site: s}
	for d := range v.refs {
		root := strings.Repeat("../", d)
		v.refs[d] = make(map[string]*ref, len(m.Items))
		for _, it := range m.Items {
			v.refs[d][it.ID] = newRef(p.Entry(it.ID), root)
		}
	}
	return v
}

func newRef(e *plan.Entry, root string) *ref {
	it := e.Item
	rf := &ref{
		ID: it.ID, Title: it.Title, Href: root + "items/" + it.ID + "/index.html",
		Family: string(it.Family), FamilyTitle: familyTitle(it.Family), Kind: string(it.Kind),
		Horizon: string(it.Horizon), HorizonName: horizonTitle(it.Horizon),
		Status: string(it.Status), StatusTitle: statusTitle(it.Status),
		Confidence: string(it.Confidence), Rank: e.Rank, Formula: e.Formula, Missing: e.Missing,
		Window: it.Window.Text, Estimate: it.Estimate.Text, MoSCoW: string(it.MoSCoW), Public: it.Public(),
	}
	if e.Scored {
		rf.Score = strconv.FormatFloat(e.Score, 'f', 2, 64) // aligned in the ranked table
	}
	if it.Team != nil {
		rf.Team = it.Team.Title
	}
	if it.Product != nil {
		rf.Product = it.Product.Title
	}
	if it.Theme != nil {
		rf.Theme = it.Theme.Title
	}
	return rf
}

func frameworkTitle(f model.Framework) string {
	if f == model.FrameworkRICE {
		return "RICE (reach × impact × confidence / effort)"
	}
	return "WSJF (cost of delay / effort)"
}

// newPage makes the frame of the page at path (like "executive/index.html").
func (v *views) newPage(path, view, title, audience, lede string) page {
	depth := strings.Count(path, "/")
	root := strings.Repeat("../", depth)
	nav := []link{
		{"Plan", root + "index.html", view == "plan"},
		{"Executive", root + "executive/index.html", view == "executive"},
		{"Release plan", root + "releases/index.html", view == "releases"},
		{"Technology", root + "technology/index.html", view == "technology"},
		{"Portfolio", root + "portfolio/index.html", view == "portfolio"},
	}
	return page{
		Site: v.site, Root: root, View: view, Title: title, Audience: audience, Lede: lede, Nav: nav,
		Canonical: canonical(v.r.opts.BaseURL, path),
	}
}

// refsAt returns the refs of items for a page at depth d.
func (v *views) refsAt(d int, items []*model.Item) []*ref {
	out := make([]*ref, 0, len(items))
	for _, it := range items {
		out = append(out, v.refs[d][it.ID])
	}
	return out
}

// byRank sorts items by the plan's rank: planned items first, by rank, then
// shipped ones by id.
func (v *views) byRank(items []*model.Item) []*model.Item {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b *model.Item) int {
		ra, rb := v.p.Entry(a.ID).Rank, v.p.Entry(b.ID).Rank
		if (ra == 0) != (rb == 0) {
			if ra == 0 {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(ra, rb); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// ---------------------------------------------------------------- plan

type countRow struct {
	Horizon  string
	ByFamily []int
	Total    int
}

type warning struct {
	Pos, Message string
}

type planView struct {
	page
	Families []string
	Counts   []countRow
	Totals   countRow
	Warnings []warning
	Ranked   []*ref
	Shipped  []*ref
	Unscored int
}

func (v *views) plan() (any, error) {
	pv := &planView{page: v.newPage("index.html", "plan", "The plan", "Everyone inside "+orgOr(v.m),
		"Every item, product and technical work together, in one ranked list by "+v.site.Framework+".")}
	fams := model.Families()
	for _, f := range fams {
		pv.Families = append(pv.Families, familyTitle(f))
	}
	pv.Totals = countRow{Horizon: "Total", ByFamily: make([]int, len(fams))}
	for _, h := range []model.Horizon{model.HorizonNow, model.HorizonNext, model.HorizonLater, model.HorizonShipped} {
		row := countRow{Horizon: horizonTitle(h), ByFamily: make([]int, len(fams))}
		for _, it := range v.m.Items {
			if it.Horizon != h {
				continue
			}
			if i := slices.Index(fams, it.Family); i >= 0 {
				row.ByFamily[i]++
				pv.Totals.ByFamily[i]++
			}
			row.Total++
			pv.Totals.Total++
		}
		pv.Counts = append(pv.Counts, row)
	}
	for _, d := range v.r.opts.Warnings {
		pv.Warnings = append(pv.Warnings, warning{Pos: d.Pos.String(), Message: d.Message})
	}
	for _, e := range v.p.Ranked {
		pv.Ranked = append(pv.Ranked, v.refs[0][e.Item.ID])
		if !e.Scored {
			pv.Unscored++
		}
	}
	for _, e := range v.p.Shipped {
		pv.Shipped = append(pv.Shipped, v.refs[0][e.Item.ID])
	}
	return pv, nil
}

func orgOr(m *model.Plan) string {
	if m.Organization != "" {
		return m.Organization
	}
	return "the organization"
}

// ---------------------------------------------------------------- executive

type execTheme struct {
	ID, Title, KPI string
	Description    template.HTML
	Confidence     string
	Horizons       string
	// Status is the most worrying status of the theme's open items, ""
	// when all are on track; StatusTitle names it.
	Status, StatusTitle string
}

type execObjective struct {
	ID, Title  string
	KeyResults []string
	Themes     []execTheme
}

type allocRow struct {
	Label, Family  string
	Planned, Model string
	Note           string
}

type execView struct {
	page
	Objectives []execObjective
	Unaligned  []execTheme
	Board      *chart.SVG
	Allocation *chart.SVG
	Alloc      []allocRow
	Quarter    string
}

// openItems returns a theme's items that are not shipped.
func openItems(items []*model.Item) []*model.Item {
	var out []*model.Item
	for _, it := range items {
		if it.Horizon != model.HorizonShipped {
			out = append(out, it)
		}
	}
	return out
}

// lowestConfidence is the honest confidence of a group: its weakest.
func lowestConfidence(items []*model.Item) string {
	order := []model.Confidence{model.ConfidenceLow, model.ConfidenceMedium, model.ConfidenceHigh}
	best := -1
	for _, it := range items {
		if i := slices.Index(order, it.Confidence); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return string(order[best])
}

// worstStatus is a group's most worrying status, "" when all are on track.
func worstStatus(items []*model.Item) model.Status {
	var s model.Status
	for _, it := range items {
		switch it.Status {
		case model.StatusBlocked:
			return it.Status
		case model.StatusAtRisk:
			s = it.Status
		}
	}
	return s
}

// arrows sets "20% -> 30%" as "20% → 30%", which does not break across
// lines at the hyphen.
func arrows(s string) string { return strings.ReplaceAll(s, "->", "→") }

func (v *views) execTheme(th *model.Theme) (execTheme, error) {
	open := openItems(th.Items)
	desc, err := v.r.md.String(th.Description)
	if err != nil {
		return execTheme{}, err
	}
	var parts []string
	for _, h := range []model.Horizon{model.HorizonNow, model.HorizonNext, model.HorizonLater} {
		n := 0
		for _, it := range open {
			if it.Horizon == h {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", diag.Plural(n, "item"), strings.ToLower(horizonTitle(h))))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no open items")
	}
	status := worstStatus(open)
	return execTheme{ID: th.ID, Title: th.Title, KPI: arrows(th.KPI), Description: desc,
		Confidence: lowestConfidence(open), Horizons: strings.Join(parts, ", "), Status: string(status), StatusTitle: statusTitle(status)}, nil
}

func (v *views) executive() (any, error) {
	ev := &execView{page: v.newPage("executive/index.html", "executive", "Executive summary", "For executives and the board",
		"What we are investing in and why: objectives, the themes that serve them, how sure we are, and where capacity goes."),
		Quarter: v.site.Now}
	for _, o := range v.m.Objectives {
		eo := execObjective{ID: o.ID, Title: o.Title}
		for _, kr := range o.KeyResults {
			eo.KeyResults = append(eo.KeyResults, arrows(kr))
		}
		for _, th := range o.Themes {
			et, err := v.execTheme(th)
			if err != nil {
				return nil, err
			}
			eo.Themes = append(eo.Themes, et)
		}
		ev.Objectives = append(ev.Objectives, eo)
	}
	for _, th := range v.m.Themes {
		if th.Objective == nil {
			et, err := v.execTheme(th)
			if err != nil {
				return nil, err
			}
			ev.Unaligned = append(ev.Unaligned, et)
		}
	}
	ev.Board = chart.Board("exec-board", "Now, Next, Later: themes", v.themeBoard())
	ev.Allocation, ev.Alloc = v.allocation("exec-alloc")
	return ev, nil
}

// themeBoard places each theme in every column where it has open items.
func (v *views) themeBoard() []chart.Column {
	var cols []chart.Column
	for _, h := range []model.Horizon{model.HorizonNow, model.HorizonNext, model.HorizonLater} {
		col := chart.Column{Title: horizonTitle(h)}
		var cards []chart.Card
		for _, th := range v.m.Themes {
			// A theme keeps one colour in every column: the family of most
			// of its open work.
			family := dominantFamily(openItems(th.Items))
			var in []*model.Item
			for _, it := range th.Items {
				if it.Horizon == h {
					in = append(in, it)
				}
			}
			if len(in) == 0 {
				continue
			}
			cards = append(cards, chart.Card{
				Title: th.Title, Note: diag.Plural(len(in), "item"), Href: "#theme-" + th.ID,
				Family: string(family), Confidence: lowestConfidence(in), Status: string(worstStatus(in)),
			})
		}
		if len(cards) > 0 {
			col.Groups = []chart.Group{{Cards: cards}}
		}
		col.Note = diag.Plural(len(cards), "theme")
		cols = append(cols, col)
	}
	return cols
}

// dominantFamily is the family most of items belong to (ties: the
// families' display order).
func dominantFamily(items []*model.Item) model.Family {
	fams := model.Families()
	counts := make([]int, len(fams))
	for _, it := range items {
		if i := slices.Index(fams, it.Family); i >= 0 {
			counts[i]++
		}
	}
	best := 0
	for i, c := range counts {
		if c > counts[best] {
			best = i
		}
	}
	return fams[best]
}

// allocation compares the current quarter's committed effort per bucket
// with the declared model.
func (v *views) allocation(id string) (*chart.SVG, []allocRow) {
	c := v.p.Capacity
	if c.Total == 0 {
		return nil, nil // the templates say that no team declares a capacity
	}
	cm := v.m.Capacity
	var buckets []chart.Bucket
	var rows []allocRow
	planned := 0.0
	for i, f := range model.Families() {
		pct := 0.0
		if c.Total > 0 {
			pct = c.ByFamily[i] / c.Total * 100
		}
		planned += pct
		buckets = append(buckets, chart.Bucket{Label: familyTitle(f), Family: string(f), Planned: round1(pct), Model: float64(cm.Share(f))})
		rows = append(rows, allocRow{Label: familyTitle(f), Family: string(f), Planned: pctText(pct), Model: fmt.Sprintf("%d%%", cm.Share(f)), Note: gapNote(pct, float64(cm.Share(f)))})
	}
	free := max(0, 100-planned)
	buckets = append(buckets, chart.Bucket{Label: "Unplanned buffer", Planned: round1(free), Model: float64(cm.Buffer), Verb: "left free"})
	rows = append(rows, allocRow{Label: "Unplanned buffer (left free)", Planned: pctText(free), Model: fmt.Sprintf("%d%%", cm.Buffer), Note: gapNote(free, float64(cm.Buffer))})
	title := "Capacity allocation in " + v.site.Now + ": planned against the model"
	return chart.Allocation(id, title, buckets), rows
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func pctText(v float64) string { return plan.Num(round1(v)) + "%" }

// gapNote says how far a share is from the model, in the same words and
// with the same threshold as the allocation chart.
func gapNote(planned, model float64) string {
	d := round1(planned) - model
	switch {
	case math.Abs(d) < 0.5:
		return "on model"
	case d > 0:
		return fmt.Sprintf("%s over model", points(d))
	}
	return fmt.Sprintf("%s under model", points(-d))
}

func points(d float64) string {
	if n := plan.Num(round1(d)); n != "1" {
		return n + " points"
	}
	return "1 point"
}
