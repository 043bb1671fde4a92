package render

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// site is what every internal page says about the roadmap.
type site struct {
	Title, Organization string
	Now                 string
	Reviewed            string
	ReviewEvery         string
	NextReview          string
	Overdue             bool
	Framework           string
	ValueUnit           string
	// ValueName names what flows through dependencies: "Cost of delay"
	// (WSJF) or "Value" (RICE).
	ValueName string
	// ValueNoun is ValueName within a sentence.
	ValueNoun string
	// frags caches the frame's fragments across the pages of one build
	// (partialCached).
	frags *fragments
	// bufs lends the buffers the Go-written fragments are built in.
	bufs *bufPool
	// itemFrame is the frame of every item page written in Go.
	itemFrame itemFrame
}

// link is one entry of the navigation.
type link struct {
	Title, Href string
	Current     bool
}

// page is the frame of an internal page.
type page struct {
	Site *site
	// Root is the relative path from the page to the root ("", "../").
	Root string
	// View names the layout, for the body class.
	View      string
	Title     string
	Audience  string
	Lede      string
	Nav       []link
	Canonical string
	// Pages lists the pages a split view is made of (the ranks of the
	// plan, the product lines of the release plan), PagesLabel names them;
	// empty on a view that fits one page.
	Pages      []link
	PagesLabel string
	// minified says that the theme's markup was minified when parsed,
	// so what Go writes into the page leaves out line breaks too.
	minified bool
	// out is the file the page is executed into when its Go-written
	// fragments write straight into it (emit); nil when they return
	// their HTML.
	out io.Writer
}

// ref is an item as every view mentions it: the same title, labels and
// link everywhere. Each page depth has its own refs, for relative links.
// Its fields are all its own, none promoted from an embedded struct:
// text/template looks a promoted field up by a breadth-first search that
// allocates, once per use, and views use refs about a million times in a
// 10,000-item build.
type ref struct {
	ID, Title            string
	Family, FamilyTitle  string
	Kind                 string
	Horizon, HorizonName string
	Status, StatusTitle  string
	Confidence           string
	Rank                 int
	Score, Formula       string
	Missing              string
	Window, Estimate     string
	Team, Product, Theme string
	MoSCoW               string
	Public               bool
	// Value is the item's value with what waits on it ("60 k$ per week"),
	// empty for shipped items; Breakdown says how it is made up.
	Value string
	// Flowed is the part of Value that comes from work waiting on the
	// item ("55"), "" when nothing with a value waits on it.
	Flowed string
	// Href links to the item's page from a page at the ref's depth.
	Href string
	// Breakdown says how Value is made up, its parts linked like Href;
	// nil for shipped items.
	Breakdown *breakdown
}

// breakdown is how an item's value is made up: its own value plus that of
// each planned item waiting on it, counted once ("own 5 + unblocks: SAML
// SSO 40, audit log 15 = 60 k$ per week").
type breakdown struct {
	Own   string // "" when not given
	Parts []part
	Total string
}

// part is one waiting item's value within a breakdown. Item is a link,
// not a ref: a breakdown is part of a ref, and a ref per part would
// double the refs a build keeps.
type part struct {
	Item  *link
	Value string
}

// views builds the data of each internal page. It is read-only once made,
// so pages render in parallel.
type views struct {
	r    *Renderer
	p    *plan.Plan
	m    *model.Plan
	site *site
	// slots hold each item's refs, made when a page first asks (ref,
	// link), per page depth (0: the plan, 1: a view or an item page,
	// 2: a view's sub-page such as ranks/2/index.html), so links are
	// relative. They are indexed like the model's items. A server
	// rebuilding after a save renders the pages open in a browser, which
	// mention a few hundred items, not all.
	slots [3][]refSlot
	// lines and techLines are productLines(all) and productLines(isTech),
	// made once: every page of a split view lists them all. So are the
	// timeline's columns, the count of unscored items, and the links
	// between the ranked list's pages at each depth (rankLinksAt).
	lines, techLines func() []productLine
	columns          func() []string
	unscored         func() int
	rankLinks        [3]func() []link
	// found collects what converting deferred bodies at their pages dropped
	// (Options.BodyWarnings), for the plan view's first page, which is
	// made after every item page.
	found   []diag.Diagnostic
	foundMu sync.Mutex
	// rankCount is how many items are ranked, in decimal.
	rankCount string
	// navs holds each page frame's navigation, by root and view (nav).
	navs  map[string][]link
	navMu sync.Mutex
}

