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
	"time"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/public"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/source"
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
	// gcPercent is the garbage collector's target for this build, 0 to
	// leave it as it is (GOGC is set).
	gcPercent int
	// keepSource skips the early releases (model.Builder.Read's and
	// Site.Release), as serve does: tests build both ways and compare
	// the output.
	keepSource bool
}

// buildGCPercent is build's garbage collection target when GOGC is not
// set: the heap may grow by half its live size between collections
// instead of doubling. A 10,000-item build then peaks near 190 MB instead
// of 245 MB, for about 4% more CPU (docs/performance.md, Memory). A
// source under lowGCSourceBytes goes back to Go's default once checked:
// its heap is small anyway, and the extra collections while rendering
// would slow the 52-item example by a fifth.
const (
	buildGCPercent   = 50
	lowGCSourceBytes = 8 << 20
)

// sourceBytes is the size of every file read: those in Sources, and the
// item files a packing load kept out of it.
func sourceBytes(site *source.Site) int {
	n := 0
	for _, b := range site.Sources {
		n += len(b)
	}
	for _, it := range site.Items {
		if _, held := site.Sources[it.Body.File]; !held {
			n += it.Size
		}
	}
	return n
}

// gcPercent is the garbage collection target a build sets: none when the
// user chose one with GOGC, which the runtime has applied already.
func gcPercent(env Env) int {
	if env("GOGC") != "" {
		return 0
	}
	return buildGCPercent
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
	day, err := today(*todayFlag, env)
	if err != nil {
		return fail("%v", err)
	}
	o.day = day
	o.gcPercent = gcPercent(env)
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
	// restoreGC puts back the collector's target: Run may be one call in a
	// longer process.
	restoreGC := func() {}
	if o.gcPercent != 0 {
		prev := debug.SetGCPercent(o.gcPercent)
		restoreGC = func() { debug.SetGCPercent(prev) }
	}
	defer restoreGC()
	ranked, src, diags := loadAndCheck(ctx, o.source, o.day, !o.keepSource, packBodies)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "roadmapgen build: interrupted; the previous output is unchanged")
		return ExitProblems
	}
	ds := diags.Sorted()
	if err := diag.WriteAll(stderr, ds, diag.Text, src.SourcesFor(ds)); err != nil {
		fmt.Fprintf(stderr, "roadmapgen build: %v\n", err)
		return ExitProblems
	}
	if diags.HasErrors() {
		fmt.Fprintf(stderr, "roadmapgen build: stopped by %s; nothing was written and %s is as it was\n", diag.Summary(ds), o.out)
		return ExitProblems
	}
	// The diagnostics are printed: what only the model and check read can
	// go before rendering makes its garbage (docs/performance.md, Memory).
	if sourceBytes(src) < lowGCSourceBytes {
		restoreGC() // a small site: see buildGCPercent
	}
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
	r, err := render.New(render.Options{Theme: th, BaseURL: o.baseURL, PublicBaseURL: o.publicBaseURL, Today: o.day, Warnings: warnings, Minify: o.minify, Release: !o.keepSource})
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
	if err := write.Site(ctx, o.out, roots, write.Options{Minify: o.minify, Source: o.source, Replaceable: render.IsOutput}); err != nil {
		return buildFailed(ctx, stderr, o, err)
	}
	for _, root := range roots {
		fmt.Fprintf(stdout, "wrote %s (%s)\n", filepath.Join(o.out, root.Name), diag.Plural(len(root.Files), "file"))
	}
	fmt.Fprintf(stdout, "built %s (%s, %s) with %s\n", o.source, diag.Plural(len(ranked.Model.Items), "item"), diag.Plural(publicCount(ranked), "public item"), diag.Summary(ds))
	return ExitOK
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
