package model

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/safelink"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// The keys each table may hold. Anything else is a typo or a field from
// another tool, and is reported.
func roadmapKeys() []string {
	return []string{"title", "organization", "now", "reviewed", "review_every", "prioritization", "value_unit", "capacity", "objectives", "products", "teams", "themes", "public"}
}

func capacityKeys() []string {
	return []string{"product", "tech", "innovation", "buffer"}
}

func objectiveKeys() []string {
	return []string{"id", "title", "key_results"}
}

func productKeys() []string {
	return []string{"id", "title"}
}

func teamKeys() []string {
	return []string{"id", "title", "product", "capacity"}
}

func themeKeys() []string {
	return []string{"id", "title", "objective", "kpi", "description", "public_title", "public_summary"}
}

func publicKeys() []string {
	return []string{"title", "intro", "feedback_url"}
}

func itemKeys() []string {
	return []string{"title", "kind", "theme", "product", "team", "horizon", "status", "confidence", "window", "estimate", "risk", "outcome", "cost_of_delay", "depends_on", "moscow", "rice", "visibility", "public_title", "public_summary"}
}

func riceKeys() []string {
	return []string{"reach", "impact", "confidence", "effort"}
}

// roadmapSet is what roadmap.toml may hold at its top level.
func roadmapSet() keySet {
	return keySet{keys: roadmapKeys(), tables: func(key string) []string {
		switch key {
		case "capacity":
			return capacityKeys()
		case "public":
			return publicKeys()
		case "objectives":
			return objectiveKeys()
		case "products":
			return productKeys()
		case "teams":
			return teamKeys()
		case "themes":
			return themeKeys()
		}
		return nil
	}}
}

// inRoadmap is what a table nested in roadmap.toml may hold: keys, and
// nothing of the top level, which a [header] above it would swallow.
func inRoadmap(keys []string) keySet {
	return keySet{keys: keys, outer: roadmapKeys(), outerWhat: "top level of roadmap.toml"}
}

// itemSet is what an item's front matter may hold.
func itemSet() keySet {
	return keySet{keys: itemKeys(), tables: itemTables}
}

// itemTables returns the keys of the table an item's key may hold.
func itemTables(key string) []string {
	if key == "rice" {
		return riceKeys()
	}
	return nil
}

// DefaultCapacity is the allocation model used when roadmap.toml declares
// none.
func DefaultCapacity() CapacityModel {
	return CapacityModel{Product: 60, Tech: 20, Innovation: 10, Buffer: 10}
}

// DefaultValueUnit names cost of delay when value_unit is not set.
const DefaultValueUnit = "points per week"

// Build makes the plan of a loaded site. Every problem goes to diags. The
// plan is returned even when there are errors, with what could not be
// resolved left empty, so that later checks still run and one run reports
// every problem.
func Build(ctx context.Context, site *source.Site, diags *diag.List) *Plan {
	return NewBuilder().Build(ctx, site, diags)
}

// Builder makes the plans of successive versions of one source, for a
// server that rebuilds after every save. It keeps what each item file
// says on its own (its fields read and checked, with their problems) under
// the file's *source.Item, which a source.Tree hands out again for a file
// it did not read again. A build then reads only the items whose files
// changed, and resolves references, dependencies and everything else that
// spans files afresh, so its plan and problems are those Build gives. Items
// no longer in the site are dropped after each build. A Builder is not safe
// for concurrent use, except for Read.
type Builder struct {
	// mu guards parts while Read runs on the loader's goroutines.
	mu    sync.Mutex
	parts map[*source.Item]*part
	// gen numbers the builds, so that parts not used by the last one can
	// be dropped.
	gen int
}

// NewBuilder returns a Builder that holds nothing yet.
func NewBuilder() *Builder { return &Builder{} }