// warnings returns what the plan view lists: check's warnings with those
// the bodies converted at their pages gave, in check's order.
func (v *views) warnings() []diag.Diagnostic {
	if v.r.opts.BodyWarnings == nil {
		return v.r.opts.Warnings
	}
	v.foundMu.Lock()
	defer v.foundMu.Unlock()
	return diag.Sort(append(slices.Clip(v.r.opts.Warnings), v.found...))
}

func newViews(r *Renderer, p *plan.Plan) *views {
	m := p.Model
	s := &site{
		Title: m.Title, Organization: m.Organization,
		ReviewEvery: string(m.ReviewEvery), Framework: frameworkTitle(m.Prioritization), ValueUnit: m.ValueUnit,
		ValueName: "Cost of delay", ValueNoun: "cost of delay", frags: &fragments{}, bufs: &bufPool{},
	}
	if m.Prioritization == model.FrameworkRICE {
		s.ValueName, s.ValueNoun = "Value", "value"
	}
	if m.Now != 0 {
		s.Now = m.Now.String()
	}
	if !m.Reviewed.IsZero() {
		s.Reviewed = m.Reviewed.Format("2006-01-02")
		if due, ok := m.ReviewDue(); ok {
			s.NextReview = due.Format("2006-01-02")
			s.Overdue = !r.opts.Today.IsZero() && r.opts.Today.After(due) // check's rule: the same date
		}
	}
	v := &views{r: r, p: p, m: m, site: s, rankCount: strconv.Itoa(len(p.Ranked))}
	v.lines = sync.OnceValue(func() []productLine { return v.productLines(all) })
	v.techLines = sync.OnceValue(func() []productLine { return v.productLines(isTech) })
	v.columns = sync.OnceValue(v.timelineColumns)
	v.unscored = sync.OnceValue(func() int {
		n := 0
		for _, e := range p.Ranked {
			if !e.Scored {
				n++
			}
		}
		return n
	})
	for d := range v.rankLinks {
		v.rankLinks[d] = sync.OnceValue(func() []link { return v.rankLinksAt(d) })
	}
	for d := range v.slots {
		v.slots[d] = make([]refSlot, len(m.Items))
	}
	return v
}

// breakdown returns how e's value is made up, linked from a page at
// depth, with total its flowedValue; nil for a shipped item, which
// carries no cost of delay.
func (v *views) breakdown(e *plan.Entry, depth int, total string) *breakdown {
	if e.Rank == 0 || (!e.HasOwn && len(e.Parts) == 0) {
		return nil
	}
	b := &breakdown{Total: total, Parts: make([]part, 0, len(e.Parts))}
	if e.HasOwn {
		b.Own = plan.Num(e.Own)
	}
	for _, pt := range e.Parts {
		b.Parts = append(b.Parts, part{Item: v.link(depth, pt.Entry), Value: plan.Num(pt.Value)})
	}
	return b
}

// flowedValue is e's value with what waits on it, with its unit; "" for
// a shipped item or one whose value is not given.
func (v *views) flowedValue(e *plan.Entry) string {
	if e.Rank > 0 && (e.HasOwn || len(e.Parts) > 0) {
		return v.withUnit(e.Value)
	}
	return ""
}

// withUnit writes a value with the roadmap's unit (WSJF only: a RICE
// value has none).
func (v *views) withUnit(x float64) string {
	if v.m.Prioritization == model.FrameworkRICE || v.m.ValueUnit == "" {
		return plan.Num(x)
	}
	return plan.Num(x) + " " + v.m.ValueUnit
}

// newRef returns e's ref for a page at depth d, without its breakdown.
func (v *views) newRef(d int, e *plan.Entry) *ref {
	it := e.Item
	rf := &ref{
		ID: it.ID, Title: it.Title,
		Family: string(it.Family), FamilyTitle: familyTitle(it.Family), Kind: string(it.Kind),
		Horizon: string(it.Horizon), HorizonName: horizonTitle(it.Horizon),
		Status: string(it.Status), StatusTitle: statusTitle(it.Status),
		Confidence: string(it.Confidence), Rank: e.Rank, Formula: e.Formula, Missing: e.Missing,
		Window: it.Window.Text, Estimate: it.Estimate.Text, MoSCoW: string(it.MoSCoW), Public: it.Public(),
		Value: v.flowedValue(e), Href: href(d, it.ID),
	}
	if len(e.Parts) > 0 && e.Rank > 0 {
		rf.Flowed = plan.Num(e.Flowed())
	}
	if e.Scored {
		rf.Score = strconv.FormatFloat(e.Score, 'f', 2, 64) // aligned in the ranked table
	}
	if it.Team != nil {
		rf.Team = it.Team.Title
	}
	if it.Product != nil {
		rf.Product = it.Product.Title
	}
	if it.Theme != nil {
		rf.Theme = it.Theme.Title
	}
	return rf
}

