package render

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/roadmapgen/roadmapgen/internal/htmlesc"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

type field struct {
	Name, Value string
}

type itemView struct {
	// The frame's fields are itemView's own, not promoted from an
	// embedded page: text/template finds a promoted field by a
	// breadth-first search that allocates on every use, and the frame
	// reads about 14 of them on each of a build's thousands of item
	// pages. TestItemViewHasFrame keeps them in step with page.
	Site                              *site
	Root, View, Title, Audience, Lede string
	Nav                               []link
	Canonical                         string
	Pages                             []link
	PagesLabel                        string

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
	// minified leaves the line breaks out of Facts.
	minified bool
	// body is the buffer Body was converted into, lent by Site.bufs until
	// the page is executed (release); lent holds the buffers Facts wrote
	// into, lent the same way.
	body *[]byte
	lent []*[]byte
}

// release gives back the buffer Body was converted into. page calls it
// once the page is executed: nothing keeps Body after that (partialCached
// copies what it caches).
func (iv *itemView) release() {
	if iv.body != nil {
		iv.Site.bufs.put(iv.body)
		iv.body, iv.Body = nil, ""
	}
	for _, buf := range iv.lent {
		iv.Site.bufs.put(buf)
	}
	iv.lent = nil
}

// convert renders a body that load left unconverted (source.Loader.Defer)
// into a buffer lent to the page (iv.body) and notes what converting it
// dropped (Options.BodyWarnings), so a build of thousands of pages
// converts without a new buffer per page.
func (v *views) convert(it *model.Item, iv *itemView) error {
	md := it.Body.Text()
	iv.body = v.site.bufs.get()
	found, err := v.r.md.ConvertFunc(md, func(html []byte) { *iv.body = append(*iv.body, html...) })
	if err != nil {
		return fmt.Errorf("%s: cannot render the body: %w", it.Body.File, err)
	}
	iv.Body = template.HTML(unsafe.String(unsafe.SliceData(*iv.body), len(*iv.body)))
	if f := v.r.opts.BodyWarnings; f != nil {
		if ws := f(it, md, found); len(ws) > 0 {
			v.foundMu.Lock()
			v.found = append(v.found, ws...)
			v.foundMu.Unlock()
		}
	}
	return nil
}

