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

type execTheme struct {
	ID, Title, KPI string
	Description    template.HTML
	// Horizons are the horizons the theme has open work in, Now first;
	// empty when it has none.
	Horizons []execHorizon
	// Status is the most worrying status of the theme's open items, ""
	// when all are on track; StatusTitle names it.
	Status, StatusTitle string
}

// execHorizon is a theme's open work in one horizon: "3 items now
// (medium confidence)". Confidence is stated per horizon, never as one
// figure for the theme: later work is rightly less certain, and its low
// confidence must not hide how sure the work in hand is.
type execHorizon struct {
	// Count is "3 items" for the first horizon listed, "3" after it.
	Count, Horizon string
	// Confidence is the weakest of the horizon's items ("" when none
	// says); ConfidenceLabel is "medium confidence" for the first one
	// stated, "medium" after it.
	Confidence, ConfidenceLabel string
}

type execObjective struct {
	ID, Title  string
	KeyResults []string
	Themes     []execTheme
	// More counts the themes left out to keep the brief on two pages.
	More int
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
	// UnalignedMore counts the unaligned themes left out.
	UnalignedMore int
	// Trimmed says that the brief shows, per objective and per board
	// column, only the themes with the most value.
	Trimmed    bool
	Board      *figure
	Allocation *figure
	Alloc      []allocRow
	Quarter    string
	// Notes name teams over capacity, what would have to move, and
	// quarters whose technical work is below the model.
	Notes capNotes
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
	status := worstStatus(open)
	return execTheme{ID: th.ID, Title: th.Title, KPI: arrows(th.KPI), Description: desc,
		Horizons: execHorizons(open), Status: string(status), StatusTitle: statusTitle(status)}, nil
}

// execHorizons groups open items by horizon, Now first, each group with
// its weakest confidence: the same grouping and confidence as the
// theme's cards on the Now / Next / Later board.
func execHorizons(open []*model.Item) []execHorizon {
	var out []execHorizon
	named := false // whether a label has said "confidence" yet
	for _, h := range []model.Horizon{model.HorizonNow, model.HorizonNext, model.HorizonLater} {
		var in []*model.Item
		for _, it := range open {
			if it.Horizon == h {
				in = append(in, it)
			}
		}
		if len(in) == 0 {
			continue
		}
		eh := execHorizon{Count: strconv.Itoa(len(in)), Horizon: strings.ToLower(horizonTitle(h)), Confidence: lowestConfidence(in)}
		if len(out) == 0 {
			eh.Count = diag.Plural(len(in), "item")
		}
		eh.ConfidenceLabel = eh.Confidence
		if eh.Confidence != "" && !named {
			eh.ConfidenceLabel += " confidence"
			named = true
		}
		out = append(out, eh)
	}
	return out
}

func (v *views) executive() (any, error) {
	ev := &execView{page: v.newPage("executive/index.html", "executive", "Executive summary", "For executives and the board",
		"What we are investing in and why: objectives, the themes that serve them, how sure we are, and where capacity goes."),
		Quarter: v.site.Now}
	// Past execThemes themes the brief would not fit two pages: each
	// objective keeps the themes with the most value, an equal share.
	keep := len(v.m.Themes)
	if keep > execThemes {
		ev.Trimmed = true
		groups := 0
		for _, o := range v.m.Objectives {
			if len(o.Themes) > 0 {
				groups++
			}
		}
		for _, th := range v.m.Themes {
			if th.Objective == nil {
				groups++
				break
			}
		}
		keep = max(1, execThemes/max(1, groups))
	}
	// listed holds the themes the objectives list shows, so that a board
	// card of another theme links to its objective instead.
	listed := map[*model.Theme]bool{}
	themes := func(list []*model.Theme) ([]execTheme, int, error) {
		shown := list
		if len(list) > keep {
			shown = v.byValue(list)[:keep]
		}
		var out []execTheme
		for _, th := range shown {
			listed[th] = true
			et, err := v.execTheme(th)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, et)
		}
		return out, len(list) - len(shown), nil
	}
	for _, o := range v.m.Objectives {
		eo := execObjective{ID: o.ID, Title: o.Title}
		for _, kr := range o.KeyResults {
			eo.KeyResults = append(eo.KeyResults, arrows(kr))
		}
		var err error
		if eo.Themes, eo.More, err = themes(o.Themes); err != nil {
			return nil, err
		}
		ev.Objectives = append(ev.Objectives, eo)
	}
	var unaligned []*model.Theme
	for _, th := range v.m.Themes {
		if th.Objective == nil {
			unaligned = append(unaligned, th)
		}
	}
	var err error
	if ev.Unaligned, ev.UnalignedMore, err = themes(unaligned); err != nil {
		return nil, err
	}
	ev.Board = ev.figure(chart.Board("exec-board", "Now, Next, Later: themes", v.themeBoard(listed)))
	var alloc *chart.SVG
	alloc, ev.Alloc = v.allocation("exec-alloc")
	ev.Allocation = ev.figure(alloc)
	ev.Notes = v.notes(1)
	return ev, nil
}

