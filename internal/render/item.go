package render

import (
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

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
	// Capacity says in which quarters the item's effort counts and, where
	// its team is over capacity, that it is among what would move.
	Capacity []string
}

func (v *views) item(it *model.Item) (any, error) {
	e := v.p.Entry(it.ID)
	iv := &itemView{page: v.newPage(itemPath(it.ID), "item", it.Title, "Item", ""),
		Item: v.ref(1, it), DependsOn: v.refsAt(1, it.DependsOn), Dependents: v.refsAt(1, it.Dependents),
		Flags: v.flags(it), Source: it.Rel}
	iv.Body = it.Body.HTML // converted safely at load (internal/markdown)
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
	if it.Horizon == model.HorizonShipped {
		add(v.site.ValueName, "none: shipped work carries no cost of delay")
	}
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
	iv.Capacity = v.itemCapacity(e)
	add("Visibility", string(it.Visibility))
	if it.Public() {
		iv.PublicTitle = it.PublicTitle
		if iv.PublicTitle == "" {
			iv.PublicTitle = it.Title
		}
		var err error
		if iv.PublicSummary, err = v.r.md.String(it.PublicSummary); err != nil {
			return nil, err
		}
	}
	return iv, nil
}

// itemCapacity says where an item's effort counts: "2026-Q4: 12w of
// Scheduling's 32.4w plannable; the team is over by 4w and this item is
// among the lowest-ranked that would move".
func (v *views) itemCapacity(e *plan.Entry) []string {
	var out []string
	c := v.p.Capacity
	for _, q := range c.Quarters {
		f := v.p.ShareIn(e, q)
		if f == 0 {
			continue
		}
		it := e.Item
		l := plan.Load{Low: it.Estimate.Low * f, Mid: it.Estimate.Mid() * f, High: it.Estimate.High * f}
		line := q.String() + ": " + l.Range()
		cell := c.Cell(it.Team, q)
		if cell == nil {
			out = append(out, line+", on no team")
			continue
		}
		line += fmt.Sprintf(" of %s's %s plannable", it.Team.Title, plan.Weeks(cell.Plannable))
		if cell.Over() {
			line += "; the team is " + cell.State()
			if slices.Contains(cell.Defer, e) {
				line += ", and this item is among the lowest-ranked that would have to move to fit"
			}
		}
		out = append(out, line)
	}
	return out
}
