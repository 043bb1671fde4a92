package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
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
	// limitMemory says whether this build sets the collector's target
	// and soft memory limit (memoryLimit): not when GOMEMLIMIT or GOGC
	// is set.
	limitMemory bool
	// keepSource skips the early releases (model.Builder.Read's and
	// Site.Release), as serve does: tests build both ways and compare
	// the output.
	keepSource bool
}

// A build's memory. The collector runs when the heap has grown to
// buildGCPercent% more than was live after the last collection, or at a
// soft memory limit above what the process held before the build,
// whichever comes first: memoryPerItem per item file and memoryPerByte per
// byte of them read so far, at least minMemoryLimit. At 10,000 items the
// live heap is 55-60 MB once loaded, 31 MB of it the item files, held
// until their pages are written (bodies are converted at their pages, so
// no HTML is held). The limit decides while rendering, and the process
// peaks near 136 MB: at 110 MiB it peaked near 121 MB but collected 20-21
// times instead of 16-17, for 7% more CPU (docs/performance.md). With Go's default target of 100% the heap also
// collected every time it doubled while loading: 28 collections per
// 10,000-item build against 18-20. A small roadmap's heap stays a few
// times its live size. The limit grows with the items and their bytes
// (long bodies keep more alive), so a larger roadmap is not held to a
// heap it cannot fit, and starts from the live heap, so a process holding
// other data (a benchmark's) does not collect without pause
// (docs/performance.md, Memory).
const (
	buildGCPercent = 400
	minMemoryLimit = 125 << 20
	memoryPerItem  = 11 << 10
	memoryPerByte  = 3
)

// memoryLimit returns the limit for a build of files item files, of which
// bytes bytes are read so far, in a process whose live heap was live
// bytes before it.
func memoryLimit(live uint64, files int, bytes int64) int64 {
	return int64(live) + max(minMemoryLimit, int64(files)*memoryPerItem, bytes*memoryPerByte)
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
// the user chose how the collector runs with GOMEMLIMIT or GOGC, which
// the runtime has applied.
func setsMemoryLimit(env Env) bool { return env("GOMEMLIMIT") == "" && env("GOGC") == "" }

// memoryLimiter raises the limit as a build finds and reads its files.
type memoryLimiter struct {
	mu    sync.Mutex
	live  uint64
	files int
	bytes int64
}

func (l *memoryLimiter) found(files int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.files = files
	debug.SetMemoryLimit(memoryLimit(l.live, l.files, l.bytes))
}

// read counts an item file of size bytes, raising the limit once their
// sum has passed its share of the limit set (each 4 MiB read, past it).
func (l *memoryLimiter) read(size int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	before := l.bytes
	l.bytes += int64(size)
	if l.bytes*memoryPerByte > minMemoryLimit && before>>22 != l.bytes>>22 {
		debug.SetMemoryLimit(memoryLimit(l.live, l.files, l.bytes))
	}
}

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
	var load loadOptions
	if o.limitMemory {
		// Put back as it was: Run may be one call in a longer process.
		l := &memoryLimiter{live: liveHeap()}
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryLimit(l.live, 0, 0)))
		defer debug.SetGCPercent(debug.SetGCPercent(buildGCPercent))
		load.found, load.read = l.found, l.read
	}
	keep := deferBodies
	if o.site == "public" {
		keep = textOnly // no item page, and no internal roadmap.json, shows a body
	}
	load.release, load.bodies = !o.keepSource, keep
	ranked, src, diags := loadAndCheck(ctx, o.source, o.day, load)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "roadmapgen build: interrupted; the previous output is unchanged")
		return ExitProblems
	}
	ds := diags.Sorted()
	if diags.HasErrors() {
		if err := diag.WriteAll(stderr, ds, diag.Text, src.SourcesFor(ds)); err != nil {
			fmt.Fprintf(stderr, "roadmapgen build: %v\n", err)
			return ExitProblems
		}
		fmt.Fprintf(stderr, "roadmapgen build: stopped by %s; nothing was written and %s is as it was\n", diag.Summary(ds), o.out)
		return ExitProblems
	}
	// The diagnostics are printed once the pages, which find the bodies'
	// (bodyWarnings), are written. Their texts are made now, while the
	// files they name are at hand: then what only the model and check
	// read can go before rendering makes its garbage (docs/performance.md,
	// Memory).
	shown := &printed{}
	shown.add(ds, src.SourcesFor(ds))
	if !o.keepSource {
		src.Release()
	}
	// fail prints what is known, then why the build stopped.
	fail := func(err error) int {
		if _, perr := shown.write(stderr); perr != nil {
			fmt.Fprintf(stderr, "roadmapgen build: %v\n", perr)
		}
		return buildFailed(ctx, stderr, o, err)
	}
	th, err := theme.Load(themes.Default(), o.theme)
	if err != nil {
		return fail(err)
	}
	var warnings []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d)
		}
	}
	opts := render.Options{Theme: th, BaseURL: o.baseURL, PublicBaseURL: o.publicBaseURL, Today: o.day, Warnings: warnings, Minify: o.minify, Release: !o.keepSource}
	if !o.keepSource && keep == deferBodies {
		opts.BodyWarnings = shown.body // bodies are converted at their pages
	}
	r, err := render.New(opts)
	if err != nil {
		return fail(err)
	}
	var roots []write.Root
	if o.site != "public" {
		files, err := r.Internal(ctx, ranked)
		if err != nil {
			return fail(err)
		}
		roots = append(roots, write.Root{Name: "internal", Files: files})
	}
	if o.site != "internal" {
		files, err := r.Public(ctx, public.From(ranked))
		if err != nil {
			return fail(err)
		}
		roots = append(roots, write.Root{Name: "public", Files: files})
	}
	if err := write.Site(ctx, o.out, roots, write.Options{Minify: o.minify, Source: o.source, Replaceable: render.IsOutput}); err != nil {
		return fail(err) // with what the bodies converted so far gave
	}
	ds, err = shown.write(stderr)
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen build: %v\n", err)
		return ExitProblems
	}
	for _, root := range roots {
		fmt.Fprintf(stdout, "wrote %s (%s)\n", filepath.Join(o.out, root.Name), diag.Plural(len(root.Files), "file"))
	}
	fmt.Fprintf(stdout, "built %s (%s, %s) with %s\n", o.source, diag.Plural(len(ranked.Model.Items), "item"), diag.Plural(publicCount(ranked), "public item"), diag.Summary(ds))
	return ExitOK
}

