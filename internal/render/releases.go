package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

type releaseRow struct {
	Item      *ref
	DependsOn []*ref
	Flags     []string
	// Estimate is the range as written, Risk what drives its high end.
	Estimate, Risk string
}

type windowGroup struct {
	// ID anchors the window's table for a grouped bar's link; "" on a
	// page without grouped bars.
	ID    string
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
	ByTeam, ByProduct *figure
	Flags             []flagged
	Windows           []windowGroup
	// Split views only. Lines (the overview) sums up each product line
	// with a link to its page; Line names the product line of its page;
	// Grouped says that the timelines draw one bar per lane and window.
	Lines   []lineRow
	Line    string
	Grouped bool
}

// lineRow is one product line on the overview of a split release plan.
type lineRow struct {
	Title, Href          string
	Planned, Unscheduled int
	Effort               string
	Flags                int
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

// splitReleases says whether the release plan is an overview plus one
// page per product line.
func (v *views) splitReleases() bool { return len(v.p.Ranked) > splitItems }

// planned returns every planned item in rank order.
func (v *views) planned() []*model.Item {
	out := make([]*model.Item, 0, len(v.p.Ranked))
	for _, e := range v.p.Ranked {
		out = append(out, e.Item)
	}
	return out
}

// timelineColumns are the timeline's windows: from the current quarter
// to the last planned window's end, at most maxColumns. Every page of
// the release plan shares them (views.columns), so their timelines line
// up.
func (v *views) timelineColumns() []string {
	now := v.m.Now
	last := now + 3
	for _, e := range v.p.Ranked {
		if it := e.Item; !it.Window.IsZero() && it.Window.End > last {
			last = it.Window.End
		}
	}
	last = min(last, now+maxColumns-1)
	var cols []string
	for q := now; q <= last; q++ {
		cols = append(cols, q.String())
	}
	return cols
}

// scheduled returns the items with a window that are not shipped, by
// window.
func scheduled(items []*model.Item) []*model.Item {
	var out []*model.Item
	for _, it := range items {
		if it.Horizon != model.HorizonShipped && !it.Window.IsZero() {
			out = append(out, it)
		}
	}
	slices.SortStableFunc(out, byWindow)
	return out
}

// timeline lays out lanes for a page at depth d: one bar per item, or,
// when grouped, one bar per lane and window (linking to groupHref of
// the lane and the window's anchor).
func (v *views) timeline(d int, cols []string, groups []laneSource, grouped bool) chart.Timeline {
	t := chart.Timeline{Columns: cols, Current: 0}
	for _, g := range groups {
		items := scheduled(v.byRank(g.items))
		if len(items) == 0 {
			continue
		}
		l := chart.Lane{Title: g.title, Href: g.href}
		if grouped {
			l.Bars = v.groupBars(items, g.href)
		} else {
			for _, it := range items {
				l.Bars = append(l.Bars, v.bar(d, it))
			}
		}
		t.Lanes = append(t.Lanes, l)
	}
	return t
}

// bar is one item on a timeline at depth d.
func (v *views) bar(d int, it *model.Item) chart.Bar {
	now := v.m.Now
	b := chart.Bar{Label: it.Title, Href: href(d, it.ID), Note: it.Window.Text,
		Start: int(it.Window.Start - now), End: int(it.Window.End - now),
		Family: string(it.Family), Confidence: string(it.Confidence), Status: string(it.Status),
		Slipped: it.Slipped(now)}
	for _, f := range v.flags(it) {
		if strings.HasPrefix(f, "conflict") {
			b.Conflict = true
		}
	}
	return b
}

// groupBars draws a lane's items (sorted by window) as one bar per
// window: "38 items · 120–180w". A bar is drawn with the confidence most
// of its items have (ties: the weaker), and says in words how many are
// blocked, at risk, in a sequencing conflict or slipped; the family mix
// and what is not estimated are in the tooltip. It links to the window's
// table on page href ("" for this page).
func (v *views) groupBars(items []*model.Item, href string) []chart.Bar {
	now := v.m.Now
	var out []chart.Bar
	for i := 0; i < len(items); {
		j := i
		for j < len(items) && items[j].Window.Text == items[i].Window.Text {
			j++
		}
		g := items[i:j]
		var lo, hi float64
		var unestimated, blocked, atRisk, conflicts, slipped int
		fams := make([]int, len(model.Families()))
		for _, it := range g {
			if it.Estimate.IsZero() {
				unestimated++
			}
			lo += it.Estimate.Low
			hi += it.Estimate.High
			if k := slices.Index(model.Families(), it.Family); k >= 0 {
				fams[k]++
			}
			switch it.Status {
			case model.StatusBlocked:
				blocked++
			case model.StatusAtRisk:
				atRisk++
			}
			if it.Slipped(now) {
				slipped++
			}
			if slices.ContainsFunc(v.flags(it), func(f string) bool { return strings.HasPrefix(f, "conflict") }) {
				conflicts++
			}
		}
		var detail []string
		for _, c := range []struct {
			n          int
			one, other string
		}{{blocked, "blocked", "blocked"}, {atRisk, "at risk", "at risk"}, {conflicts, "⚠ conflict", "⚠ conflicts"}, {slipped, "slipped", "slipped"}} {
			if c.n > 0 {
				detail = append(detail, fmt.Sprintf("%d %s", c.n, pick(c.n, c.one, c.other)))
			}
		}
		var mix []string
		for k, n := range fams {
			if n > 0 {
				mix = append(mix, fmt.Sprintf("%d %s", n, strings.ToLower(familyTitle(model.Families()[k]))))
			}
		}
		note := g[0].Window.Text + ": " + strings.Join(mix, ", ")
		if unestimated > 0 {
			note += "; " + diag.Plural(unestimated, "item") + " not estimated"
		}
		out = append(out, chart.Bar{Count: len(g), Label: diag.Plural(len(g), "item") + " · " + effortRange(lo, hi),
			Note: note, Detail: strings.Join(detail, " · "), Href: href + "#" + windowAnchor(g[0].Window.Text),
			Start: int(g[0].Window.Start - now), End: int(g[0].Window.End - now),
			Confidence: commonConfidence(g)})
		i = j
	}
	return out
}

// commonConfidence is the confidence most of items have; ties go to the
// weaker.
func commonConfidence(items []*model.Item) string {
	order := []model.Confidence{model.ConfidenceLow, model.ConfidenceMedium, model.ConfidenceHigh}
	i, n := mostCommon(items, order, func(it *model.Item) model.Confidence { return it.Confidence })
	if n == 0 {
		return ""
	}
	return string(order[i])
}

// effortRange writes summed estimates: "120–180w", or "40w".
func effortRange(lo, hi float64) string {
	if plan.Num(lo) == plan.Num(hi) {
		return plan.Weeks(lo)
	}
	return plan.Num(lo) + "–" + plan.Weeks(hi)
}

// windowAnchor is the id of a window's table: "w-2027-h1".
func windowAnchor(text string) string { return "w-" + strings.ToLower(text) }

// teamLanes groups items by team, in the model's team order, then the
// items without a team; href, when set, is each lane's link.
func (v *views) teamLanes(items []*model.Item) []laneSource {
	by := map[*model.Team][]*model.Item{}
	for _, it := range items {
		by[it.Team] = append(by[it.Team], it)
	}
	var out []laneSource
	for _, t := range v.m.Teams {
		if len(by[t]) > 0 {
			out = append(out, laneSource{title: t.Title, items: by[t]})
		}
	}
	return append(out, laneSource{title: "No team", items: by[nil]})
}

func (v *views) releases() (any, error) {
	rv := &releasesView{page: v.newPage("releases/index.html", "releases", "Release plan", "For engineering, marketing and sales",
		"What lands when: target windows from the current quarter on, by team and by product, with dependencies and sequencing conflicts.")}
	planned := v.planned()
	cols := v.columns()
	if !v.splitReleases() {
		var byTeam, byProduct []laneSource
		var noTeam, noProduct []*model.Item
		for _, t := range v.m.Teams {
			byTeam = append(byTeam, laneSource{title: t.Title, items: t.Items})
		}
		for _, p := range v.m.Products {
			byProduct = append(byProduct, laneSource{title: p.Title, items: p.Items})
		}
		for _, it := range v.m.Items {
			if it.Team == nil {
				noTeam = append(noTeam, it)
			}
			if it.Product == nil {
				noProduct = append(noProduct, it)
			}
		}
		byTeam = append(byTeam, laneSource{title: "No team", items: noTeam})
		byProduct = append(byProduct, laneSource{title: "No product", items: noProduct})
		// At most splitItems items: every bar is drawn.
		rv.ByTeam = rv.figure(chart.TimelineChart("timeline-team", "Timeline by team", v.timeline(1, cols, byTeam, false)))
		rv.ByProduct = rv.figure(chart.TimelineChart("timeline-product", "Timeline by product", v.timeline(1, cols, byProduct, false)))
		v.windowTables(rv, 1, planned, false)
		return rv, nil
	}
	// Split: product lines as lanes, one bar per window, each linking to
	// the product line's page; the flags in full; a table of lines.
	lines := v.lines()
	rv.PagesLabel = "Release plan by product line"
	rv.Pages = lineLinks("releases", lines, 1, "")
	rv.Lede = "What lands when, by product line: each bar counts a product line's items in one window with their estimated effort. Each product line's page has its teams' timeline and every item."
	var lanes []laneSource
	for _, pl := range lines {
		lanes = append(lanes, laneSource{title: pl.Title, items: pl.Items, href: pl.Href})
		row := lineRow{Title: pl.Title, Href: pl.Href, Planned: len(pl.Items)}
		var lo, hi float64
		for _, it := range pl.Items {
			if it.Window.IsZero() {
				row.Unscheduled++
			}
			lo += it.Estimate.Low
			hi += it.Estimate.High
			row.Flags += len(v.flags(it))
		}
		row.Effort = effortRange(lo, hi)
		rv.Lines = append(rv.Lines, row)
	}
	rv.Grouped = true
	rv.ByProduct = rv.figure(chart.TimelineChart("timeline-product", "Timeline by product line", v.timeline(1, cols, lanes, true)))
	for _, it := range planned {
		for _, f := range v.flags(it) {
			rv.Flags = append(rv.Flags, flagged{Item: v.ref(1, it), Text: f})
		}
	}
	return rv, nil
}

// releasesLine is the page of one product line of a split release plan:
// its teams' timeline (item by item while it stays small), its flags and
// every planned item by window.
func (v *views) releasesLine(pl productLine) (any, error) {
	path := "releases/" + pl.Href
	rv := &releasesView{page: v.newPage(path, "releases", "Release plan: "+pl.Title, "For engineering, marketing and sales",
		"What lands when in "+pl.Title+": target windows from the current quarter on, by team, with dependencies and sequencing conflicts."),
		Line: pl.Title}
	lines := v.lines()
	rv.PagesLabel = "Release plan by product line"
	rv.Pages = lineLinks("releases", lines, 2, pl.ID)
	rv.Grouped = len(scheduled(pl.Items)) > timelineBars
	rv.ByTeam = rv.figure(chart.TimelineChart("timeline-team", "Timeline of "+pl.Title+" by team", v.timeline(2, v.columns(), v.teamLanes(pl.Items), rv.Grouped)))
	v.windowTables(rv, 2, pl.Items, true)
	return rv, nil
}

// windowTables fills the flags and one table per window as written, in
// time order, then the unscheduled, for items at depth d; anchors gives
// each window's heading an id for grouped bars to link to.
func (v *views) windowTables(rv *releasesView, d int, planned []*model.Item, anchors bool) {
	now := v.m.Now
	groups := map[string]*windowGroup{}
	var order []*model.Item
	var unscheduled []releaseRow
	for _, it := range planned {
		row := releaseRow{Item: v.ref(d, it), DependsOn: v.refsAt(d, it.DependsOn), Flags: v.flags(it), Estimate: it.Estimate.Text, Risk: it.Risk}
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
			if anchors {
				g.ID = windowAnchor(it.Window.Text)
			}
			groups[it.Window.Text] = g
			order = append(order, it)
		}
		g.Rows = append(g.Rows, row)
	}
	slices.SortStableFunc(order, byWindow)
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
}

// byWindow orders items by when their window starts, then ends.
func byWindow(a, b *model.Item) int {
	return cmp.Or(cmp.Compare(a.Window.Start, b.Window.Start), cmp.Compare(a.Window.End, b.Window.End))
}

type laneSource struct {
	title, href string
	items       []*model.Item
}
