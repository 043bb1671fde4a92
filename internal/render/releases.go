package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
)

type releaseRow struct {
	Item      *ref
	DependsOn []*ref
	Flags     []string
	// Estimate is the range as written, Risk what drives its high end.
	Estimate, Risk string
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
	flags := make(map[*model.Item][]string, len(planned))
	for _, it := range planned {
		flags[it] = v.flags(it)
	}
	bar := func(it *model.Item) chart.Bar {
		rf := v.refs[1][it.ID]
		fl := flags[it]
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
		slices.SortStableFunc(out, byWindow)
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
		row := releaseRow{Item: v.refs[1][it.ID], DependsOn: v.refsAt(1, it.DependsOn), Flags: flags[it], Estimate: it.Estimate.Text, Risk: it.Risk}
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
	return rv, nil
}

// byWindow orders items by when their window starts, then ends.
func byWindow(a, b *model.Item) int {
	return cmp.Or(cmp.Compare(a.Window.Start, b.Window.Start), cmp.Compare(a.Window.End, b.Window.End))
}

type laneSource struct {
	title string
	items []*model.Item
}
