// Package public is the customer-facing plan: a separate type that holds
// only the allow-listed public fields, made by one function from the ranked
// plan. The public page and its roadmap.json are rendered from this type
// alone, so an internal field cannot reach them by mistake: it is not here.
//
// What may be here (see the README, "What reaches the public page"): the
// [public] section; of items marked visibility = "public", public_title
// (else title), public_summary and the horizon column; of their themes,
// public_title and public_summary. Nothing else: no id, body, team, product,
// window, estimate, outcome, value, status, dependency or date.
package public

import (
	"cmp"
	"slices"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// Plan is the public page's content.
type Plan struct {
	Title string
	// Intro is Markdown.
	Intro       string
	FeedbackURL string
	// Columns are Now, Next and Later, in that order.
	Columns []Column
	// Shipped holds recently shipped public work, grouped by theme.
	Shipped []Theme
}

// Column is one horizon of the public board.
type Column struct {
	// Horizon is "now", "next" or "later": a column, never a date.
	Horizon string
	Title   string
	Themes  []Theme
}

// Theme is a public theme and its public items in one column. A theme
// without a public title has Title "" and groups items whose theme is not
// public.
type Theme struct {
	Title string
	// Summary is Markdown.
	Summary string
	Items   []Item
}

// Item is a public item.
type Item struct {
	Title string
	// Summary is Markdown.
	Summary string
}

// DefaultTitle titles the public page when [public] has no title.
const DefaultTitle = "What we are working on"

// From makes the public plan from the ranked plan. Themes appear in the
// roadmap's order, with items whose theme has no public title last; items
// within a theme by public title, so that the order reveals nothing of the
// internal ranking.
func From(p *plan.Plan) *Plan {
	m := p.Model
	out := &Plan{Title: m.Public.Title, Intro: m.Public.Intro, FeedbackURL: m.Public.FeedbackURL}
	if out.Title == "" {
		out.Title = DefaultTitle
	}
	columns := []struct {
		h     model.Horizon
		title string
	}{{model.HorizonNow, "Now"}, {model.HorizonNext, "Next"}, {model.HorizonLater, "Later"}}
	for _, c := range columns {
		var items []*model.Item
		for _, e := range p.Ranked {
			if e.Item.Public() && e.Item.Horizon == c.h {
				items = append(items, e.Item)
			}
		}
		out.Columns = append(out.Columns, Column{Horizon: string(c.h), Title: c.title, Themes: group(m, items)})
	}
	var shipped []*model.Item
	for _, e := range p.Shipped {
		if e.Item.Public() {
			shipped = append(shipped, e.Item)
		}
	}
	out.Shipped = group(m, shipped)
	return out
}

// group sorts items into their public themes.
func group(m *model.Plan, items []*model.Item) []Theme {
	byTheme := map[*model.Theme][]Item{}
	var loose []Item
	for _, it := range items {
		pi := Item{Title: it.PublicTitle, Summary: it.PublicSummary}
		if pi.Title == "" {
			pi.Title = it.Title
		}
		if it.Theme == nil || it.Theme.PublicTitle == "" {
			loose = append(loose, pi)
			continue
		}
		byTheme[it.Theme] = append(byTheme[it.Theme], pi)
	}
	byTitle := func(list []Item) []Item {
		slices.SortStableFunc(list, func(a, b Item) int {
			return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.Summary, b.Summary))
		})
		return list
	}
	var out []Theme
	for _, th := range m.Themes {
		if list := byTheme[th]; len(list) > 0 {
			out = append(out, Theme{Title: th.PublicTitle, Summary: th.PublicSummary, Items: byTitle(list)})
		}
	}
	if len(loose) > 0 {
		out = append(out, Theme{Items: byTitle(loose)})
	}
	return out
}