// Read reads what the item file src says on its own, as the next Build
// would, and keeps it for that Build, which then does not read src again.
// A loader can call it as each file is loaded (source.Loader.OnItem), on
// any number of goroutines, so the reading overlaps loading. Afterwards
// only positions are asked of src.Front, so a caller that builds once may
// let go of src.Front.Data: the decoded TOML of every item is then never
// held at once (docs/performance.md, Memory). Read must not run
// concurrently with Build.
func (bd *Builder) Read(src *source.Item) {
	if src.Front == nil {
		return
	}
	p := readItem(src)
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.parts == nil {
		bd.parts = make(map[*source.Item]*part)
	}
	bd.parts[src] = p
}

// Build makes the plan of site as the package's Build does. Each plan is
// new: nothing of an earlier plan is changed, so a server may go on
// rendering it.
func (bd *Builder) Build(ctx context.Context, site *source.Site, diags *diag.List) *Plan {
	b := &builder{
		diags: diags, plan: &Plan{Prioritization: FrameworkWSJF, ValueUnit: DefaultValueUnit, Capacity: DefaultCapacity()},
		undeclared: map[string]int{}, firstUndeclared: map[string]*diag.Diagnostic{},
	}
	if site.Roadmap != nil {
		b.plan.RoadmapLoaded = true
		b.roadmap(site.Roadmap)
	}
	if bd.parts == nil {
		bd.parts = make(map[*source.Item]*part, len(site.Items))
	}
	bd.gen++
	if used, ok := b.buildItems(ctx, site, bd.parts, bd.gen); ok && used < len(bd.parts) {
		// Files deleted or read again: forget their old parts.
		maps.DeleteFunc(bd.parts, func(_ *source.Item, p *part) bool { return p.gen != bd.gen })
	}
	for key, n := range b.undeclared {
		if n > 1 {
			d := b.firstUndeclared[key]
			d.Message += fmt.Sprintf(" (%s to %ss not listed)", diag.Plural(n-1, "more reference"), key)
		}
	}
	return b.plan
}

type builder struct {
	diags *diag.List
	plan  *Plan

	objectives map[string]*Objective
	products   map[string]*Product
	teams      map[string]*Team
	themes     map[string]*Theme
	itemByID   map[string]*Item
	// broken holds ids of item files that exist but could not be read, so
	// that references to them are not reported as unknown.
	broken map[string]bool
	// hints counts "did you mean" searches (see maxHints).
	hints int
	// undeclared counts references to a kind of which roadmap.toml declares
	// none; only the first is reported, with the count.
	undeclared      map[string]int
	firstUndeclared map[string]*diag.Diagnostic
}

