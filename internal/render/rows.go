package render

import (
	"html/template"
	"io"
	"strconv"
	"sync"

	"github.com/roadmapgen/roadmapgen/internal/chart"
	"github.com/roadmapgen/roadmapgen/internal/htmlesc"
)

// The ranked plan, the release plan and the technology view each list
// every planned item once, so a 10,000-item build executes some 30,000
// table rows and articles of 20 to 40 escaped actions each: about a
// second of CPU in html/template's reflection. RankedRows, TableRows and
// Articles write the same markup in Go, escaped as html/template escapes
// it (package htmlesc), and the default layouts print each list with one
// action. TestViewRowsMatchTemplate holds every page to the layouts they
// replaced (kept in testdata). A theme that wants its own rows overrides
// the layout and ranges over Ranked, Rows or Windows' Rows, which the
// views still carry.

// RankedRows returns the rows of the ranked plan's table, each after a
// line break (none when minified), as the default theme's plan.html drew
// them (page.emit).
func (pv *planView) RankedRows() (template.HTML, error) {
	nl := pv.newline()
	buf := pv.Site.bufs.get()
	b := *buf
	for _, r := range pv.Ranked {
		b = append(b, nl...)
		b = append(b, `<tr><td class="num rank">`...)
		b = strconv.AppendInt(b, int64(r.Rank), 10)
		b = append(b, `</td><td class="item">`...)
		b = appendItemLink(b, r.Title, r.Href)
		b = append(b, ' ')
		b = appendStatus(b, r)
		b = append(b, `</td><td class="kind" data-label="Kind">`...)
		b = appendFamily(b, r)
		b = append(b, ' ')
		b = htmlesc.AppendText(b, r.Kind)
		b = append(b, `</td><td class="wide" data-label="Theme">`...)
		b = htmlesc.AppendText(b, r.Theme)
		b = append(b, `</td><td data-label="Team">`...)
		b = htmlesc.AppendText(b, r.Team)
		b = append(b, `</td><td class="wide horizon" data-label="Horizon">`...)
		b = htmlesc.AppendText(b, r.HorizonName)
		b = append(b, ' ')
		b = appendConfidence(b, r.Confidence)
		b = append(b, `</td><td data-label="Window">`...)
		b = htmlesc.AppendText(b, r.Window)
		b = append(b, `</td><td class="num" data-label="`...)
		b = htmlesc.AppendText(b, pv.Site.ValueName)
		b = append(b, `">`...)
		b = appendOr(b, r.Value, "not given")
		b = appendWith(b, `<br><span class="count">incl. `, r.Flowed, ` from what it unblocks</span>`)
		b = append(b, `</td><td class="num score" data-label="Score">`...)
		if r.Score != "" {
			b = append(b, `<span title="`...)
			b = htmlesc.AppendText(b, r.Formula)
			b = append(b, `">`...)
			b = htmlesc.AppendText(b, r.Score)
			b = append(b, `</span>`...)
		} else {
			b = append(b, `<span class="missing">unscored</span><br><span class="count">`...)
			b = htmlesc.AppendText(b, r.Missing)
			b = append(b, `</span>`...)
		}
		b = append(b, `</td></tr>`...)
	}
	return pv.emit(buf, b)
}