// How the views stay usable at any size. Each rule is a fixed count over
// the plan, so the same plan always gives the same pages, and a roadmap
// under every threshold (the example's 52 items) gets the single pages it
// always had. The README's "The views" section states the same rules.
const (
	// rankPageSize is how many ranks one page of the plan view lists.
	// Past it, index.html keeps the summary and ranks 1-100, and
	// ranks/2/index.html lists 101-200, and so on. The plan is the page
	// an author keeps open under serve, which renders it again after
	// every save: 100 rows take about 5 ms, where 250 took 12.
	rankPageSize = 100
	// splitItems: a release plan with more planned items than this, or a
	// technology view with more technical items, becomes an overview plus
	// one page per product line (releases/<product>/index.html).
	splitItems = 250
	// timelineBars: a timeline that would draw more bars than this draws
	// one bar per lane and window instead, with the count and the effort.
	timelineBars = 250
	// graphTech and graphNodes bound the dependency graph: the
	// highest-ranked technical items, then their direct planned links in
	// rank order, up to graphNodes boxes; the rest is counted in words.
	graphTech  = 24
	graphNodes = 60
	// techTop is how many technical items a split technology overview
	// describes in full; the rest are on their product line's page.
	techTop = 25
	// execThemes bounds the executive brief: past it, each board column
	// and the objectives list show the themes with the most value and
	// "and N more themes", so the brief still prints on two pages.
	execThemes = 12
)

// noProduct is the page segment of items without a product line. Product
// ids are slugs, which never start with "_", so it names no product.
const noProduct = "_none"

// productLine is a product line's part of a split view: its page and
// its items in rank order.
type productLine struct {
	ID, Title string
	// Href is relative to a page one level down (releases/index.html).
	Href  string
	Items []*model.Item
}

// productLines groups planned items by product line, in the model's
// product order, then the items without one; lines without planned
// items are left out. Each line's items are in rank order: they are
// taken from the plan's ranked list, so nothing is sorted.
func (v *views) productLines(keep func(*model.Item) bool) []productLine {
	byProduct := make(map[*model.Product][]*model.Item, len(v.m.Products)+1)
	for _, e := range v.p.Ranked {
		if it := e.Item; keep(it) {
			byProduct[it.Product] = append(byProduct[it.Product], it)
		}
	}
	var out []productLine
	add := func(id, title string, items []*model.Item) {
		if len(items) > 0 {
			out = append(out, productLine{ID: id, Title: title, Href: id + "/index.html", Items: items})
		}
	}
	for _, p := range v.m.Products {
		add(p.ID, p.Title, byProduct[p])
	}
	add(noProduct, "No product line", byProduct[nil])
	return out
}

// splitJobs lists the extra pages of views that are split because of
// their size: the plan's further ranks, and the release plan's and the
// technology view's product line pages. Empty for a small roadmap.
func (v *views) splitJobs() []job {
	var jobs []job
	for k := 2; k <= v.rankPages(); k++ {
		jobs = append(jobs, job{rankPath(k), "plan", func() (any, error) { return v.planPage(k) }})
	}
	if v.splitReleases() {
		for _, pl := range v.lines() {
			jobs = append(jobs, job{"releases/" + pl.Href, "releases", func() (any, error) { return v.releasesLine(pl) }})
		}
	}
	if v.splitTech() {
		for _, pl := range v.techLines() {
			jobs = append(jobs, job{"technology/" + pl.Href, "technology", func() (any, error) { return v.technologyLine(pl) }})
		}
	}
	return jobs
}

func all(*model.Item) bool { return true }

func isTech(it *model.Item) bool { return it.Family == model.FamilyTech }

