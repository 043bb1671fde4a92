// Package gen writes deterministic synthetic roadmaps: a roadmap.toml and
// one Markdown file per item, with realistic bodies (headings, lists,
// tables, links, code). Benchmarks use it to build roadmaps of any size and
// the public-safety tests use it, with canaries, to prove that nothing
// internal reaches the public site.
//
// The same Options always give the same bytes.
package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Options says what to generate.
type Options struct {
	// Seed picks the roadmap: the same seed gives the same files.
	Seed uint64
	// Items is the number of item files.
	Items int
	// Canaries puts a unique canary token into every internal field of
	// every item, theme, objective, product and team, into every body and
	// into the internal fields of roadmap.toml. The fields that may reach
	// the public page (public_title, public_summary, [public], and the title
	// of a public item that has no public_title) never hold one.
	Canaries bool
}

// File is one generated source file.
type File struct {
	// Path is slash-separated and relative to the site folder.
	Path string
	Data []byte
}

// Result describes a generated roadmap.
type Result struct {
	// Files are the source files, roadmap.toml first, then items by path.
	Files []File
	// Canaries lists every canary token written (empty without
	// Options.Canaries). Tokens are distinct, have no digits and none is a
	// substring of another.
	Canaries []string
	// IDs lists every id of every kind: items, objectives, products, teams
	// and themes. Each contains a digit, so text without digits (all public
	// text written here) never contains one.
	IDs []string
	// Items and PublicItems count the items and the public ones.
	Items, PublicItems int
	// Bytes is the total size of Files.
	Bytes int64
}

// Now is the current quarter of every generated roadmap.
const Now = "2026-Q4"

// Generate makes a roadmap in memory.
func Generate(o Options) Result {
	g := &generator{o: o, rng: rand.New(rand.NewPCG(o.Seed, 0x726f61646d6170))}
	return g.run()
}

// Write generates a roadmap into dir (created if needed) and returns what
// it wrote.
func Write(dir string, o Options) (Result, error) {
	res := Generate(o)
	for _, f := range res.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return res, err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return res, err
		}
	}
	return res, nil
}

type generator struct {
	o        Options
	rng      *rand.Rand
	res      Result
	canaries int

	objectives []string
	products   []string
	teams      []team
	themes     []theme
}

type team struct{ id, product string }

type theme struct{ id string }

type item struct {
	id, product, team, theme string
	horizon                  string
	window                   string
	lo, hi                   int // estimate in engineer-weeks
	order                    int // horizon rank * 100 + window end, for dependencies
	public                   bool
}

