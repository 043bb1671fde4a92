// Package check holds the rules that judge a plan: the errors that make it
// unusable and the warnings that make it untruthful (work with no "why",
// false precision, stale reviews, sequencing conflicts, dates where
// customers would read them as promises).
package check

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/datelike"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// Options configure a run.
type Options struct {
	// Today is the date reviews are judged against. The zero value skips
	// the date-dependent rules.
	Today time.Time
	// Dates finds date-like text; New builds one when nil (or the
	// Cache's, which is built once).
	Dates *datelike.Detector
	// Plan is the ranked plan of p (plan.Make(p)) when the caller has made
	// it already; the planning rules then read it instead of ranking
	// again. Nil ranks here.
	Plan *plan.Plan
	// Cache, when set, keeps the findings of the rules that scan text
	// (dates, markup and leaks in public copy) from one Run to the next, so
	// that a live server re-scans only what changed. Nil scans everything.
	Cache *Cache
}

// Run applies every rule to p and adds what it finds to diags. It stops
// early, with what it found so far, when ctx is cancelled.
func Run(ctx context.Context, p *model.Plan, opts Options, diags *diag.List) {
	if opts.Dates == nil {
		opts.Dates = opts.Cache.detector()
	}
	c := &checker{p: p, opts: opts, diags: diags, run: &run{}}
	c.review()
	c.cycles()
	c.publicText(ctx)
	c.whys()
	c.items(ctx)
	c.planning()
}

type checker struct {
	p     *model.Plan
	opts  Options
	diags *diag.List
	// run holds what one Run makes at most once, shared by the checkers
	// that collect a single item's findings apart (see publicText).
	run *run
}

// run is made lazily, because a Run whose text findings all come from the
// Cache needs none of it.
type run struct {
	internal, public *markdown.Converter
	teams            *teamNames
}

// converters returns the Markdown converters of the internal pages and of
// the public page, made on first use.
func (c *checker) converters() (internal, public *markdown.Converter) {
	if c.run.internal == nil {
		c.run.internal, c.run.public = markdown.New(), markdown.NewPublic()
	}
	return c.run.internal, c.run.public
}

// teams returns the teams' names, for the leak rule, made on first use.
func (c *checker) teams() *teamNames {
	if c.run.teams == nil {
		c.run.teams = newTeamNames(c.p.Teams)
	}
	return c.run.teams
}

// into returns a checker that shares c's run but adds its findings to l.
func (c *checker) into(l *diag.List) *checker {
	sub := *c
	sub.diags = l
	return &sub
}

// review: a roadmap nobody has looked at for a while is not a plan.
func (c *checker) review() {
	p, today := c.p, c.opts.Today
	if today.IsZero() {
		return
	}
	if p.Now != 0 {
		if cur := model.QuarterOf(today.Year(), int(today.Month()-1)/3+1); p.Now < cur {
			c.diags.Warnf(p.Origin.Value("now"), "now is %s but today (%s) is in %s: the plan is read against a past quarter; move now forward", p.Now, today.Format(time.DateOnly), cur)
		}
	}
	switch {
	case p.ReviewEvery != "" && p.Reviewed.IsZero() && !p.Origin.Has("reviewed"):
		c.diags.Warnf(p.Origin.Value("review_every"), "review_every is %q but reviewed is not set: add reviewed = YYYY-MM-DD with the date of the last review", p.ReviewEvery)
	case p.Reviewed.IsZero():
	case p.Reviewed.After(today):
		c.diags.Warnf(p.Origin.Value("reviewed"), "reviewed is %s, after today (%s)", p.Reviewed.Format(time.DateOnly), today.Format(time.DateOnly))
	default:
		if due, ok := p.ReviewDue(); ok && today.After(due) {
			// Whole days from the dates themselves: a Duration overflows
			// after 292 years.
			days := int((today.Unix() - due.Unix()) / 86400)
			c.diags.Warnf(p.Origin.Value("reviewed"), "the roadmap review is overdue: last reviewed %s, reviews are due every %s, so by %s (%s ago); review the plan and update reviewed",
				p.Reviewed.Format(time.DateOnly), p.ReviewEvery, due.Format(time.DateOnly), pluralDays(days))
		}
	}
}