func (b *builder) roadmap(doc *source.Doc) {
	p := b.plan
	t := newTable(doc, "", "roadmap.toml", doc.Data, b.diags)
	p.Origin = t.origin()
	t.only(roadmapSet())
	p.Title = t.required("title", `"Acme roadmap"`)
	p.Organization = t.optional("organization")
	if now := t.required("now", `"2026-Q4" (the current quarter)`); now != "" {
		q, err := ParseQuarter(now)
		if err != nil {
			b.diags.Errorf(t.valuePos("now"), "%v", err)
		}
		p.Now = q
	}
	p.Reviewed = t.date("reviewed")
	p.ReviewEvery = Period(t.enum("review_every", Periods()))
	if f := t.enum("prioritization", Frameworks()); f != "" {
		p.Prioritization = Framework(f)
	}
	if u := t.optional("value_unit"); u != "" {
		p.ValueUnit = u
	}
	if c, ok := t.sub("capacity", "[capacity]"); ok {
		b.capacity(c)
	}
	if pub, ok := t.sub("public", "[public]"); ok {
		pub.only(inRoadmap(publicKeys()))
		p.Public = Public{Title: pub.optional("title"), Intro: pub.optional("intro"), FeedbackURL: pub.optional("feedback_url"), Origin: pub.origin()}
		if u := p.Public.FeedbackURL; u != "" && !safelink.Feedback(strings.TrimSpace(u)) {
			b.diags.Errorf(pub.valuePos("feedback_url"), "feedback_url must be an https://, http:// or mailto: link, not %q", u)
		}
	} else {
		p.Public.Origin = Origin{doc: doc, prefix: "public", file: doc.File}
	}

	b.objectives = map[string]*Objective{}
	for _, o := range t.list("objectives", "objective") {
		o.only(inRoadmap(objectiveKeys()))
		obj := &Objective{ID: b.id(o, "objective", has(b.objectives)), Title: o.required("title", `"Grow enterprise revenue 40%"`), KeyResults: o.strings("key_results"), Origin: o.origin()}
		register(obj.ID, obj, b.objectives, &p.Objectives)
	}
	b.products = map[string]*Product{}
	for _, o := range t.list("products", "product") {
		o.only(inRoadmap(productKeys()))
		pr := &Product{ID: b.id(o, "product", has(b.products)), Title: o.required("title", `"Platform"`), Origin: o.origin()}
		register(pr.ID, pr, b.products, &p.Products)
	}
	b.teams = map[string]*Team{}
	for _, o := range t.list("teams", "team") {
		o.only(inRoadmap(teamKeys()))
		tm := &Team{ID: b.id(o, "team", has(b.teams)), Title: o.required("title", `"Identity"`), Origin: o.origin()}
		tm.Product = resolve(b, o, "product", b.products)
		if c, ok := o.nonNegative("capacity"); ok {
			tm.Capacity = c
		}
		if tm.Product != nil {
			tm.Product.Teams = append(tm.Product.Teams, tm)
		}
		register(tm.ID, tm, b.teams, &p.Teams)
	}
	b.themes = map[string]*Theme{}
	for _, o := range t.list("themes", "theme") {
		o.only(inRoadmap(themeKeys()))
		th := &Theme{
			ID: b.id(o, "theme", has(b.themes)), Title: o.required("title", `"Enterprise-ready identity"`),
			KPI: o.optional("kpi"), Description: o.optional("description"),
			PublicTitle: o.optional("public_title"), PublicSummary: o.optional("public_summary"), Origin: o.origin(),
		}
		th.Objective = resolve(b, o, "objective", b.objectives)
		if th.Objective != nil {
			th.Objective.Themes = append(th.Objective.Themes, th)
		}
		register(th.ID, th, b.themes, &p.Themes)
	}
}

func (b *builder) capacity(c table) {
	c.only(inRoadmap(capacityKeys()))
	m := CapacityModel{Declared: true, Origin: c.origin()}
	for _, f := range []struct {
		key string
		dst *int
	}{{"product", &m.Product}, {"tech", &m.Tech}, {"innovation", &m.Innovation}, {"buffer", &m.Buffer}} {
		if !c.has(f.key) {
			continue
		}
		v, ok := c.nonNegative(f.key)
		if ok && (v != float64(int(v)) || v > 100) {
			b.diags.Errorf(c.valuePos(f.key), "%s must be a whole percentage from 0 to 100, got %s", f.key, strconv.FormatFloat(v, 'f', -1, 64))
			ok = false
		}
		if ok {
			*f.dst = int(v)
		} else if f.key == "buffer" {
			m.InvalidBuffer = true
		} else {
			m.InvalidShare = true
		}
	}
	// A sum over values the author did not write would only confuse.
	if sum := m.Product + m.Tech + m.Innovation + m.Buffer; !m.InvalidShare && !m.InvalidBuffer && sum != 100 {
		m.Unbalanced = true
		d := b.diags.Errorf(m.Origin.Pos(), "capacity shares sum to %d, not 100: product %d + tech %d + innovation %d + buffer %d",
			sum, m.Product, m.Tech, m.Innovation, m.Buffer)
		d.Hint = "until they do, teams are not checked against plannable capacity, nor technical work against its share"
	}
	b.plan.Capacity = m
}

// has adapts an id map to the "is this id taken" question id asks.
func has[T any](m map[string]*T) func(string) bool {
	return func(id string) bool { _, ok := m[id]; return ok }
}

