// Package serve is roadmapgen's live authoring server. It builds the
// roadmap in memory, serves the internal views at / and a preview of the
// public page at /public/, watches the source folder and, on every save,
// re-reads only the changed files, rebuilds the plan from memory and tells
// the open pages to reload.
//
// Nothing is served from disk: every response comes from the in-memory
// output of the last build, looked up by path, so neither "..", an encoded
// slash nor a symbolic link can reach another file. A source with errors
// never stops the server: pages show every problem, and the last good
// build stays available behind them.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/source"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/themes"
)

// DefaultDebounce is how long the watcher waits for the file system to go
// quiet before it rebuilds. Every editor's save (two writes, a rename
// dance, delete and re-create) fits well inside it, so each save is one
// rebuild.
const DefaultDebounce = 20 * time.Millisecond

// maxDelay bounds how long a stream of events (a git checkout) can put a
// rebuild off.
const maxDelay = time.Second

// Options configure a Server.
type Options struct {
	// Source is the roadmap source folder.
	Source string
	// Theme is a folder of theme overrides ("" for the default theme).
	Theme string
	// Today judges whether the review is overdue.
	Today time.Time
	// Log receives a line per rebuild and every problem; nil discards.
	Log io.Writer
	// Debounce is the quiet window before a rebuild (DefaultDebounce if 0).
	Debounce time.Duration
	// OnRebuild, if set, is called after each rebuild, once its pages are
	// ready and before the browsers are told to reload.
	OnRebuild func(Report)
}

// Report describes one rebuild.
type Report struct {
	// Gen numbers the rebuild: 1 is the first build.
	Gen uint64
	// Changed lists the source paths (slash-separated, inside the source
	// folder) that triggered it, sorted; Full says everything was read
	// again instead.
	Changed []string
	Full    bool
	// Read counts the files read and parsed; Walked says items/ was walked.
	Read   int
	Walked bool
	// Errors and Warnings count the problems of the source as it now is.
	Errors, Warnings int
	// Failed says the pages were not replaced: the source has errors or a
	// page failed to render. The last good build is still served.
	Failed bool
	// Took is the time from the first file-system event of the batch (the
	// save) to the new pages being ready; Build is the rebuild alone.
	Took, Build time.Duration
}

// Server is a live authoring server. Create it with New, then Run it.
type Server struct {
	opts        Options
	log         io.Writer
	renderer    *render.Renderer
	problemPage *template.Template

	// mu serializes rebuilds; tree is the source as last read. builder
	// and checks keep what each unchanged file gave the last rebuild (its
	// fields read, the text rules' findings), so a rebuild reads and scans
	// only what changed.
	mu      sync.Mutex
	tree    *source.Tree
	builder *model.Builder
	checks  *check.Cache

	// cur is what is served; HTTP handlers read it without a lock.
	cur atomic.Pointer[state]

	// changed is closed and replaced after every rebuild, waking the
	// reload streams.
	changedMu sync.Mutex
	changed   chan struct{}

	// viewers counts the reload streams per page: the pages open in a
	// browser, which a rebuild renders before it tells them to reload.
	viewersMu sync.Mutex
	viewers   map[render.Path]int
}

// state is one rebuild's outcome as served.
type state struct {
	gen uint64
	// pages is the last good build (nil before the first one); goodGen its
	// rebuild number.
	pages   *render.Pages
	goodGen uint64
	// failed says the latest rebuild did not replace pages; problems and
	// sources say why.
	failed    bool
	problems  []diag.Diagnostic
	sources   diag.Sources
	renderErr error
}

// New loads the theme and prepares a server; Run (or Reload) builds. Only
// a theme that cannot be used stops the server from starting: a source
// with errors is served as a page of problems.
func New(opts Options) (*Server, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	s := &Server{opts: opts, log: opts.Log, changed: make(chan struct{}), viewers: map[render.Path]int{}}
	if s.log == nil {
		s.log = io.Discard
	}
	var err error
	if s.problemPage, err = template.New("problems").Parse(problemPage); err != nil {
		return nil, err
	}
	th, err := theme.Load(themes.Default(), opts.Theme)
	if err != nil {
		return nil, err
	}
	// Serve renders unminified pages (write minifies, and serve never
	// writes), so a page's source reads well in the browser.
	if s.renderer, err = render.New(render.Options{Theme: th, Today: opts.Today}); err != nil {
		return nil, err
	}
	s.cur.Store(&state{})
	s.tree = source.NewLoader(nil).NewTree(opts.Source)
	s.builder, s.checks = model.NewBuilder(), check.NewCache()
	return s, nil
}

// Apply tells the server that the source paths rels (slash-separated,
// inside the source folder) changed, rebuilds, and returns once the new
// pages are ready: what the watcher does after a save, for tests and
// benchmarks to drive without a file-system watcher.
func (s *Server) Apply(ctx context.Context, rels []string) Report {
	return s.rebuild(ctx, time.Now(), rels, false)
}

// Reload reads the whole source folder again and rebuilds, as after a lost
// file-system event.
func (s *Server) Reload(ctx context.Context) Report {
	return s.rebuild(ctx, time.Now(), nil, true)
}

// rebuild applies a batch whose first event came at since.
func (s *Server) rebuild(ctx context.Context, since time.Time, rels []string, full bool) Report {
	s.mu.Lock()
	rep, st := s.build(ctx, since, rels, full)
	s.mu.Unlock()
	if st != nil {
		s.report(rep, st)
	}
	return rep
}