func pluralDays(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// whys: work that serves no theme, and themes that serve no objective, are
// the kitchen-sink roadmap.
func (c *checker) whys() {
	for _, o := range c.p.Objectives {
		if len(o.Themes) == 0 && o.ID != "" { // an invalid id is reported already
			c.diags.Warnf(o.Origin.Pos(), "objective %q has no theme: no work in the plan serves it; add a theme with objective = %q or drop the objective", o.ID, o.ID)
		}
	}
	for _, th := range c.p.Themes {
		if th.Objective == nil && !th.Origin.Has("objective") && th.ID != "" {
			c.diags.Warnf(th.Origin.Pos(), "theme %q has no objective: say which company objective it serves (objective = \"...\"), or it has no why", th.ID)
		}
	}
}

// items applies the per-item rules. The "has no" rules skip fields that
// were written (or misspelt), because those are reported where they stand.
func (c *checker) items(ctx context.Context) {
	now := c.p.Now
	for _, it := range c.p.Items {
		if ctx.Err() != nil {
			return
		}
		o := it.Origin
		if it.Theme == nil && !o.Has("theme") {
			c.diags.Warnf(o.Pos(), "item %q has no theme: say which theme (and so which objective) it serves, or it has no why", it.ID)
		}
		switch it.Horizon {
		case model.HorizonNow:
			if it.Estimate.IsZero() && !o.Has("estimate") {
				c.diags.Warnf(o.Value("horizon"), "item %q is planned for now but has no estimate: committed work needs one, such as estimate = \"2-4w\"", it.ID)
			}
			if it.Team == nil && !o.Has("team") {
				c.diags.Warnf(o.Value("horizon"), "item %q is planned for now but has no team: committed work needs an owner", it.ID)
			}
		case model.HorizonLater:
			if !it.Window.IsZero() {
				c.diags.Warnf(o.Value("window"), "false precision: item %q is planned for later but has window %s; later work is not scheduled yet, so remove the window or move the item to next", it.ID, it.Window.Text)
			}
			if it.ConfidenceSet && it.Confidence == model.ConfidenceHigh {
				c.diags.Warnf(o.Value("confidence"), "false precision: item %q is planned for later with high confidence; later work is uncertain by definition", it.ID)
			}
		}
		if it.Slipped(now) {
			c.diags.Warnf(o.Value("window"), "item %q has slipped: its window %s ended before the current quarter %s and it is not shipped; move the window or mark it shipped", it.ID, it.Window.Text, now)
		}
		c.sequencing(it)
		if it.Public() && it.Theme != nil && it.Theme.PublicTitle == "" && !it.Theme.Origin.Has("public_title") {
			c.diags.Warnf(o.Value("visibility"), "item %q is public but its theme %q has no public_title, so the public page cannot show the theme it belongs to; add public_title to the theme", it.ID, it.Theme.ID)
		}
		c.markdown(it)
	}
}

// sequencing: an item planned before something it depends on cannot be
// delivered as planned.
func (c *checker) sequencing(it *model.Item) {
	for _, dep := range it.DependsOn {
		// The position is looked up only for a conflict: most
		// dependencies have none, and a lookup is a search of the file's
		// index.
		switch it.Conflict(dep) {
		case "horizon":
			c.diags.Warnf(it.DependencyPos(dep.ID), "sequencing conflict: %q is %s but depends on %q, which is planned for %s", it.ID, horizonPhrase(it.Horizon), dep.ID, dep.Horizon)
		case "window":
			c.diags.Warnf(it.DependencyPos(dep.ID), "sequencing conflict: %q is planned for %s but depends on %q, planned for %s, which ends later", it.ID, it.Window.Text, dep.ID, dep.Window.Text)
		}
	}
}

func horizonPhrase(h model.Horizon) string {
	if h == model.HorizonShipped {
		return "shipped"
	}
	return "planned for " + string(h)
}

// cycles: a dependency cycle cannot be sequenced, and value flowing
// through dependencies would never end. Each cycle is reported once, at
// the depends_on entry of its first item by id.
func (c *checker) cycles() {
	for _, scc := range cyclic(c.p.Items) {
		start := scc[0]
		path := shortestCycle(start, scc)
		ids := make([]string, len(path))
		for i, it := range path {
			ids[i] = it.ID
		}
		next := path[1%len(path)]
		if len(path) == 1 {
			c.diags.Errorf(start.DependencyPos(start.ID), "dependency cycle: %q depends on itself", start.ID)
			continue
		}
		c.diags.Errorf(start.DependencyPos(next.ID), "dependency cycle: %s -> %s; remove one of these dependencies", strings.Join(ids, " -> "), ids[0])
	}
}

// cyclic returns the strongly connected components of the dependency
// graph that hold a cycle (more than one item, or an item that depends on
// itself), each sorted by id, in order of their first id. It is Tarjan's
// algorithm, iterative so that deep chains cannot overflow the stack, over
// item numbers rather than maps, since it visits every item of every run.
func cyclic(items []*model.Item) [][]*model.Item {
	nodes := slices.Clone(items)
	num := make(map[*model.Item]int, len(items))
	for i, it := range items {
		num[it] = i
	}
	// index is a node's visit number plus one (0: not visited yet).
	index := make([]int, len(nodes))
	low := make([]int, len(nodes))
	onStack := make([]bool, len(nodes))
	// of numbers a node, adding one that is not in items (a plan built by
	// hand may depend on such an item).
	of := func(it *model.Item) int {
		if n, ok := num[it]; ok {
			return n
		}
		num[it] = len(nodes)
		nodes = append(nodes, it)
		index, low, onStack = append(index, 0), append(low, 0), append(onStack, false)
		return len(nodes) - 1
	}
	var stack []int
	var out [][]*model.Item
	next := 0
	type frame struct{ v, i int }
	visit := func(v int) {
		next++
		index[v], low[v] = next, next
		stack = append(stack, v)
		onStack[v] = true
	}
	for root := range items {
		if index[root] != 0 {
			continue
		}
		visit(root)
		work := []frame{{root, 0}}
		for len(work) > 0 {
			f := &work[len(work)-1]
			if deps := nodes[f.v].DependsOn; f.i < len(deps) {
				w := of(deps[f.i])
				f.i++
				if index[w] == 0 {
					visit(w)
					work = append(work, frame{w, 0})
				} else if onStack[w] {
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}
			v := f.v
			work = work[:len(work)-1]
			if len(work) > 0 {
				parent := work[len(work)-1].v
				low[parent] = min(low[parent], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var comp []*model.Item
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, nodes[w])
				if w == v {
					break
				}
			}
			if len(comp) == 1 && !slices.Contains(comp[0].DependsOn, comp[0]) {
				continue // one item and no cycle: the common case
			}
			slices.SortFunc(comp, func(a, b *model.Item) int { return strings.Compare(a.ID, b.ID) })
			out = append(out, comp)
		}
	}
	slices.SortFunc(out, func(a, b []*model.Item) int { return strings.Compare(a[0].ID, b[0].ID) })
	return out
}

// shortestCycle finds a shortest path from start back to start inside scc
// by breadth-first search; DependsOn is sorted by id, so the result is
// deterministic.
func shortestCycle(start *model.Item, scc []*model.Item) []*model.Item {
	in := make(map[*model.Item]bool, len(scc))
	for _, it := range scc {
		in[it] = true
	}
	prev := map[*model.Item]*model.Item{}
	queue := []*model.Item{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range v.DependsOn {
			if !in[w] {
				continue
			}
			if w == start {
				path := []*model.Item{v}
				for p := v; p != start; {
					p = prev[p]
					path = append(path, p)
				}
				slices.Reverse(path)
				return path
			}
			if _, seen := prev[w]; !seen {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return []*model.Item{start}
}