// TableRows returns the rows of window g's table in the release plan,
// each after a line break (none when minified), as the default theme's
// releases.html drew them (page.emit).
func (rv *releasesView) TableRows(g windowGroup) (template.HTML, error) {
	nl := rv.newline()
	buf := rv.Site.bufs.get()
	b := *buf
	for i := range g.Rows {
		row := &g.Rows[i]
		it := row.Item
		b = append(b, nl...)
		b = append(b, `<tr><td class="item">`...)
		b = appendItemLink(b, it.Title, it.Href)
		b = append(b, ' ')
		b = appendFamily(b, it)
		for _, f := range row.Flags {
			b = append(b, `<br><span class="flag">⚠ `...)
			b = htmlesc.AppendText(b, f)
			b = append(b, `</span>`...)
		}
		b = append(b, `</td><td data-label="Team">`...)
		b = htmlesc.AppendText(b, it.Team)
		b = append(b, `</td><td data-label="Product">`...)
		b = htmlesc.AppendText(b, it.Product)
		b = append(b, `</td><td class="wide" data-label="Estimate and risk">`...)
		b = appendOr(b, row.Estimate, "not estimated")
		b = appendWith(b, `<br><span class="count">risk: `, row.Risk, `</span>`)
		b = append(b, `</td><td data-label="MoSCoW">`...)
		b = htmlesc.AppendText(b, it.MoSCoW)
		b = append(b, `</td><td data-label="Status">`...)
		if it.Status == "at-risk" || it.Status == "blocked" {
			b = appendStatus(b, it)
		} else {
			b = htmlesc.AppendText(b, it.StatusTitle)
		}
		b = append(b, ' ')
		b = appendConfidence(b, it.Confidence)
		b = append(b, `</td><td class="wide" data-label="Depends on">`...)
		b = appendRefList(b, row.DependsOn)
		b = append(b, `</td></tr>`...)
	}
	return rv.emit(buf, b)
}

// Articles returns the technology view's article for each of Rows, each
// between line breaks (none when minified), as the default theme's
// technology.html drew them (page.emit).
func (tv *techView) Articles() (template.HTML, error) {
	nl := tv.newline()
	buf := tv.Site.bufs.get()
	b := *buf
	for i := range tv.Rows {
		row := &tv.Rows[i]
		it := row.Item
		b = append(b, nl...)
		b = append(b, `<article class="tech-item">`...)
		b = append(b, nl...)
		b = append(b, `<h3><span class="rank">#`...)
		b = strconv.AppendInt(b, int64(it.Rank), 10)
		b = append(b, `</span> `...)
		b = appendItemLink(b, it.Title, it.Href)
		b = append(b, ' ')
		b = appendFamily(b, it)
		b = append(b, ' ')
		b = appendStatus(b, it)
		b = append(b, "</h3>"...)
		b = append(b, nl...)
		b = append(b, `<dl class="facts">`...)
		b = append(b, nl...)
		b = append(b, "<dt>Kind</dt><dd>"...)
		b = htmlesc.AppendText(b, it.Kind)
		b = append(b, "</dd>"...)
		b = append(b, nl...)
		b = append(b, "<dt>Estimate</dt><dd>"...)
		b = appendOr(b, row.Estimate, "not estimated")
		b = appendWith(b, " · risk: ", row.Risk, "")
		b = append(b, "</dd>"...)
		b = append(b, nl...)
		b = append(b, "<dt>Cost of not doing it</dt><dd>"...)
		if row.CostOfDelay != "" {
			b = htmlesc.AppendText(b, row.CostOfDelay)
		} else {
			b = append(b, `<span class="missing">no `...)
			b = htmlesc.AppendText(b, tv.Site.ValueNoun)
			b = append(b, ` given</span>`...)
		}
		b = appendWith(b, " · ", row.Outcome, "")
		b = append(b, "</dd>"...)
		b = append(b, nl...)
		b = append(b, "<dt>Unblocks</dt><dd>"...)
		if len(row.Unblocks) > 0 {
			b = append(b, `<ul class="unblocks">`...)
			for _, u := range row.Unblocks {
				b = append(b, "<li>"...)
				b = appendItemLink(b, u.Item.Title, u.Item.Href)
				b = appendWith(b, " (", u.Value, ")")
				b = appendWith(b, ": ", u.Outcome, "")
				b = append(b, "</li>"...)
			}
			b = append(b, "</ul>"...)
		} else {
			b = append(b, "nothing planned depends on it"...)
		}
		b = append(b, "</dd>"...)
		b = append(b, nl...)
		b = append(b, "<dt>"...)
		b = htmlesc.AppendText(b, tv.Site.ValueName)
		b = append(b, " with what waits on it</dt><dd>"...)
		if it.Breakdown != nil {
			b = appendBreakdown(b, it.Breakdown)
		} else {
			b = append(b, `<span class="missing">none given</span>`...)
		}
		b = append(b, "</dd>"...)
		b = append(b, nl...)
		b = append(b, "<dt>Priority</dt><dd>"...)
		if it.Score != "" {
			b = htmlesc.AppendText(b, it.Formula)
		} else {
			b = append(b, `<span class="missing">unscored, ranks last: `...)
			b = htmlesc.AppendText(b, it.Missing)
			b = append(b, `</span>`...)
		}
		b = append(b, "</dd>"...)
		b = append(b, nl...)
		b = append(b, "</dl>"...)
		b = append(b, nl...)
		b = append(b, "</article>"...)
		b = append(b, nl...)
	}
	return tv.emit(buf, b)
}