// canary returns " <token>" in canary mode and "" otherwise. Tokens are
// "cnry" and six letters: fixed length, so none contains another.
func (g *generator) canary() string {
	if !g.o.Canaries {
		return ""
	}
	n := g.canaries
	g.canaries++
	var b [10]byte
	copy(b[:], "cnry")
	for i := 9; i >= 4; i-- {
		b[i] = byte('a' + n%26)
		n /= 26
	}
	tok := string(b[:])
	g.res.Canaries = append(g.res.Canaries, tok)
	return " " + tok
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

func (g *generator) id(prefix string, n int) string {
	id := prefix + "-" + strconv.Itoa(n+1)
	g.res.IDs = append(g.res.IDs, id)
	return id
}

func (g *generator) run() Result {
	n := max(g.o.Items, 0)
	nProducts := clamp(n/250, 2, 40)
	nObjectives := clamp(n/120, 3, 12)
	nThemes := clamp(n/20, 3, 400)

	for i := range nObjectives {
		g.objectives = append(g.objectives, g.id(g.pick(objectiveWords), i))
	}
	for i := range nProducts {
		g.products = append(g.products, g.id(g.pick(productWords), i))
	}
	for i, p := range g.products {
		for j := range 3 {
			g.teams = append(g.teams, team{id: g.id(g.pick(teamWords), i*3+j), product: p})
		}
	}
	for i := range nThemes {
		g.themes = append(g.themes, theme{id: g.id(g.pick(themeWords), i)})
	}

	items := g.items(n)
	var toml bytes.Buffer
	g.roadmap(&toml, items)
	g.add("roadmap.toml", toml.Bytes())
	for _, it := range items {
		var b bytes.Buffer
		g.item(&b, it, items)
		g.add("items/"+it.product+"/"+it.id+".md", b.Bytes())
	}
	g.res.Items = n
	return g.res
}

func (g *generator) add(path string, data []byte) {
	g.res.Files = append(g.res.Files, File{Path: path, Data: data})
	g.res.Bytes += int64(len(data))
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }

var horizons = []struct {
	name    string
	weight  float64
	windows []string
}{
	{"shipped", 0.1, []string{"2026-Q2", "2026-Q3"}},
	{"now", 0.25, []string{"2026-Q4"}},
	{"next", 0.3, []string{"2027-Q1", "2027-Q2", "2027-H1"}},
	{"later", 0.35, nil}, // later work is not scheduled yet: no window
}

// windowEnd orders windows by their last quarter.
func windowEnd(w string) int {
	year, _ := strconv.Atoi(w[:4])
	q := 4
	if len(w) > 4 {
		switch w[5:] {
		case "Q1":
			q = 1
		case "Q2", "H1":
			q = 2
		case "Q3":
			q = 3
		}
	}
	return year*4 + q
}

func (g *generator) items(n int) []*item {
	items := make([]*item, n)
	for i := range items {
		tm := g.teams[g.rng.IntN(len(g.teams))]
		it := &item{
			id:      g.id(g.pick(itemWords)+"-"+g.pick(itemWords), i),
			product: tm.product,
			team:    tm.id,
			theme:   g.themes[g.rng.IntN(len(g.themes))].id,
			public:  g.chance(0.3),
		}
		r := g.rng.Float64()
		for h, hz := range horizons {
			if r -= hz.weight; r < 0 || h == len(horizons)-1 {
				it.horizon = hz.name
				it.order = h*100000 + 99999
				if hz.windows != nil {
					it.window = g.pick(hz.windows)
					it.order = h*100000 + windowEnd(it.window)
				}
				break
			}
		}
		it.lo = 1 + g.rng.IntN(8)
		it.hi = it.lo
		if g.chance(0.6) {
			it.hi = it.lo + 1 + g.rng.IntN(6)
		}
		items[i] = it
	}
	return items
}

// quarters lists the quarters a window covers, as year*4+quarter, the
// way capacity is counted: an item of the current horizon without a window
// counts in the current quarter, later work counts nowhere.
func quarters(it *item) []int {
	switch {
	case it.window == "" && it.horizon == "now":
		return []int{windowEnd(Now)}
	case it.window == "" || it.horizon == "shipped":
		return nil
	case len(it.window) == 4:
		end := windowEnd(it.window)
		return []int{end - 3, end - 2, end - 1, end}
	case it.window[5] == 'H':
		end := windowEnd(it.window)
		return []int{end - 1, end}
	}
	return []int{windowEnd(it.window)}
}

// capacities sizes each team to its busiest quarter, with room to spare
// beyond the unplanned buffer, so that generated plans are not
// over-committed.
func capacities(items []*item) map[string]int {
	load := map[string]map[int]float64{}
	for _, it := range items {
		qs := quarters(it)
		if load[it.team] == nil {
			load[it.team] = map[int]float64{}
		}
		for _, q := range qs {
			load[it.team][q] += float64(it.hi) / float64(len(qs))
		}
	}
	out := map[string]int{}
	for team, qs := range load {
		most := 0.0
		for _, l := range qs {
			most = max(most, l)
		}
		out[team] = 10 + int(most/0.9*1.2)
	}
	return out
}

func (g *generator) roadmap(b *bytes.Buffer, items []*item) {
	fmt.Fprintf(b, "# A synthetic roadmap written by internal/gen (seed %d, %d items).\n\n", g.o.Seed, len(items))
	fmt.Fprintf(b, "title = %s\n", q("Synthetic product roadmap"+g.canary()))
	fmt.Fprintf(b, "organization = %s\n", q("Example Corp"+g.canary()))
	fmt.Fprintf(b, "now = %q\nreviewed = 2026-11-02\nreview_every = \"quarter\"\nprioritization = \"wsjf\"\n", Now)
	fmt.Fprintf(b, "value_unit = %s\n\n", q("k$ per week"+g.canary()))
	b.WriteString("[capacity]\nproduct = 60\ntech = 25\ninnovation = 5\nbuffer = 10\n\n")

	for _, id := range g.objectives {
		fmt.Fprintf(b, "[[objectives]]\nid = %q\ntitle = %s\nkey_results = [%s, %s]\n\n", id,
			q(g.sentence(titleWords, 5)+g.canary()),
			q(g.sentence(titleWords, 3)+" 20% -> 30%"+g.canary()),
			q(g.sentence(titleWords, 3)+" 1.2s -> 0.4s"+g.canary()))
	}
	for _, id := range g.products {
		fmt.Fprintf(b, "[[products]]\nid = %q\ntitle = %s\n\n", id, q(strings.ToUpper(id[:1])+id[1:]+g.canary()))
	}
	capacity := capacities(items)
	for _, t := range g.teams {
		fmt.Fprintf(b, "[[teams]]\nid = %q\ntitle = %s\nproduct = %q\ncapacity = %d\n\n", t.id,
			q(g.pick(teamNames)+" "+g.pick(teamSuffixes)+g.canary()), t.product, max(capacity[t.id], 10))
	}
	for i, th := range g.themes {
		fmt.Fprintf(b, "[[themes]]\nid = %q\ntitle = %s\nobjective = %q\nkpi = %s\ndescription = %s\n", th.id,
			q(g.sentence(titleWords, 4)+g.canary()), g.objectives[i%len(g.objectives)],
			q(g.sentence(titleWords, 3)+" 12 -> 4"+g.canary()),
			q(g.paragraph(2)+g.canary()))
		// Without canaries every theme can be shown publicly, so the
		// roadmap checks clean; with them, some cannot, as in real plans.
		if !g.o.Canaries || g.chance(0.7) {
			fmt.Fprintf(b, "public_title = %s\n", q(g.sentence(publicWords, 4)))
			if g.chance(0.8) {
				fmt.Fprintf(b, "public_summary = %s\n", q(g.publicText(2)))
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "[public]\ntitle = %s\nintro = %s\nfeedback_url = \"https://example.com/feedback\"\n",
		q("What we are building"), q(g.publicText(2)))
}

var kinds = []struct {
	kind   string
	weight float64
}{
	{"feature", 0.55}, {"research", 0.05}, {"platform", 0.1},
	{"infrastructure", 0.1}, {"tech-debt", 0.12}, {"security", 0.08},
}

func (g *generator) item(b *bytes.Buffer, it *item, all []*item) {
	kind := kinds[len(kinds)-1].kind
	r := g.rng.Float64()
	for _, k := range kinds {
		if r -= k.weight; r < 0 {
			kind = k.kind
			break
		}
	}
	hasPublicTitle := g.chance(0.7)
	title := g.sentence(titleWords, 3+g.rng.IntN(3))
	if !it.public || hasPublicTitle {
		title += g.canary() // the title stays internal
	}
	b.WriteString("+++\n")
	fmt.Fprintf(b, "title = %s\nkind = %q\ntheme = %q\nteam = %q\n", q(title), kind, it.theme, it.team)
	if g.chance(0.5) {
		fmt.Fprintf(b, "product = %q\n", it.product)
	}
	fmt.Fprintf(b, "horizon = %q\n", it.horizon)
	if it.window != "" {
		fmt.Fprintf(b, "window = %q\n", it.window)
	}
	if g.chance(0.2) {
		fmt.Fprintf(b, "status = %q\n", g.pick([]string{"at-risk", "blocked", "on-track"}))
	}
	if g.chance(0.3) && it.horizon != "later" {
		fmt.Fprintf(b, "confidence = %q\n", g.pick([]string{"high", "medium", "low"}))
	}
	if it.hi > it.lo {
		fmt.Fprintf(b, "estimate = \"%d-%dw\"\n", it.lo, it.hi)
	} else {
		fmt.Fprintf(b, "estimate = \"%dw\"\n", it.lo)
	}
	if g.chance(0.5) {
		fmt.Fprintf(b, "risk = %s\n", q(g.sentence(bodyWords, 6)+g.canary()))
	}
	fmt.Fprintf(b, "outcome = %s\n", q(g.sentence(bodyWords, 7)+g.canary()))
	fmt.Fprintf(b, "cost_of_delay = %d\n", 1+g.rng.IntN(60))
	if deps := g.deps(it, all); len(deps) > 0 {
		fmt.Fprintf(b, "depends_on = [%s]\n", strings.Join(deps, ", "))
	}
	if g.chance(0.7) {
		fmt.Fprintf(b, "moscow = %q\n", g.pick([]string{"must", "should", "could", "wont"}))
	}
	if it.public {
		g.res.PublicItems++
		b.WriteString("visibility = \"public\"\n")
		if hasPublicTitle {
			fmt.Fprintf(b, "public_title = %s\n", q(g.sentence(publicWords, 4)))
		}
		if g.chance(0.8) {
			fmt.Fprintf(b, "public_summary = %s\n", q(g.publicText(1)))
		}
	}
	b.WriteString("+++\n\n")
	g.body(b)
}

// deps picks up to three items planned no later than it, so that the
// generated plan has no sequencing conflicts and no cycles.
func (g *generator) deps(it *item, all []*item) []string {
	k := g.rng.IntN(4)
	if k == 0 || len(all) < 2 {
		return nil
	}
	var out []string
	for range k * 3 {
		d := all[g.rng.IntN(len(all))]
		if d == it || d.order > it.order || (d.order == it.order && d.id >= it.id) {
			continue
		}
		if s := strconv.Quote(d.id); !slices.Contains(out, s) {
			out = append(out, s)
		}
		if len(out) == k {
			break
		}
	}
	slices.Sort(out)
	return out
}

// body writes 300-600 words of Markdown: headings, paragraphs, a list, a
// table, links and a code block.
func (g *generator) body(b *bytes.Buffer) {
	b.WriteString(g.paragraph(3) + g.canary() + "\n\n")
	b.WriteString("## Problem\n\n")
	b.WriteString(g.paragraph(4) + " See the [discovery notes](https://example.com/notes/" + g.pick(itemWords) + ") and the [support dashboard](https://example.com/support).\n\n")
	b.WriteString("## Approach\n\n")
	for range 3 + g.rng.IntN(3) {
		b.WriteString("- " + g.sentence(bodyWords, 8+g.rng.IntN(6)) + ".\n")
	}
	b.WriteString("\n" + g.paragraph(3) + "\n\n")
	b.WriteString("| Metric | Today | Target |\n|---|---:|---:|\n")
	for range 3 {
		fmt.Fprintf(b, "| %s | %d | %d |\n", g.sentence(titleWords, 2), 10+g.rng.IntN(90), 1+g.rng.IntN(9))
	}
	b.WriteString("\n## Rollout\n\n")
	b.WriteString(g.paragraph(3) + "\n\n")
	b.WriteString("```sh\nctl migrate --tenant all --dry-run\nctl verify --since-last-run\n```\n\n")
	b.WriteString("## Open questions\n\n")
	for i := range 2 + g.rng.IntN(3) {
		fmt.Fprintf(b, "%d. %s?\n", i+1, g.sentence(bodyWords, 9))
	}
	b.WriteString("\n" + g.paragraph(2+g.rng.IntN(3)) + "\n")
}

// sentence joins n words from list, capitalised.
func (g *generator) sentence(list []string, n int) string {
	var b strings.Builder
	for i := range n {
		w := g.pick(list)
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func (g *generator) paragraph(sentences int) string {
	var parts []string
	for range sentences {
		s := g.sentence(bodyWords, 10+g.rng.IntN(12))
		if g.chance(0.2) {
			s += " with **" + g.pick(bodyWords) + "** and `" + g.pick(itemWords) + "`"
		}
		parts = append(parts, s+".")
	}
	return strings.Join(parts, " ")
}

// publicText is customer language: no digits, no dates, no canaries.
func (g *generator) publicText(sentences int) string {
	var parts []string
	for range sentences {
		parts = append(parts, g.sentence(publicWords, 8+g.rng.IntN(8))+".")
	}
	return strings.Join(parts, " ")
}

// q quotes s as a TOML basic string.
func q(s string) string { return strconv.Quote(s) }

// Word lists. None holds a digit, a month or season name or a relative
// time phrase, so generated public text is free of anything date-like.
var (
	objectiveWords = []string{"growth", "retention", "reliability", "efficiency", "expansion", "trust"}
	productWords   = []string{"dispatch", "billing", "field", "insights", "payments", "identity", "catalog"}
	// Team names share no word with public text: check warns when public
	// text names a team.
	teamNames    = []string{"Atlas", "Beacon", "Cobalt", "Drift", "Ember", "Fjord", "Granite", "Harbor", "Juniper", "Kestrel"}
	teamSuffixes = []string{"Core", "Works", "Labs", "Crew", "Forge"}
	teamWords    = []string{"core", "growth", "platform", "mobile", "data", "trust", "web", "infra"}
	themeWords   = []string{"onboarding", "scale", "speed", "compliance", "mobile", "insight", "automation"}
	itemWords    = []string{"ledger", "sync", "audit", "search", "import", "export", "cache", "queue",
		"router", "schema", "index", "portal", "report", "alerts", "tokens", "webhooks", "upgrade", "console"}
	titleWords = []string{"faster", "unified", "tenant", "billing", "schedule", "board", "offline",
		"reporting", "access", "pipeline", "storage", "mobile", "dispatch", "audit", "invoice", "service"}
	bodyWords = []string{"the", "team", "service", "customers", "migrate", "latency", "tenant", "queue",
		"rollout", "schema", "risk", "support", "tickets", "reduce", "dashboard", "contract", "api",
		"deploy", "cluster", "cost", "enterprise", "reliable", "throughput", "error", "budget", "and",
		"with", "before", "after", "we", "need", "every", "request", "cache", "index", "database"}
	publicWords = []string{"faster", "simpler", "reliable", "teams", "customers", "sign", "in", "with",
		"your", "tools", "reports", "across", "every", "location", "less", "manual", "work", "clear",
		"secure", "access", "payments", "mobile", "offline", "scheduling", "invoices", "insight", "and"}
)