// build runs the pipeline from the tree in memory and publishes the
// outcome; s.mu must be held. A nil state means ctx was cancelled and
// nothing changed.
func (s *Server) build(ctx context.Context, since time.Time, rels []string, full bool) (Report, *state) {
	start := time.Now()
	rep := Report{Full: full}
	var ch source.Changes
	if full {
		ch = s.tree.Reload(ctx)
	} else {
		rep.Changed = slices.Compact(slices.Sorted(slices.Values(rels)))
		ch = s.tree.Update(ctx, rep.Changed)
	}
	rep.Read, rep.Walked = ch.Read, ch.Walked
	var diags diag.List
	site := s.tree.Site(&diags)
	m := s.builder.Build(ctx, site, &diags)
	// One ranking for check's planning rules and for the pages.
	p := plan.Make(m)
	check.Run(ctx, m, check.Options{Today: s.opts.Today, Plan: p, Cache: s.checks}, &diags)
	prev := s.cur.Load()
	st := &state{gen: prev.gen + 1, pages: prev.pages, goodGen: prev.goodGen, sources: site.Sources, problems: diags.Sorted()}
	var warnings []diag.Diagnostic
	for _, d := range st.problems {
		if d.Severity == diag.Warning {
			warnings = append(warnings, d)
		}
	}
	rep.Errors, rep.Warnings = len(st.problems)-len(warnings), len(warnings)
	if rep.Errors == 0 {
		// Only the pages open in a browser are rendered now; any other
		// when it is asked for.
		pages := s.renderer.WithWarnings(warnings).Pages(p)
		if err := pages.Prerender(ctx, s.viewed()); err != nil {
			st.renderErr = err
		} else {
			st.pages, st.goodGen = pages, st.gen
		}
	}
	if ctx.Err() != nil {
		return Report{Gen: prev.gen, Failed: true}, nil // shutting down: keep what is served
	}
	st.failed = rep.Errors > 0 || st.renderErr != nil
	s.cur.Store(st)
	now := time.Now()
	rep.Gen, rep.Failed, rep.Build, rep.Took = st.gen, st.failed, now.Sub(start), now.Sub(since)
	return rep, st
}

// report logs a rebuild, calls OnRebuild and wakes the reload streams.
func (s *Server) report(rep Report, st *state) {
	first := rep.Gen == 1
	var b bytes.Buffer
	if rep.Errors > 0 || first || st.renderErr != nil {
		// Problems in full, as check prints them; a clean rebuild only
		// counts warnings (the plan view lists them).
		_ = diag.WriteAll(&b, st.problems, diag.Text, st.sources)
	}
	what := "full"
	if !rep.Full {
		what = strings.Join(rep.Changed, ", ") + " changed"
	}
	if first {
		fmt.Fprintf(&b, "built %s in %s: %s\n", s.opts.Source, ms(rep.Build), diag.Summary(st.problems))
	} else {
		fmt.Fprintf(&b, "rebuilt in %s, ready %s after the save (%s): %s\n", ms(rep.Build), ms(rep.Took), what, diag.Summary(st.problems))
	}
	if st.renderErr != nil {
		fmt.Fprintf(&b, "roadmapgen serve: %v\n", st.renderErr)
	}
	if st.failed && st.pages != nil {
		b.WriteString("the browser shows these problems; the last good build stays available behind them\n")
	}
	_, _ = s.log.Write(b.Bytes())
	if s.opts.OnRebuild != nil {
		s.opts.OnRebuild(rep)
	}
	s.changedMu.Lock()
	close(s.changed)
	s.changed = make(chan struct{})
	s.changedMu.Unlock()
}

// view records that a browser shows page (+1) or no longer does (-1).
func (s *Server) view(page render.Path, delta int) {
	s.viewersMu.Lock()
	defer s.viewersMu.Unlock()
	if s.viewers[page] += delta; s.viewers[page] <= 0 {
		delete(s.viewers, page)
	}
}

// viewed lists the pages open in a browser, sorted.
func (s *Server) viewed() []render.Path {
	s.viewersMu.Lock()
	defer s.viewersMu.Unlock()
	out := make([]render.Path, 0, len(s.viewers))
	for p := range s.viewers {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b render.Path) int { return strings.Compare(a.Root+"/"+a.Path, b.Root+"/"+b.Path) })
	return out
}

// wait returns a channel closed at the next rebuild.
func (s *Server) wait() <-chan struct{} {
	s.changedMu.Lock()
	defer s.changedMu.Unlock()
	return s.changed
}

// ms formats a duration in whole milliseconds, or tenths below 10 ms.
func ms(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%dms", d.Round(time.Millisecond)/time.Millisecond)
}

// Run builds the source, serves on ln and rebuilds on every save until
// ctx is cancelled, then
// shuts down: the watcher closed, open reload streams ended, the listener
// closed, and no goroutine left behind. It returns nil after a clean
// shutdown.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	// Watch before the first build, so that a save during it is not lost.
	w, err := newWatcher(s.opts.Source, s.log)
	if err != nil {
		ln.Close()
		return err
	}
	if s.cur.Load().gen == 0 {
		s.Reload(ctx)
	}
	// Requests live in runCtx, so cancelling it ends the reload streams,
	// which Shutdown would otherwise wait for.
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	hs := &http.Server{
		Handler:           s.Handler(),
		BaseContext:       func(net.Listener) context.Context { return runCtx },
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(s.log, "roadmapgen serve: ", 0),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		s.watch(runCtx, w, w.fs.Events, w.fs.Errors)
	}()

	select {
	case <-ctx.Done():
	case err = <-served: // the listener failed
	}
	cancel()
	<-watched
	closeErr := w.close()
	shut, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	if shutErr := hs.Shutdown(shut); shutErr != nil && err == nil {
		err = shutErr
	}
	if err == nil {
		if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) {
			err = serveErr
		}
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	if err == nil && closeErr != nil {
		err = fmt.Errorf("closing the watcher: %w", closeErr)
	}
	return err
}
