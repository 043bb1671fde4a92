package render

import (
	"html/template"
	"slices"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
	"github.com/roadmapgen/roadmapgen/internal/public"
)

// publicView is the public page's data. It is made from public.Plan alone,
// so the public template has no path to an internal field.
type publicView struct {
	Title       string
	Intro       template.HTML
	FeedbackURL string
	Canonical   string
	Board       *chart.SVG
	Columns     []publicColumn
	Shipped     []publicTheme
}

type publicColumn struct {
	Horizon, Title string
	Themes         []publicTheme
}

type publicTheme struct {
	Title   string
	Summary template.HTML
	Items   []publicItem
}

type publicItem struct {
	Title   string
	Summary template.HTML
}

func publicThemes(md *markdown.Converter, list []public.Theme) ([]publicTheme, error) {
	var out []publicTheme
	for _, th := range list {
		summary, err := md.String(th.Summary)
		if err != nil {
			return nil, err
		}
		pt := publicTheme{Title: th.Title, Summary: summary}
		for _, it := range th.Items {
			s, err := md.String(it.Summary)
			if err != nil {
				return nil, err
			}
			pt.Items = append(pt.Items, publicItem{Title: it.Title, Summary: s})
		}
		out = append(out, pt)
	}
	return out, nil
}

// untitledGroup heads, on the public board, the items of a theme with no
// public_title, in a column where other themes have one.
const untitledGroup = "Other work"

// publicPage makes the public page's data. Its Markdown renderer also drops
// relative links that leave the public root.
func (r *Renderer) publicPage(pub *public.Plan) (*publicView, error) {
	md := markdown.NewPublic()
	intro, err := md.String(pub.Intro)
	if err != nil {
		return nil, err
	}
	pv := &publicView{Title: pub.Title, Intro: intro, FeedbackURL: pub.FeedbackURL, Canonical: canonical(r.opts.PublicBaseURL, "index.html")}
	var cols []chart.Column
	for _, c := range pub.Columns {
		themes, err := publicThemes(md, c.Themes)
		if err != nil {
			return nil, err
		}
		pv.Columns = append(pv.Columns, publicColumn{Horizon: c.Horizon, Title: c.Title, Themes: themes})
		col := chart.Column{Title: c.Title}
		titled := slices.ContainsFunc(c.Themes, func(th public.Theme) bool { return th.Title != "" })
		n := 0
		for _, th := range c.Themes {
			g := chart.Group{Title: th.Title}
			if g.Title == "" && titled {
				// Drawn without a heading, its cards would read as the
				// previous theme's (check warns about the missing title).
				g.Title = untitledGroup
			}
			for _, it := range th.Items {
				g.Cards = append(g.Cards, chart.Card{Title: it.Title})
				n++
			}
			col.Groups = append(col.Groups, g)
		}
		col.Note = diag.Plural(n, "item")
		cols = append(cols, col)
	}
	pv.Board = chart.Board("public-board", "Now, Next, Later", cols)
	if pv.Shipped, err = publicThemes(md, pub.Shipped); err != nil {
		return nil, err
	}
	return pv, nil
}