// lineLinks lists the pages of a split view for a page at depth d:
// the overview, then each product line; current is the path shown.
func lineLinks(view string, lines []productLine, d int, current string) []link {
	root := rootAt(d)
	out := []link{{"Overview", root + view + "/index.html", current == ""}}
	for _, pl := range lines {
		out = append(out, link{pl.Title, root + view + "/" + pl.Href, current == pl.ID})
	}
	return out
}

func frameworkTitle(f model.Framework) string {
	if f == model.FrameworkRICE {
		return "RICE (reach × impact × confidence / effort)"
	}
	return "WSJF (cost of delay / effort)"
}

// newPage makes the frame of the page at path (like "executive/index.html").
func (v *views) newPage(path, view, title, audience, lede string) page {
	depth := strings.Count(path, "/")
	root := rootAt(depth)
	return page{
		Site: v.site, Root: root, View: view, Title: title, Audience: audience, Lede: lede, Nav: v.nav(root, view),
		Canonical: canonical(v.r.opts.BaseURL, path), minified: v.r.opts.Minify,
	}
}

// rootAt is the relative path from a page at depth d to the root.
func rootAt(d int) string {
	switch d {
	case 0:
		return ""
	case 1:
		return "../"
	case 2:
		return "../../"
	}
	return strings.Repeat("../", d)
}

// nav returns the navigation of a page of view at root, made once for
// each and shared: every item page has the same.
func (v *views) nav(root, view string) []link {
	v.navMu.Lock()
	defer v.navMu.Unlock()
	key := root + view
	if nav, ok := v.navs[key]; ok {
		return nav
	}
	nav := []link{
		{"Plan", root + "index.html", view == "plan"},
		{"Executive", root + "executive/index.html", view == "executive"},
		{"Release plan", root + "releases/index.html", view == "releases"},
		{"Technology", root + "technology/index.html", view == "technology"},
		{"Portfolio", root + "portfolio/index.html", view == "portfolio"},
	}
	if v.navs == nil {
		v.navs = map[string][]link{}
	}
	v.navs[key] = nav
	return nav
}

// refsAt returns the refs of items for a page at depth d.
func (v *views) refsAt(d int, items []*model.Item) []*ref {
	out := make([]*ref, 0, len(items))
	for _, it := range items {
		out = append(out, v.ref(d, it))
	}
	return out
}

// refSlot is an item's ref and link at one page depth, each made once
// when first asked for: link for the item's place in other items'
// breakdowns, and ref, which includes the item's own breakdown. A ref's
// breakdown holds links, never refs, so making one never waits on another
// item's (values flow both ways along dependencies), and nothing is
// written after a page may read it.
type refSlot struct {
	refOnce, linkOnce sync.Once
	ref               *ref
	link              *link
}

// ref returns the ref of it for a page at depth d, with its breakdown.
func (v *views) ref(d int, it *model.Item) *ref {
	e := v.p.Entry(it.ID)
	s := &v.slots[d][e.Num()]
	s.refOnce.Do(func() {
		r := v.newRef(d, e)
		r.Breakdown = v.breakdown(e, d, r.Value)
		s.ref = r
	})
	return s.ref
}

// link returns a link to e's item from a page at depth d.
func (v *views) link(d int, e *plan.Entry) *link {
	s := &v.slots[d][e.Num()]
	s.linkOnce.Do(func() { s.link = &link{Title: e.Item.Title, Href: href(d, e.Item.ID)} })
	return s.link
}

// href links to the page of the item id from a page at depth d.
func href(d int, id string) string { return rootAt(d) + itemDir + id + itemExt }

// byRank sorts items by the plan's rank: planned items first, by rank, then
// shipped ones by id.
func (v *views) byRank(items []*model.Item) []*model.Item {
	// Each item's rank is looked up once, not at every comparison.
	type ranked struct {
		rank int
		it   *model.Item
	}
	keyed := make([]ranked, len(items))
	for i, it := range items {
		keyed[i] = ranked{v.p.Entry(it.ID).Rank, it}
	}
	slices.SortFunc(keyed, func(a, b ranked) int {
		if (a.rank == 0) != (b.rank == 0) {
			if a.rank == 0 {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return cmp.Compare(a.it.ID, b.it.ID) // ids are unique: a total order
	})
	out := make([]*model.Item, len(keyed))
	for i, k := range keyed {
		out[i] = k.it
	}
	return out
}