// id reads and validates the id of a roadmap.toml entity.
func (b *builder) id(t table, kind string, taken func(string) bool) string {
	id := t.required("id", `"a-slug-like-this"`)
	if id == "" {
		return ""
	}
	if !source.IsSlug(id) {
		d := b.diags.Errorf(t.valuePos("id"), "invalid %s id %q: ids are slugs of lower-case letters, digits and single hyphens", kind, id)
		if s := source.Slugify(id); s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		}
		return ""
	}
	if taken(id) {
		b.diags.Errorf(t.valuePos("id"), "duplicate %s id %q: ids must be unique among %ss", kind, id, kind)
		return ""
	}
	return id
}

// register records an entity under its id (when valid) and appends it to
// the plan's list; an entity with an invalid id is still listed so its own
// fields are checked.
func register[T any](id string, v *T, ids map[string]*T, list *[]*T) {
	if id != "" {
		ids[id] = v
	}
	*list = append(*list, v)
}

// resolve looks up the reference held in key, reporting unknown ids with a
// suggestion.
func resolve[T any](b *builder, t table, key string, ids map[string]*T) *T {
	return lookup(b, t.origin(), key, reference(t, key), ids)
}

// reference reads the id held in key, "" when there is none; an empty
// string is reported. What a reference names is looked up apart, because
// an item's references are read once and looked up in every build.
func reference(t table, key string) string {
	ref := t.str(key)
	if ref == "" {
		if v, ok := t.m[key]; ok && isString(v) {
			t.diags.Errorf(t.valuePos(key), "%s is empty: name %s %s id or remove the key", key, article(key), key)
		}
	}
	return ref
}

// lookup resolves ref, read from key of the table o locates, among ids,
// reporting an unknown id to b with a suggestion.
func lookup[T any](b *builder, o Origin, key, ref string, ids map[string]*T) *T {
	if ref == "" {
		return nil
	}
	if v, ok := ids[ref]; ok {
		return v
	}
	switch {
	case !b.plan.RoadmapLoaded:
		// roadmap.toml is missing or does not decode: that one error says
		// it all, so references into it are not reported one by one.
	case len(ids) == 0:
		// Nothing of this kind is declared (or its table is misspelt):
		// report the first reference and count the rest.
		if b.undeclared[key] == 0 {
			b.firstUndeclared[key] = b.diags.Errorf(o.Value(key), "unknown %s %q: roadmap.toml declares no valid %ss", key, ref, key)
		}
		b.undeclared[key]++
	default:
		b.unknown(o.Value(key), key, ref, keysOf(ids))
	}
	return nil
}

// article returns "an" before a vowel, "a" otherwise.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// maxHints bounds the "did you mean" searches of one run: each compares the
// reference with every id, so thousands of them over thousands of items
// would be quadratic. Past the limit, unknown references are still all
// reported, without a suggestion.
const maxHints = 200

func (b *builder) unknown(pos diag.Pos, kind, ref string, known []string) {
	d := b.diags.Errorf(pos, "unknown %s %q", kind, ref)
	if b.hints++; b.hints > maxHints {
		return
	}
	if d.Hint = diag.DidYouMean(ref, known); d.Hint == "" && len(known) <= 12 {
		d.Hint = "known: " + strings.Join(known, ", ")
	}
}

