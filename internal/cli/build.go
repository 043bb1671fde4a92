package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/datelike"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/public"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/internal/write"
	"github.com/roadmapgen/roadmapgen/themes"
)

// buildOptions are the settings of one build.
type buildOptions struct {
	source, out, site, theme string
	baseURL, publicBaseURL   string
	minify                   bool
	day                      time.Time
	// memoryLimit says whether this build sets the collector's soft
	// memory limit (memoryLimit): not when GOMEMLIMIT is set.
	limitMemory bool
	// keepSource skips the early releases (model.Builder.Read's and
	// Site.Release), as serve does: tests build both ways and compare
	// the output.
	keepSource bool
}

// A build's memory. The collector keeps Go's default target (the heap may
// double its live size between collections) under a soft memory limit of
// memoryPerItem per item file, at least minMemoryLimit, above what the
// process held before the build. At 10,000 items the live heap is 40-50 MB
// once loaded (item files are kept compressed and bodies converted at
// their pages), and the limit holds the heap's growth at the end of
// loading, where the collector's pacing would otherwise let it reach twice
// its largest live size: the process peaks near 120 MB. A target of 50%
// instead, the rounds before, cost about a fifth more CPU
// (docs/performance.md, Memory). The limit grows with the items, so a
// larger roadmap is not held to a heap it cannot fit, and starts from the
// live heap, so a process holding other data (a benchmark's) does not
// collect without pause.
const (
	minMemoryLimit = 110 << 20
	memoryPerItem  = 11 << 10
)

// memoryLimit returns the limit a build of files item files sets in a
// process whose live heap was live bytes before it.
func memoryLimit(live uint64, files int) int64 {
	return int64(live) + max(minMemoryLimit, int64(files)*memoryPerItem)
}

// liveHeap returns the live heap as of the last collection.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// setsMemoryLimit reports whether build sets its memory limit: not when
// the user chose one with GOMEMLIMIT, which the runtime has applied.
func setsMemoryLimit(env Env) bool { return env("GOMEMLIMIT") == "" }

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	fs := newFlags("build", "build [--source DIR] [--out DIR] [--site all|internal|public] [--base-url URL] [--public-base-url URL] [--theme DIR] [--minify=false] [--today YYYY-MM-DD]", stderr)
	var o buildOptions
	fs.StringVar(&o.source, "source", "content", "read the roadmap source from `DIR`")
	fs.StringVar(&o.out, "out", "dist", "write the sites to `DIR`/internal and DIR/public")
	fs.StringVar(&o.site, "site", "all", "build `all` sites, or only internal or public (the other root is left as it is)")
	fs.StringVar(&o.baseURL, "base-url", "", "absolute `URL` the internal site is served from, for canonical links (links between pages are relative either way)")
	fs.StringVar(&o.publicBaseURL, "public-base-url", "", "absolute `URL` the public site is served from, for its canonical link")
	fs.StringVar(&o.theme, "theme", "", "override theme files with those in `DIR` (default: a themes/ folder beside the source folder, if there is one)")
	fs.BoolVar(&o.minify, "minify", true, "minify HTML, CSS, SVG and JSON (--minify=false for readable output)")
	todayFlag := fs.String("today", "", "judge reviews as of `YYYY-MM-DD` instead of SOURCE_DATE_EPOCH or the clock")
	if code, stop := parse(fs, args); stop {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "roadmapgen build: "+format+"\n", a...)
		return ExitUsage
	}
	switch o.site {
	case "all", "internal", "public":
	default:
		return fail("invalid --site %q: expected all, internal or public", o.site)
	}
	for _, u := range []struct{ flag, value string }{{"base-url", o.baseURL}, {"public-base-url", o.publicBaseURL}} {
		if err := checkBaseURL(u.value); err != nil {
			return fail("invalid --%s %q: %v", u.flag, u.value, err)
		}
	}
	// The public page's canonical link shows its address: like every
	// public field, it may hold no date.
	if m, ok := datelike.New().Find(o.publicBaseURL); ok {
		return fail("invalid --public-base-url %q: %q reads as a date (%s), and the public site shows no dates of any kind: serve it from an address without one", o.publicBaseURL, m.Text, m.Kind)
	}
	day, err := today(*todayFlag, env)
	if err != nil {
		return fail("%v", err)
	}
	o.day = day
	o.limitMemory = setsMemoryLimit(env)
	if err := isFolder(o.source); err != nil {
		return fail("%v", err)
	}
	if o.theme == "" {
		beside := filepath.Join(filepath.Dir(filepath.Clean(o.source)), "themes")
		if info, err := os.Stat(beside); err == nil && info.IsDir() {
			o.theme = beside
		}
	} else if err := isThemeFolder(o.theme); err != nil {
		fmt.Fprintf(stderr, "roadmapgen build: %v\n", err) // a theme that cannot be used: exit 1, as in theme.Load
		return ExitProblems
	}
	return build(ctx, o, stdout, stderr)
}

