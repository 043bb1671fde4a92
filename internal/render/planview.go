package render

import (
	"slices"

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
	Ranked   []*ref
	Shipped  []*ref
	Unscored int
	// Notes summarise capacity from the current quarter on.
	Notes capNotes
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
	pv.Notes = v.notes(0)
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