// newline is the line break the default theme's rows had between
// elements: none once the theme is minified.
func (p *page) newline() string {
	if p.minified {
		return ""
	}
	return "\n"
}

// appendWith appends before, s escaped and after, or nothing when s is
// empty: the default theme's {{with .S}}before{{.}}after{{end}}.
func appendWith(b []byte, before, s, after string) []byte {
	if s == "" {
		return b
	}
	b = append(b, before...)
	b = htmlesc.AppendText(b, s)
	return append(b, after...)
}

// appendOr appends s escaped, or the default theme's "missing" note
// saying what is missing when s is empty.
func appendOr(b []byte, s, missing string) []byte {
	if s != "" {
		return htmlesc.AppendText(b, s)
	}
	b = append(b, `<span class="missing">`...)
	b = append(b, missing...)
	return append(b, `</span>`...)
}

// appendFamily appends the default theme's "family" partial.
func appendFamily(b []byte, r *ref) []byte {
	b = append(b, `<span class="badge fam fam-`...)
	b = htmlesc.AppendText(b, r.Family)
	b = append(b, `">`...)
	b = htmlesc.AppendText(b, r.FamilyTitle)
	return append(b, "</span>"...)
}

// appendStatus appends the default theme's "status" partial: a badge
// unless the item is on track.
func appendStatus(b []byte, r *ref) []byte {
	if r.Status == "" || r.Status == "on-track" {
		return b
	}
	b = append(b, `<span class="badge status status-`...)
	b = htmlesc.AppendText(b, r.Status)
	b = append(b, `">`...)
	b = htmlesc.AppendText(b, r.StatusTitle)
	return append(b, "</span>"...)
}

// appendConfidence appends the default theme's "confidence" partial.
func appendConfidence(b []byte, c string) []byte {
	if c == "" {
		return b
	}
	b = append(b, `<span class="conf conf-`...)
	b = htmlesc.AppendText(b, c)
	b = append(b, `" title="confidence">`...)
	b = htmlesc.AppendText(b, c)
	return append(b, " confidence</span>"...)
}

// appendRefList appends the default theme's "refs" partial: the items
// linked, separated by commas; nothing for none.
func appendRefList(b []byte, refs []*ref) []byte {
	for i, r := range refs {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendItemLink(b, r.Title, r.Href)
	}
	return b
}

// bufPool lends the buffers Go-written fragments are built in, so that
// a fragment allocates only its finished string: building each in a new
// buffer sized by guess allocated about twice the fragments' size again
// (some 50 MB per 10,000-item build). A nil pool lends new buffers.
type bufPool struct{ p sync.Pool }

// get returns an empty buffer to append to.
func (bp *bufPool) get() *[]byte {
	if bp != nil {
		if buf, ok := bp.p.Get().(*[]byte); ok {
			return buf
		}
	}
	b := make([]byte, 0, 4096)
	return &b
}

