// Package browser is a test harness that loads pages in headless Chromium and
// reports what went wrong: console errors, uncaught exceptions, failed
// requests, horizontal overflow at a viewport width, and the page count of a
// print to PDF.
//
// It drives Chromium through github.com/chromedp/chromedp. Tests use it like
// this:
//
//	b := browser.NewForTest(t) // skips when no Chromium is installed
//	r, err := b.Visit(t.Context(), srv.URL+"/roadmap.html", 375, 812)
//	if err != nil {
//		t.Fatal(err)
//	}
//	if !r.Clean() { // console errors, failed requests or overflow
//		t.Error(r)
//	}
//
// A test binary with many such tests can share one Browser: Start it once
// (in TestMain, or on first use) and Close it when m.Run returns.
//
// Each Visit and each PrintPDF opens its own tab in its own browser context (a
// fresh profile with no cache or cookies), so one Browser serves a whole test
// binary and the pages do not see each other.
package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	neturl "net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Environment variables that the harness reads.
const (
	// EnvChrome names the Chromium or Chrome binary to use. It wins over the
	// binaries that Find looks for.
	EnvChrome = "ROADMAPGEN_CHROME"

	// EnvRequire, set to "1", makes Require fail a test when no browser is
	// found, instead of skipping it. .ci/run sets it when it has a browser.
	EnvRequire = "ROADMAPGEN_REQUIRE_BROWSER"
)

// Timeouts of the harness. A page that does not load in PageTimeout fails the
// Visit or PrintPDF instead of hanging the test.
const (
	// StartTimeout limits how long Start waits for the browser to answer.
	StartTimeout = 30 * time.Second

	// PageTimeout limits one Visit or one PrintPDF, load and checks included.
	PageTimeout = 20 * time.Second

	// IdleQuiet is how long the network must have no request in flight, after
	// the load event, before a page counts as settled.
	IdleQuiet = 200 * time.Millisecond

	// IdleMax limits the wait for a settled network after the load event. A
	// page that keeps a request open (a long poll, a stream) is reported
	// after this time, with no error.
	IdleMax = 3 * time.Second
)

// MissingMessage is the message of Require when no browser is found.
const MissingMessage = "no Chromium found: install Debian's chromium package or set " +
	EnvChrome + "; .ci/run installs it"

