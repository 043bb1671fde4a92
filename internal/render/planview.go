package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/model"
)

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
	// MoreWarnings counts the warnings past maxWarnings that the page
	// leaves to check; AllWarnings is the total then.
	MoreWarnings, AllWarnings string
	Ranked                    []*ref
	Shipped                   []*ref
	Unscored                  int
	// Notes summarise capacity from the current quarter on.
	Notes capNotes
	// First is true on index.html, which alone holds the summary (counts,
	// warnings, capacity, shipped work); further pages list ranks only.
	First bool
	// Span says which ranks a page of a paginated list holds ("Ranks
	// 251–500 of 9,022"); "" when one page holds them all.
	Span string
}

// maxWarnings bounds the warnings the plan view lists (check's order:
// by file and line), so that a large roadmap's first page stays short.
const maxWarnings = 100

// rankPages is the number of pages the ranked list takes.
func (v *views) rankPages() int {
	return max(1, (len(v.p.Ranked)+rankPageSize-1)/rankPageSize)
}

// rankLinksAt links every page of the ranked list from a page at depth
// d, none marked current; views.rankLinks makes it once per depth, for
// every page of the list links them all.
func (v *views) rankLinksAt(d int) []link {
	root := rootAt(d)
	n := v.rankPages()
	out := make([]link, 0, n)
	for i := 1; i <= n; i++ {
		a, b := (i-1)*rankPageSize+1, min(i*rankPageSize, len(v.p.Ranked))
		out = append(out, link{fmt.Sprintf("Ranks %d–%d", a, b), root + rankPath(i), false})
	}
	return out
}

// rankPath is the path of page k of the ranked list.
func rankPath(k int) string {
	if k == 1 {
		return "index.html"
	}
	return "ranks/" + strconv.Itoa(k) + "/index.html"
}

func (v *views) plan() (any, error) { return v.planPage(1) }

// planPage is page k of the plan view: the first holds the summary and
// the first rankPageSize ranks, each further one the next ranks.
func (v *views) planPage(k int) (any, error) {
	path := rankPath(k)
	d := strings.Count(path, "/")
	title := "The plan"
	if k > 1 {
		title = fmt.Sprintf("The plan, page %d", k)
	}
	pv := &planView{page: v.newPage(path, "plan", title, "Everyone inside "+orgOr(v.m),
		"Every item, product and technical work together, in one ranked list by "+v.site.Framework+"."), First: k == 1}
	lo, hi := (k-1)*rankPageSize, min(k*rankPageSize, len(v.p.Ranked))
	if v.rankPages() > 1 {
		pv.PagesLabel = "Pages of the ranked plan"
		pv.Pages = slices.Clone(v.rankLinks[d]())
		pv.Pages[k-1].Current = true
		pv.Span = fmt.Sprintf("Ranks %d–%d of %s.", lo+1, hi, thousands(len(v.p.Ranked)))
	}
	pv.Unscored = v.unscored()
	for _, e := range v.p.Ranked[lo:hi] {
		pv.Ranked = append(pv.Ranked, v.ref(d, e.Item))
	}
	if k > 1 {
		return pv, nil
	}
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
	ws := v.warnings()
	if len(ws) > maxWarnings {
		pv.MoreWarnings, pv.AllWarnings = thousands(len(ws)-maxWarnings), thousands(len(ws))
		ws = ws[:maxWarnings]
	}
	for _, d := range ws {
		pv.Warnings = append(pv.Warnings, warning{Pos: d.Pos.String(), Message: d.Message})
	}
	pv.Notes = v.notes(0)
	for _, e := range v.p.Shipped {
		pv.Shipped = append(pv.Shipped, v.ref(0, e.Item))
	}
	return pv, nil
}

func orgOr(m *model.Plan) string {
	if m.Organization != "" {
		return m.Organization
	}
	return "the organization"
}

// thousands writes n with thousands separators: "9,022".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