// themeValue is the value of a theme's open items in the given
// horizons (all when none): the sum of their own values, so that work
// waiting on other work is not counted twice.
func (v *views) themeValue(th *model.Theme, hs ...model.Horizon) float64 {
	sum := 0.0
	for _, it := range openItems(th.Items) {
		if len(hs) == 0 || slices.Contains(hs, it.Horizon) {
			sum += v.p.Entry(it.ID).Own
		}
	}
	return sum
}

// byValue orders themes by the value of their open items, highest
// first; ties by id.
func (v *views) byValue(list []*model.Theme, hs ...model.Horizon) []*model.Theme {
	out := slices.Clone(list)
	val := make(map[*model.Theme]float64, len(out))
	for _, th := range out {
		val[th] = v.themeValue(th, hs...)
	}
	slices.SortStableFunc(out, func(a, b *model.Theme) int {
		return cmp.Or(cmp.Compare(val[b], val[a]), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// themeBoard places each theme in every column where it has open items.
// A card links to the theme in the objectives list, or, for a theme the
// list leaves out, to its objective.
func (v *views) themeBoard(listed map[*model.Theme]bool) []chart.Column {
	var cols []chart.Column
	for _, h := range []model.Horizon{model.HorizonNow, model.HorizonNext, model.HorizonLater} {
		col := chart.Column{Title: horizonTitle(h)}
		var cards []chart.Card
		themes := v.m.Themes
		// A column of more than execThemes cards would not fit the page:
		// it shows the themes with the most value in this horizon, then
		// one card that counts the rest.
		n := 0
		for _, th := range themes {
			if slices.ContainsFunc(th.Items, func(it *model.Item) bool { return it.Horizon == h }) {
				n++
			}
		}
		if n > execThemes {
			themes = v.byValue(themes, h)
		}
		rest, restItems := 0, 0
		for _, th := range themes {
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
			if n > execThemes && len(cards) >= execThemes-1 {
				rest++
				restItems += len(in)
				continue
			}
			href := "#theme-" + th.ID
			switch {
			case listed[th]:
			case th.Objective != nil:
				href = "#objective-" + th.Objective.ID
			default:
				href = "#objectives"
			}
			cards = append(cards, chart.Card{
				Title: th.Title, Note: diag.Plural(len(in), "item"), Href: href,
				Family: string(family), Confidence: lowestConfidence(in), Status: string(worstStatus(in)),
			})
		}
		if rest > 0 {
			cards = append(cards, chart.Card{Title: fmt.Sprintf("and %s more %s", thousands(rest), pick(rest, "theme", "themes")),
				Note: diag.Plural(restItems, "item"), Href: "#objectives"})
		}
		if len(cards) > 0 {
			col.Groups = []chart.Group{{Cards: cards}}
		}
		col.Note = diag.Plural(n, "theme")
		cols = append(cols, col)
	}
	return cols
}

// dominantFamily is the family most of items belong to (ties: the
// families' display order).
func dominantFamily(items []*model.Item) model.Family {
	fams := model.Families()
	i, _ := mostCommon(items, fams, func(it *model.Item) model.Family { return it.Family })
	return fams[i]
}

// mostCommon returns the index in order of the value key gives most of
// items, and how many have it; ties go to the earlier in order, and when
// no item has a value in order, to index 0 with a count of 0.
func mostCommon[T comparable](items []*model.Item, order []T, key func(*model.Item) T) (int, int) {
	counts := make([]int, len(order))
	for _, it := range items {
		if i := slices.Index(order, key(it)); i >= 0 {
			counts[i]++
		}
	}
	best := 0
	for i, c := range counts {
		if c > counts[best] {
			best = i
		}
	}
	return best, counts[best]
}

// allocation compares the current quarter's committed effort per bucket
// with the declared model.
func (v *views) allocation(id string) (*chart.SVG, []allocRow) {
	if len(v.p.Capacity.Totals) == 0 || v.p.Capacity.Totals[0].Capacity == 0 {
		return nil, nil // the templates say that no team declares a capacity
	}
	c := v.p.Capacity.Totals[0]
	cm := v.m.Capacity
	var buckets []chart.Bucket
	var rows []allocRow
	planned := 0.0
	for i, f := range model.Families() {
		pct := c.ByFamily[i].Mid / c.Capacity * 100
		planned += pct
		buckets = append(buckets, chart.Bucket{Label: familyTitle(f), Family: string(f), Planned: round1(pct), Model: float64(cm.Share(f))})
		rows = append(rows, allocRow{Label: familyTitle(f), Family: string(f), Planned: pctText(pct), Model: fmt.Sprintf("%d%%", cm.Share(f)), Note: gapNote(pct, float64(cm.Share(f)))})
	}
	free := max(0, 100-planned)
	buckets = append(buckets, chart.Bucket{Label: "Unplanned buffer", Planned: round1(free), Model: float64(cm.Buffer), Verb: "left free"})
	rows = append(rows, allocRow{Label: "Unplanned buffer (left free)", Planned: pctText(free), Model: fmt.Sprintf("%d%%", cm.Buffer), Note: gapNote(free, float64(cm.Buffer))})
	title := "Capacity allocation in " + v.site.Now + ": each bucket's share of all capacity, planned against the model"
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