// html returns b, which was appended to the buffer buf from get, as HTML
// in a string of its own, and gives the buffer back.
func (bp *bufPool) html(buf *[]byte, b []byte) template.HTML {
	h := template.HTML(b)
	*buf = b
	bp.put(buf)
	return h
}

// put gives back a buffer from get; nothing may read it afterwards.
func (bp *bufPool) put(buf *[]byte) {
	if bp != nil {
		*buf = (*buf)[:0]
		bp.p.Put(buf)
	}
}

// PagesNav returns the links between the pages of a split view, as the
// default theme's "pages" partial drew them: at 10,000 items the ranked
// plan has 91 pages, each linking all of them twice, and html/template
// took about a millisecond a page for those links alone (page.emit).
func (p *page) PagesNav() (template.HTML, error) {
	buf := p.Site.bufs.get()
	return p.emit(buf, appendPagesNav(*buf, p.PagesLabel, p.Pages, p.newline()))
}

// emit returns the fragment b, appended to the buffer buf from
// Site.bufs, as HTML, and gives the buffer back. On a page whose layout
// prints it where it is made (out is set: page.writeInto), it writes b
// there instead and returns nothing: the view pages of 10,000 items
// print some 30 MB of such fragments (rows, links, pictures), and each
// was copied into a string, then again by text/template's printing
// (fmt), for 60 MB of garbage a build.
func (p *page) emit(buf *[]byte, b []byte) (template.HTML, error) {
	if p.out == nil {
		return p.Site.bufs.html(buf, b), nil
	}
	_, err := p.out.Write(b)
	*buf = b
	p.Site.bufs.put(buf)
	return "", err
}

// figure is a picture on a view page: the chart, whose fields the
// "figure" and "svg" partials read, and the page it is on, so that its
// markup writes itself into the page where the layout prints it, as the
// page's other Go-written fragments do (emit).
type figure struct {
	*chart.SVG
	page *page
}

// figure returns svg as a picture on p; nil for none.
func (p *page) figure(svg *chart.SVG) *figure {
	if svg == nil {
		return nil
	}
	return &figure{SVG: svg, page: p}
}

// HTML is (*chart.SVG).HTML, emitted into the page (page.emit).
func (f *figure) HTML() (template.HTML, error) {
	buf := f.page.Site.bufs.get()
	return f.page.emit(buf, f.AppendHTML(*buf))
}

// writeInto makes the Go-written fragments of the page write straight
// into w, the file the page is executed into (emit). Only a layout that
// prints each fragment at the action that makes it may be executed so:
// the default theme's (directLayouts).
func (p *page) writeInto(w io.Writer) { p.out = w }

// PagesNav is page.PagesNav for a page with an item's frame.
func (iv *itemView) PagesNav() template.HTML {
	nl := "\n"
	if iv.minified {
		nl = ""
	}
	buf := iv.Site.bufs.get()
	return iv.Site.bufs.html(buf, appendPagesNav(*buf, iv.PagesLabel, iv.Pages, nl))
}

// appendPagesNav appends the "pages" partial's markup for pages, named
// by label, to b, with nl between elements.
func appendPagesNav(b []byte, label string, pages []link, nl string) []byte {
	b = append(b, `<nav class="pages" aria-label="`...)
	b = htmlesc.AppendText(b, label)
	b = append(b, `">`...)
	b = append(b, nl...)
	b = append(b, "<ul>"...)
	for _, l := range pages {
		b = append(b, nl...)
		b = append(b, `<li><a href="`...)
		b = htmlesc.AppendHref(b, l.Href)
		b = append(b, '"')
		if l.Current {
			b = append(b, ` aria-current="page"`...)
		}
		b = append(b, '>')
		b = htmlesc.AppendText(b, l.Title)
		b = append(b, "</a></li>"...)
	}
	b = append(b, nl...)
	b = append(b, "</ul>"...)
	b = append(b, nl...)
	b = append(b, "</nav>"...)
	return append(b, nl...)
}