// Find returns the path of a Chromium or Chrome binary: the value of
// $ROADMAPGEN_CHROME when it is set (even when that file does not exist, so
// that Start reports the mistake), else /usr/bin/chromium, else the first of
// chromium, chromium-browser, google-chrome and google-chrome-stable on PATH.
// It returns "" when there is none.
func Find() string {
	if p := os.Getenv(EnvChrome); p != "" {
		return p
	}
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Require returns the path of the browser, as Find does. When there is none it
// skips the test with MissingMessage, or fails it when the environment
// variable ROADMAPGEN_REQUIRE_BROWSER is "1" (CI sets it once it has installed
// Chromium, so that a lost browser cannot turn the browser tests into skips).
func Require(t testing.TB) string {
	t.Helper()
	return require(t, Find())
}

// require is Require with the result of Find given, so that a test can see
// both outcomes on a machine that has a browser.
func require(t testing.TB, exe string) string {
	t.Helper()
	if exe != "" {
		return exe
	}
	if os.Getenv(EnvRequire) == "1" {
		t.Fatalf("%s (%s=1, so this is an error)", MissingMessage, EnvRequire)
		return ""
	}
	t.Skip(MissingMessage)
	return ""
}

// NewForTest is Require, then Start, with Close registered as a cleanup of t.
// It fails the test when the browser does not start.
func NewForTest(t testing.TB) *Browser {
	t.Helper()
	exe := Require(t)
	b, err := Start(t.Context(), exe)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// Browser is one headless browser process shared by the pages of a test. Its
// methods are safe to call from several goroutines; each call uses its own tab.
type Browser struct {
	// ctx is the chromedp context of the first tab, which owns the browser
	// process. chromedp hands a browser around as a context, so the struct
	// keeps it; Close cancels it.
	ctx         context.Context
	cancelCtx   context.CancelFunc
	cancelAlloc context.CancelFunc

	closeOnce sync.Once
}

// flags are the command line flags of the browser, on top of chromedp's
// defaults (which include --headless, --no-first-run,
// --disable-background-networking and --disable-sync). Without the network
// flags Chromium tries to reach Google's hosts at start, and a closed network
// refuses those connections. chromedp adds a fresh --user-data-dir in the
// temporary directory and removes it when the browser stops.
func flags(exe string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
	)
}

// Start starts the browser at exe (see Find) with the flags that a closed
// network and a root user need (--headless --no-sandbox --disable-gpu
// --disable-quic --no-first-run --disable-background-networking
// --disable-component-update --disable-sync) and a temporary user data
// directory, which Close removes. ctx limits the start only; the browser runs
// until Close.
func Start(ctx context.Context, exe string) (*Browser, error) {
	if exe == "" {
		return nil, errors.New("browser: " + MissingMessage)
	}
	if _, err := os.Stat(exe); err != nil {
		if p, lerr := exec.LookPath(exe); lerr == nil {
			exe = p
		} else {
			return nil, fmt.Errorf("browser: no browser at %s: %w", exe, err)
		}
	}
	// The browser lives until Close, not until ctx ends: chromedp binds the
	// process to the context of the first Run.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.WithoutCancel(ctx), flags(exe)...)
	bctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &Browser{ctx: bctx, cancelCtx: cancelCtx, cancelAlloc: cancelAlloc}

	started := make(chan error, 1)
	go func() { started <- chromedp.Do(bctx) }()
	timer := time.NewTimer(StartTimeout)
	defer timer.Stop()
	var err error
	finished := false
	select {
	case err = <-started:
		finished = true
	case <-ctx.Done():
		err = context.Cause(ctx)
	case <-timer.C:
		err = fmt.Errorf("no answer in %v", StartTimeout)
	}
	if err != nil {
		// Cancelling bctx ends the start (the allocation watches it) and
		// waits for the process to exit and its directory to go. Close must
		// not be used here: chromedp.Cancel after a start that never
		// allocated a browser waits forever.
		cancelCtx()
		if !finished {
			<-started
		}
		cancelAlloc()
		return nil, fmt.Errorf("browser: starting %s: %w", exe, err)
	}
	return b, nil
}

// Close stops the browser and removes its temporary user data directory. It
// waits for the process to exit. Calling it again does nothing.
func (b *Browser) Close() {
	b.closeOnce.Do(func() {
		// A graceful close first (Cancel needs the chromedp context, which
		// the timeout context carries); cancelling the contexts then kills
		// what is left and waits for the directory to be removed.
		ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		defer cancel()
		_ = chromedp.Cancel(ctx)
		b.cancelCtx()
		b.cancelAlloc()
	})
}

// Version returns the product and version of the browser, such as
// "Chrome/156.0.8078.79".
func (b *Browser) Version(ctx context.Context) (string, error) {
	ctx, cancel := b.bound(ctx, b.ctx)
	defer cancel()
	v, err := chromedp.CallBrowser(ctx, cdpbrowser.GetVersion, cdp.Empty{})
	if err != nil {
		return "", fmt.Errorf("browser: reading the version: %w", why(ctx, err))
	}
	return v.Product, nil
}

// errPageTimeout is the cause of a page that takes longer than PageTimeout.
var errPageTimeout = fmt.Errorf("no answer in %v: %w", PageTimeout, context.DeadlineExceeded)

// bound returns a context derived from parent (a chromedp context, which
// carries the tab) that also ends when ctx ends or PageTimeout passes. Its
// context.Cause says which: ctx's own cause, or errPageTimeout.
func (b *Browser) bound(ctx, parent context.Context) (context.Context, context.CancelFunc) {
	pctx, cancelCause := context.WithCancelCause(parent)
	tctx, cancel := context.WithTimeoutCause(pctx, PageTimeout, errPageTimeout)
	stop := context.AfterFunc(ctx, func() { cancelCause(context.Cause(ctx)) })
	return tctx, func() {
		stop()
		cancel()
		cancelCause(nil)
	}
}

// why returns the cause of tctx's end when it has ended, as chromedp only
// reports "context canceled", else err.
func why(tctx context.Context, err error) error {
	if err != nil && tctx.Err() != nil {
		return context.Cause(tctx)
	}
	return err
}

// Report is what happened while loading one page.
type Report struct {
	// URL is the address that was loaded, as given to Visit.
	URL string

	// ConsoleErrors are calls of console.error and of a failing
	// console.assert, uncaught exceptions and unhandled promise rejections,
	// and entries of the browser log with the level error, such as a
	// Content-Security-Policy violation. Log entries about the network
	// ("Failed to load resource") are left out: FailedRequests has them, with
	// the address. Each entry reads "kind: text (url:line)". Sorted.
	ConsoleErrors []string

	// FailedRequests are requests that failed (refused, blocked, aborted),
	// as "url: net::ERR_..." or "url: blocked by csp", and responses with a
	// status of 400 or more, as "url: HTTP 404 Not Found". The page itself
	// counts. The /favicon.ico that Chromium fetches on its own for a page
	// that declares no icon does not. Sorted.
	FailedRequests []string

	// ScrollWidth and ClientWidth are those of document.documentElement once
	// the page has settled, in CSS pixels.
	//
	// Visit lays the page out as a phone does, so a page without
	// <meta name="viewport" content="width=device-width"> gets a layout
	// viewport of 980 px whatever the width asked for; ClientWidth then shows
	// 980, not the width.
	ScrollWidth, ClientWidth int64

	// Overflow reports horizontal overflow: ScrollWidth > ClientWidth. A page
	// without a viewport meta element (see above) is scaled by 375/980, and
	// Chromium 156 then rounds its scrollWidth up to 981, so such a page
	// counts as overflowing: it is not laid out for a phone anyway.
	Overflow bool
}

// Clean reports whether the page had no console error, no failed request and
// no horizontal overflow.
func (r Report) Clean() bool {
	return len(r.ConsoleErrors) == 0 && len(r.FailedRequests) == 0 && !r.Overflow
}

// String lists the problems of the report, one a line, or "clean".
func (r Report) String() string {
	if r.Clean() {
		return r.URL + ": clean"
	}
	var sb strings.Builder
	sb.WriteString(r.URL + ":")
	for _, e := range r.ConsoleErrors {
		sb.WriteString("\n  console: " + e)
	}
	for _, e := range r.FailedRequests {
		sb.WriteString("\n  request: " + e)
	}
	if r.Overflow {
		fmt.Fprintf(&sb, "\n  overflow: scrollWidth %d > clientWidth %d", r.ScrollWidth, r.ClientWidth)
	}
	return sb.String()
}

// Visit loads url (http, https or file) in a new tab whose viewport is width x
// height CSS pixels, laid out as on a phone (mobile and touch emulation). It
// waits for the load event, then for the network to be idle for IdleQuiet (at
// most IdleMax), and returns what happened. It returns an error when the page
// cannot be loaded at all (for example a refused connection) or takes longer
// than PageTimeout; an HTTP error status of the page is in the Report instead.
func (b *Browser) Visit(ctx context.Context, url string, width, height int64) (Report, error) {
	var r Report
	err := b.withPage(ctx, url, width, height, func(tctx context.Context, w *watcher) error {
		dims, err := chromedp.Run(tctx, chromedp.Evaluate[[]int64](
			`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if err != nil {
			return fmt.Errorf("measuring the page: %w", err)
		}
		if len(dims) != 2 {
			return fmt.Errorf("measuring the page: got %v", dims)
		}
		r = w.report(url)
		r.ScrollWidth, r.ClientWidth = dims[0], dims[1]
		r.Overflow = r.ScrollWidth > r.ClientWidth
		return nil
	})
	if err != nil {
		return Report{}, fmt.Errorf("browser: visiting %s: %w", url, err)
	}
	return r, nil
}

// PrintPDF loads url and waits as Visit does (with the default viewport), waits
// for web fonts, and prints it as Chromium's print to PDF
// does: A4 paper (8.27 x 11.69 in) unless the page's CSS @page size says
// otherwise, backgrounds off, Chromium's default margins (1 cm) and no header
// or footer. It returns the PDF bytes; see PDFPages.
func (b *Browser) PrintPDF(ctx context.Context, url string) ([]byte, error) {
	var pdf []byte
	err := b.withPage(ctx, url, 0, 0, func(tctx context.Context, _ *watcher) error {
		// Web fonts change the layout, so wait for them before printing.
		if err := chromedp.Do(tctx, chromedp.Evaluate[chromedp.Void](
			`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
			return fmt.Errorf("waiting for fonts: %w", err)
		}
		var err error
		pdf, err = chromedp.Run(tctx, chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperA4),
			chromedp.PDFPreferCSSPageSize(),
		))
		if err != nil {
			return fmt.Errorf("printing: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("browser: printing %s: %w", url, err)
	}
	return pdf, nil
}

// withPage opens a tab in a new browser context, sets the viewport when width
// is not 0, loads url, waits for the page to settle and calls f with the
// tab's context. The tab and its browser context are closed on return.
func (b *Browser) withPage(ctx context.Context, url string, width, height int64, f func(context.Context, *watcher) error) error {
	w := newWatcher()
	tabCtx, cancelTab := chromedp.NewContext(b.ctx,
		chromedp.WithNewBrowserContext(),
		chromedp.WithListener(w.handle),
	)
	defer cancelTab()
	tctx, cancel := b.bound(ctx, tabCtx)
	defer cancel()

	var steps []chromedp.Action[chromedp.Void]
	if width > 0 {
		steps = append(steps, chromedp.EmulateViewport(width, height,
			chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
	}
	steps = append(steps, chromedp.Navigate(url))
	if err := chromedp.Do(tctx, steps...); err != nil {
		return why(tctx, err)
	}
	if err := w.waitIdle(tctx); err != nil {
		return why(tctx, err)
	}
	return why(tctx, f(tctx, w))
}

// watcher collects the events of one tab. handle runs in chromedp's event
// loop, so it only records, under mu.
type watcher struct {
	mu       sync.Mutex
	urls     map[network.RequestID]string
	ignored  map[network.RequestID]bool // see isImplicitFavicon
	inflight map[network.RequestID]bool
	last     time.Time // the last time a request started or ended
	console  []string
	failed   []string
	changed  chan struct{} // has room for one; a send means "look again"
}

func newWatcher() *watcher {
	return &watcher{
		urls:     make(map[network.RequestID]string),
		ignored:  make(map[network.RequestID]bool),
		inflight: make(map[network.RequestID]bool),
		last:     time.Now(),
		changed:  make(chan struct{}, 1),
	}
}

func (w *watcher) handle(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
			w.console = append(w.console, "console."+string(ev.Type)+": "+argsText(ev.Args)+stackPlace(ev.StackTrace))
		}
	case *runtime.EventExceptionThrown:
		w.console = append(w.console, "exception: "+exceptionText(ev.ExceptionDetails))
	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError || e.Source == log.EntrySourceNetwork {
			return
		}
		place := ""
		if e.URL != "" {
			place = fmt.Sprintf(" (%s:%d)", e.URL, e.LineNumber+1)
		}
		w.console = append(w.console, "log "+string(e.Source)+": "+e.Text+place)
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			w.urls[ev.RequestID] = ev.Request.URL
			if isImplicitFavicon(ev) {
				w.ignored[ev.RequestID] = true
			}
		}
		w.inflight[ev.RequestID] = true
		w.touch()
	case *network.EventResponseReceived:
		if resp := ev.Response; resp != nil && resp.Status >= 400 && !w.ignored[ev.RequestID] {
			w.failed = append(w.failed, fmt.Sprintf("%s: HTTP %d %s", resp.URL, resp.Status, resp.StatusText))
		}
	case *network.EventLoadingFinished:
		delete(w.inflight, ev.RequestID)
		w.touch()
	case *network.EventLoadingFailed:
		var reason []string
		if ev.ErrorText != "" {
			reason = append(reason, ev.ErrorText)
		}
		if ev.BlockedReason != "" {
			reason = append(reason, "blocked by "+string(ev.BlockedReason))
		}
		if ev.Canceled {
			reason = append(reason, "canceled")
		}
		url := w.urls[ev.RequestID]
		if url == "" {
			url = "request " + string(ev.RequestID)
		}
		if !w.ignored[ev.RequestID] {
			w.failed = append(w.failed, url+": "+strings.Join(reason, ", "))
		}
		delete(w.inflight, ev.RequestID)
		w.touch()
	}
}

// isImplicitFavicon reports whether ev is the request for /favicon.ico that
// Chromium makes on its own after the load of a page that declares no icon.
// It is not the page's doing (it reaches the page's network events only in
// headless mode, and DevTools shows no error for it), so a 404 there is not
// reported. A declared icon that fails is reported.
func isImplicitFavicon(ev *network.EventRequestWillBeSent) bool {
	if ev.Type != network.ResourceTypeOther || ev.Initiator == nil || ev.Initiator.Type != network.InitiatorTypeOther {
		return false
	}
	u, err := neturl.Parse(ev.Request.URL)
	return err == nil && u.Path == "/favicon.ico" && u.RawQuery == ""
}

// touch records network activity; the caller holds mu.
func (w *watcher) touch() {
	w.last = time.Now()
	select {
	case w.changed <- struct{}{}:
	default:
	}
}

// waitIdle waits until no request has been in flight for IdleQuiet, or
// IdleMax has passed; neither is an error. It fails only when ctx ends.
func (w *watcher) waitIdle(ctx context.Context) error {
	deadline := time.Now().Add(IdleMax)
	for {
		w.mu.Lock()
		n, last := len(w.inflight), w.last
		w.mu.Unlock()
		now := time.Now()
		if !now.Before(deadline) {
			return nil
		}
		wait := deadline.Sub(now)
		if n == 0 {
			quietAt := last.Add(IdleQuiet)
			if !now.Before(quietAt) {
				return nil
			}
			wait = min(wait, quietAt.Sub(now))
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-w.changed:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// report returns the collected problems, sorted.
func (w *watcher) report(url string) Report {
	w.mu.Lock()
	defer w.mu.Unlock()
	r := Report{URL: url, ConsoleErrors: slices.Clone(w.console), FailedRequests: slices.Clone(w.failed)}
	slices.Sort(r.ConsoleErrors)
	slices.Sort(r.FailedRequests)
	return r
}

// argsText joins the arguments of a console call as the console shows them:
// strings as they are, other values as JSON or their description.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, remoteText(a))
	}
	return strings.Join(parts, " ")
}

func remoteText(a *runtime.RemoteObject) string {
	switch {
	case a == nil:
		return ""
	case a.Type == runtime.RemoteObjectTypeString:
		var s string
		if json.Unmarshal(a.Value, &s) == nil {
			return s
		}
	case a.UnserializableValue != "":
		return string(a.UnserializableValue)
	case a.Subtype == runtime.RemoteObjectSubtypeError:
		// The description of an error is its stack; keep the first line.
		first, _, _ := strings.Cut(a.Description, "\n")
		return first
	case a.Preview != nil:
		return previewText(a.Preview)
	case a.Description != "":
		return a.Description
	}
	if len(a.Value) > 0 {
		return string(a.Value)
	}
	return string(a.Type)
}

// previewText is a short form of an object, as the console shows it:
// {a: 1, b: "x"} or [1, 2], with "…" when properties were left out.
func previewText(p *runtime.ObjectPreview) string {
	parts := make([]string, 0, len(p.Properties)+1)
	array := p.Subtype == runtime.ObjectPreviewSubtypeArray
	for _, pp := range p.Properties {
		v := pp.Value
		switch {
		case pp.Type == runtime.PropertyPreviewTypeString:
			v = strconv.Quote(v)
		case pp.ValuePreview != nil:
			v = previewText(pp.ValuePreview)
		}
		if array {
			parts = append(parts, v)
		} else {
			parts = append(parts, pp.Name+": "+v)
		}
	}
	if p.Overflow {
		parts = append(parts, "…")
	}
	if array {
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if p.Subtype != "" || (p.Description != "" && p.Description != "Object") {
		if len(parts) == 0 {
			return p.Description
		}
		return p.Description + " {" + strings.Join(parts, ", ") + "}"
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// exceptionText is "Uncaught Error: message (url:line)", without the stack.
func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "unknown exception"
	}
	text := d.Text
	if d.Exception != nil {
		desc, _, _ := strings.Cut(remoteText(d.Exception), "\n")
		text = strings.TrimSpace(text + " " + desc)
	}
	place := ""
	switch {
	case d.URL != "":
		place = fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
	default:
		place = stackPlace(d.StackTrace)
	}
	return text + place
}

// stackPlace is " (url:line)" of the top frame of st, or "".
func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", f.URL, f.LineNumber+1)
}