func keysOf[T any](m map[string]*T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// part is what one item file says on its own: its fields read and
// checked, with their problems. It depends on the file alone, so a Builder
// keeps it while the file is unchanged.
type part struct {
	// item has every field but the references, which each build resolves:
	// Theme, Team, Product, DependsOn and Dependents are nil.
	item Item
	// found are the problems of the file alone.
	found []diag.Diagnostic
	// o locates the front matter's fields for the problems a build finds.
	// It holds no decoded TOML: that may be gone once the part is read.
	o Origin
	// theme, team and product are the ids referred to ("" for none), deps
	// the ids of depends_on.
	theme, team, product string
	deps                 []string
	// gen is the last build that used the part.
	gen int
}

// readItem reads what the item file src says on its own.
func readItem(src *source.Item) *part {
	var l diag.List
	t := newTable(src.Front, "", "item front matter", src.Front.Data, &l)
	it := readFields(src, t)
	p := &part{o: t.origin(), theme: reference(t, "theme"), team: reference(t, "team"), product: reference(t, "product"), deps: t.strings("depends_on")}
	for i, ref := range p.deps {
		if it.depIndex == nil {
			it.depIndex = make(map[string]int, len(p.deps))
		}
		if _, ok := it.depIndex[ref]; !ok {
			it.depIndex[ref] = i // a later duplicate is reported, not indexed
		}
	}
	p.item, p.found = *it, l.Sorted()
	return p
}

// buildItems builds every item, reading only the files that have no part
// in parts yet (and adding theirs), then resolves references and
// dependencies once all ids are known. It marks each part it uses with gen
// and returns how many it used, and false when ctx was cancelled.
func (b *builder) buildItems(ctx context.Context, site *source.Site, parts map[*source.Item]*part, gen int) (int, bool) {
	b.itemByID = make(map[string]*Item, len(site.Items))
	b.broken = map[string]bool{}
	for _, id := range site.Skipped {
		b.broken[id] = true
	}
	type pending struct {
		item *Item
		part *part
	}
	todo := make([]pending, 0, len(site.Items))
	// One allocation for every item: a server builds after every save.
	items := make([]Item, len(site.Items))
	for k, src := range site.Items {
		if ctx.Err() != nil {
			return 0, false // interrupted: the caller reports it
		}
		if src.Front == nil {
			b.broken[src.ID] = true
			continue
		}
		p, ok := parts[src]
		if !ok {
			p = readItem(src)
			parts[src] = p
		}
		p.gen = gen
		for _, d := range p.found {
			b.diags.Add(d)
		}
		it := &items[k]
		*it = p.item
		it.Theme = lookup(b, p.o, "theme", p.theme, b.themes)
		it.Team = lookup(b, p.o, "team", p.team, b.teams)
		it.Product = lookup(b, p.o, "product", p.product, b.products)
		if it.Product == nil && it.Team != nil && p.product == "" {
			it.Product = it.Team.Product
		}
		b.itemByID[it.ID] = it
		todo = append(todo, pending{it, p})
	}
	// known lists every item id for "did you mean", made only when a
	// dependency is unknown.
	var known []string
	for _, pd := range todo {
		deps := pd.part.deps
		var seen map[string]bool // for a long list; a short one is searched
		if len(deps) > 16 {
			seen = make(map[string]bool, len(deps))
		}
		for i, ref := range deps {
			twice := slices.Contains(deps[:i], ref)
			if seen != nil {
				twice = seen[ref]
				seen[ref] = true
			}
			switch dep, ok := b.itemByID[ref]; {
			case twice:
				b.diags.Warnf(depPos(pd.part.o, i), "%q is listed twice in depends_on", ref)
			case ok:
				pd.item.DependsOn = append(pd.item.DependsOn, dep)
			case b.broken[ref]:
			case !source.IsSlug(ref):
				b.diags.Errorf(depPos(pd.part.o, i), "invalid item id %q in depends_on: item ids are file names without .md, such as \"session-store\"", ref)
			default:
				if known == nil {
					known = keysOf(b.itemByID)
					for id := range b.broken {
						known = append(known, id)
					}
					slices.Sort(known)
				}
				b.unknown(depPos(pd.part.o, i), "item", ref, known)
			}
		}
	}
	byID := func(a, b *Item) int { return cmp.Compare(a.ID, b.ID) }
	b.plan.Items = make([]*Item, 0, len(todo))
	for _, pd := range todo {
		b.plan.Items = append(b.plan.Items, pd.item)
	}
	slices.SortFunc(b.plan.Items, byID)
	for _, it := range b.plan.Items {
		slices.SortFunc(it.DependsOn, byID)
		for _, dep := range it.DependsOn {
			dep.Dependents = append(dep.Dependents, it) // in id order: Items is sorted
		}
		if it.Theme != nil {
			it.Theme.Items = append(it.Theme.Items, it)
		}
		if it.Team != nil {
			it.Team.Items = append(it.Team.Items, it)
		}
		if it.Product != nil {
			it.Product.Items = append(it.Product.Items, it)
		}
	}
	return len(todo), ctx.Err() == nil
}

// depPos locates entry i of t's depends_on. A position is a search of the
// file's index, so it is looked up only for a message.
func depPos(o Origin, i int) diag.Pos { return o.Value("depends_on." + strconv.Itoa(i)) }

// readFields reads an item's own fields from its front matter t, reporting
// to t's list. References are read (and looked up) apart.
func readFields(src *source.Item, t table) *Item {
	t.only(itemSet())
	it := &Item{ID: src.ID, Rel: src.Rel, Body: src.Body, Origin: t.origin()}
	it.Title = t.required("title", strconv.Quote(titleFromID(src.ID)))
	if k := t.enum("kind", Kinds()); k != "" {
		it.Kind = Kind(k)
	} else if !t.has("kind") {
		t.diags.Errorf(it.Origin.Pos(), "item has no kind: add kind = \"feature\" (one of %s)", strings.Join(Kinds(), ", "))
	}
	it.Family = it.Kind.Family()
	if h := t.enum("horizon", Horizons()); h != "" {
		it.Horizon = Horizon(h)
	} else if !t.has("horizon") {
		t.diags.Errorf(it.Origin.Pos(), "item has no horizon: add horizon = \"now\" (one of %s)", strings.Join(Horizons(), ", "))
	}
	it.Status = cmp.Or(Status(t.enum("status", Statuses())), StatusOnTrack)
	if c := t.enum("confidence", Confidences()); c != "" {
		it.Confidence, it.ConfidenceSet = Confidence(c), true
	} else {
		it.Confidence = it.Horizon.DefaultConfidence()
	}
	if w := t.optional("window"); w != "" {
		win, err := ParseWindow(strings.TrimSpace(w))
		if err != nil {
			t.diags.Errorf(t.valuePos("window"), "%v", err).Hint = suggestWindow(w)
		}
		it.Window = win
	}
	if e := t.optional("estimate"); e != "" {
		est, err := ParseEstimate(e)
		if err != nil {
			t.diags.Errorf(t.valuePos("estimate"), "%v", err).Hint = suggestEstimate(e)
		}
		it.Estimate = est
	}
	it.Risk = t.optional("risk")
	it.Outcome = t.optional("outcome")
	it.CostOfDelay, it.HasCostOfDelay = t.nonNegative("cost_of_delay")
	it.MoSCoW = MoSCoW(t.enum("moscow", MoSCoWs()))
	it.Visibility = cmp.Or(Visibility(t.enum("visibility", Visibilities())), VisibilityInternal)
	it.PublicTitle = t.optional("public_title")
	it.PublicSummary = t.optional("public_summary")
	if r, ok := t.sub("rice", "rice"); ok {
		r.only(keySet{keys: riceKeys(), outer: itemKeys(), outerWhat: "item"})
		it.RICE = rice(r)
	}
	return it
}

func rice(t table) *RICE {
	r := &RICE{}
	r.Reach, _ = t.nonNegative("reach")
	r.Impact, _ = t.nonNegative("impact")
	if c, ok := t.nonNegative("confidence"); ok {
		if c > 1 {
			d := t.diags.Errorf(t.valuePos("confidence"), "rice confidence must be a fraction from 0 to 1")
			if c <= 100 {
				d.Hint = fmt.Sprintf("write %g%% as %g", c, c/100)
			}
		} else {
			r.Confidence = c
		}
	}
	if e, ok := t.nonNegative("effort"); ok {
		if e == 0 {
			t.diags.Errorf(t.valuePos("effort"), "rice effort must be more than zero (engineer-weeks)")
		}
		r.Effort = e
	}
	return r
}

// titleFromID suggests a title for an item that has none: "payout-ledger"
// becomes "Payout ledger".
func titleFromID(id string) string {
	t := strings.ReplaceAll(id, "-", " ")
	if t == "" {
		return "…"
	}
	return strings.ToUpper(t[:1]) + t[1:]
}