// checkBaseURL accepts "" or an absolute http(s) URL.
func checkBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return errors.New("expected an absolute http or https URL without a query or fragment, such as https://roadmap.example.com/")
	}
	return nil
}

// build runs the whole pipeline: load, check, plan, render, write.
func build(ctx context.Context, o buildOptions, stdout, stderr io.Writer) int {
	var found func(int)
	if o.limitMemory {
		// Put back as it was: Run may be one call in a longer process.
		live := liveHeap()
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit(live, 0)))
		found = func(files int) { debug.SetMemoryLimit(memoryLimit(live, files)) }
	}
	keep := packBodies
	if o.site == "public" {
		keep = textOnly // no item page, and no internal roadmap.json, shows a body
	}
	ranked, src, diags := loadAndCheck(ctx, o.source, o.day, loadOptions{release: !o.keepSource, bodies: keep, found: found})
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "roadmapgen build: interrupted; the previous output is unchanged")
		return ExitProblems
	}
	ds := diags.Sorted()
	sources := src.SourcesFor(ds)
	if diags.HasErrors() {
		if err := diag.WriteAll(stderr, ds, diag.Text, sources); err != nil {
			fmt.Fprintf(stderr, "roadmapgen build: %v\n", err)
			return ExitProblems
		}
		fmt.Fprintf(stderr, "roadmapgen build: stopped by %s; nothing was written and %s is as it was\n", diag.Summary(ds), o.out)
		return ExitProblems
	}
	// The diagnostics are known but for the bodies' (bodies, below): what
	// only the model and check read can go before rendering makes its
	// garbage (docs/performance.md, Memory).
	if !o.keepSource {
		src.Release()
	}
	th, err := theme.Load(themes.Default(), o.theme)
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen build: %v\n", err)
		return ExitProblems
	}
	var warnings []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d)
		}
	}
	bodies := &bodyWarnings{sources: maps.Clone(sources)}
	opts := render.Options{Theme: th, BaseURL: o.baseURL, PublicBaseURL: o.publicBaseURL, Today: o.day, Warnings: warnings, Minify: o.minify, Release: !o.keepSource}
	if !o.keepSource && keep == packBodies {
		opts.BodyWarnings = bodies.add // bodies are converted at their pages
	}
	r, err := render.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen build: %v\n", err)
		return ExitProblems
	}
	var roots []write.Root
	if o.site != "public" {
		files, err := r.Internal(ctx, ranked)
		if err != nil {
			return buildFailed(ctx, stderr, o, err)
		}
		roots = append(roots, write.Root{Name: "internal", Files: files})
	}
	if o.site != "internal" {
		files, err := r.Public(ctx, public.From(ranked))
		if err != nil {
			return buildFailed(ctx, stderr, o, err)
		}
		roots = append(roots, write.Root{Name: "public", Files: files})
	}
	werr := write.Site(ctx, o.out, roots, write.Options{Minify: o.minify, Source: o.source, Replaceable: render.IsOutput})
	// After a failed write, what the bodies converted so far gave.
	ds = diag.Sort(append(ds, bodies.found...))
	if err := diag.WriteAll(stderr, ds, diag.Text, bodies.sources); err != nil {
		fmt.Fprintf(stderr, "roadmapgen build: %v\n", err)
		return ExitProblems
	}
	if werr != nil {
		return buildFailed(ctx, stderr, o, werr)
	}
	for _, root := range roots {
		fmt.Fprintf(stdout, "wrote %s (%s)\n", filepath.Join(o.out, root.Name), diag.Plural(len(root.Files), "file"))
	}
	fmt.Fprintf(stdout, "built %s (%s, %s) with %s\n", o.source, diag.Plural(len(ranked.Model.Items), "item"), diag.Plural(publicCount(ranked), "public item"), diag.Summary(ds))
	return ExitOK
}

// bodyWarnings collects what the item pages found converting the bodies
// a packed load left unconverted (render.Options.BodyWarnings), with the
// text of each file they name, for printing once the build is written.
type bodyWarnings struct {
	mu      sync.Mutex
	found   []diag.Diagnostic
	sources diag.Sources
}

// add is render.Options.BodyWarnings: check's rule for one body.
func (b *bodyWarnings) add(it *model.Item, text []byte, found markdown.Dropped) []diag.Diagnostic {
	ws := check.BodyWarnings(it, text, found)
	if len(ws) == 0 {
		return nil
	}
	file, err := it.Body.FileText()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.found = append(b.found, ws...)
	if err == nil && file != nil {
		if b.sources == nil {
			b.sources = diag.Sources{}
		}
		b.sources[it.Body.File] = file
	}
	return ws
}

func buildFailed(ctx context.Context, stderr io.Writer, o buildOptions, err error) int {
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "roadmapgen build: interrupted; %s is as it was\n", o.out)
		return ExitProblems
	}
	fmt.Fprintf(stderr, "roadmapgen build: %v\n%s is as it was\n", err, o.out)
	return ExitProblems
}

func publicCount(p *plan.Plan) int {
	n := 0
	for _, it := range p.Model.Items {
		if it.Public() {
			n++
		}
	}
	return n
}