func (v *views) item(it *model.Item) (any, error) {
	e := v.p.Entry(it.ID)
	// newPage's frame for items/<id>.html, without making the path
	// unless a canonical link needs it.
	iv := &itemView{Site: v.site, Root: "../", View: "item", Title: it.Title, Audience: "Item",
		Nav:  v.nav("../", "item"),
		Item: v.ref(1, it), DependsOn: v.refsAt(1, it.DependsOn), Dependents: v.refsAt(1, it.Dependents),
		Flags: v.flags(it), Source: it.Rel, minified: v.r.opts.Minify,
		Fields: make([]field, 0, 20)} // the most add gives
	if base := v.r.opts.BaseURL; base != "" {
		iv.Canonical = canonical(base, itemPath(it.ID))
	}
	// Converted safely (internal/markdown) at load, or here when the
	// build deferred the body (source.Loader.Defer).
	var err error
	if it.Body.Converted() {
		iv.Body = it.Body.HTML()
	} else if err = v.convert(it, iv); err != nil {
		iv.release()
		return nil, err
	}
	add := func(name, value string) {
		if value != "" {
			iv.Fields = append(iv.Fields, field{name, value})
		}
	}
	add("Id", it.ID)
	add("Kind", string(it.Kind)+" ("+strings.ToLower(familyTitle(it.Family))+" work)")
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
		add("Priority", "rank "+strconv.Itoa(e.Rank)+" of "+v.rankCount+": "+e.Formula)
	case e.Rank > 0:
		add("Priority", "rank "+strconv.Itoa(e.Rank)+" of "+v.rankCount+", unscored: "+e.Missing)
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

// The item page is the page a build renders 10,000 times, and
// html/template spends about a microsecond per escaped action, most of
// it calling the escaper through reflection. The badges and the facts
// list were some 80 actions per page; Badges and Facts write the same
// markup in Go, escaped as html/template escapes it (package htmlesc),
// and the default item.html prints each with one action.
// TestItemFragmentsMatchTemplate holds them to the template they
// replaced (kept in testdata/item_template.html). A theme that wants its
// own markup overrides item.html and draws from Item, Fields, DependsOn,
// Dependents and Capacity, which the view still carries.

func (iv *itemView) fragmentCache() *fragments { return iv.Site.frags }

// Badges returns the item's badges as the default theme's "family",
// "status" and "confidence" partials draw them, then "Public" for a
// public item.
func (iv *itemView) Badges() template.HTML {
	return template.HTML(iv.appendBadges(make([]byte, 0, 256)))
}

func (iv *itemView) appendBadges(b []byte) []byte {
	it := iv.Item
	b = appendFamily(b, it)
	b = append(b, ' ')
	b = appendStatus(b, it)
	b = append(b, ' ')
	b = appendConfidence(b, it.Confidence)
	if it.Public {
		b = append(b, ` <span class="badge public">Public</span>`...)
	}
	return b
}

// Facts returns the content of the item page's facts list (<dl>): each of
// Fields, the value with what waits on it and how it is made up, the
// effort by quarter, and the items it depends on and unblocks, linked.
// Minified, it leaves out the line breaks between entries. The HTML is
// in a buffer lent until the page is executed (release), as Body is: it
// is written into the page and not kept.
func (iv *itemView) Facts() template.HTML {
	buf := iv.Site.bufs.get()
	b := iv.appendFacts(*buf)
	*buf = b
	iv.lent = append(iv.lent, buf)
	return template.HTML(unsafe.String(unsafe.SliceData(b), len(b)))
}

func (iv *itemView) appendFacts(b []byte) []byte {
	nl := "\n"
	if iv.minified {
		nl = ""
	}
	it := iv.Item
	for _, f := range iv.Fields {
		b = append(b, nl...)
		b = append(b, "<dt>"...)
		b = htmlesc.AppendText(b, f.Name)
		b = append(b, "</dt><dd>"...)
		b = htmlesc.AppendText(b, f.Value)
		b = append(b, "</dd>"...)
	}
	b = append(b, nl...)
	if it.Rank != 0 {
		b = append(b, "<dt>"...)
		b = htmlesc.AppendText(b, iv.Site.ValueName)
		b = append(b, " with what waits on it</dt><dd>"...)
		if bd := it.Breakdown; bd != nil {
			b = appendBreakdown(b, bd)
		} else {
			b = append(b, `<span class="missing">not given</span>`...)
		}
		b = append(b, "</dd>"...)
	}
	b = append(b, nl...)
	if len(iv.Capacity) > 0 {
		b = append(b, `<dt>Effort by quarter</dt><dd><ul class="unblocks">`...)
		for _, line := range iv.Capacity {
			b = append(b, "<li>"...)
			b = htmlesc.AppendText(b, line)
			b = append(b, "</li>"...)
		}
		b = append(b, "</ul></dd>"...)
	}
	b = append(b, nl...)
	b = append(b, "<dt>Depends on</dt><dd>"...)
	b = appendRefs(b, iv.DependsOn)
	b = append(b, "</dd>"...)
	b = append(b, nl...)
	b = append(b, "<dt>Unblocks</dt><dd>"...)
	b = appendRefs(b, iv.Dependents)
	b = append(b, "</dd>"...)
	return append(b, nl...)
}

// appendItemLink appends the default theme's "item-link" partial.
func appendItemLink(b []byte, title, href string) []byte {
	b = append(b, `<a class="item-link" href="`...)
	b = htmlesc.AppendHref(b, href)
	b = append(b, `">`...)
	b = htmlesc.AppendText(b, title)
	return append(b, "</a>"...)
}

// appendRefs appends the default theme's "refs" partial, or "nothing".
func appendRefs(b []byte, refs []*ref) []byte {
	if len(refs) == 0 {
		return append(b, "nothing"...)
	}
	return appendRefList(b, refs)
}

// appendBreakdown appends the default theme's "breakdown" partial: "own 5
// + unblocks: SAML SSO 40, audit log 15 = 60 k$ per week".
func appendBreakdown(b []byte, bd *breakdown) []byte {
	if len(bd.Parts) == 0 {
		return htmlesc.AppendText(b, bd.Total)
	}
	if bd.Own != "" {
		b = append(b, "own "...)
		b = htmlesc.AppendText(b, bd.Own)
	} else {
		b = append(b, "own not given"...)
	}
	b = append(b, " + unblocks: "...)
	for i, p := range bd.Parts {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = appendItemLink(b, p.Item.Title, p.Item.Href)
		b = append(b, ' ')
		b = htmlesc.AppendText(b, p.Value)
	}
	b = append(b, " = "...)
	return htmlesc.AppendText(b, bd.Total)
}