// printed holds a build's diagnostics with their texts (diag.Texts), made
// while the files they name are at hand, so that the files need not be
// held until they are printed. It is safe for concurrent use.
type printed struct {
	mu    sync.Mutex
	ds    []diag.Diagnostic
	texts []string
}

// add adds ds, whose source lines are in src.
func (p *printed) add(ds []diag.Diagnostic, src diag.Sources) {
	texts := diag.Texts(ds, src)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ds = append(p.ds, ds...)
	p.texts = append(p.texts, texts...)
}

// body is render.Options.BodyWarnings: check's rule for a body converted
// at its page, noted with its source line.
func (p *printed) body(it *model.Item, text []byte, found markdown.Dropped) []diag.Diagnostic {
	ws := check.BodyWarnings(it, text, found)
	if len(ws) > 0 {
		p.add(ws, diag.Sources{it.Body.File: it.Body.FileText()})
	}
	return ws
}

// write prints every diagnostic in check's order, exact duplicates once,
// and returns them so.
func (p *printed) write(w io.Writer) ([]diag.Diagnostic, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	order := make([]int, len(p.ds))
	for i := range order {
		order[i] = i
	}
	// Stable, and Compare orders by every field: pages that finish in any
	// order print the same.
	slices.SortStableFunc(order, func(a, b int) int { return diag.Compare(p.ds[a], p.ds[b]) })
	var b strings.Builder
	out := make([]diag.Diagnostic, 0, len(order))
	for k, i := range order {
		if k > 0 && p.ds[i] == p.ds[order[k-1]] {
			continue
		}
		b.WriteString(p.texts[i])
		out = append(out, p.ds[i])
	}
	_, err := io.WriteString(w, b.String())
	return out, err
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
