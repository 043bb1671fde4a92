package browser

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// shared is the one browser of this test binary. It starts on first use, so
// that the tests that need no browser run without one, and TestMain closes it.
var shared struct {
	once sync.Once
	b    *Browser
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.b != nil {
		shared.b.Close()
	}
	os.Exit(code)
}

// sharedBrowser returns the browser of the test binary, or skips t as Require
// does.
func sharedBrowser(t *testing.T) *Browser {
	t.Helper()
	exe := Require(t)
	shared.once.Do(func() {
		start := time.Now()
		shared.b, shared.err = Start(context.Background(), exe)
		if shared.err == nil {
			v, _ := shared.b.Version(context.Background())
			t.Logf("started %s (%s) in %v", exe, v, time.Since(start).Round(time.Millisecond))
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.b
}

// serve writes files into a temporary folder and serves it over HTTP.
func serve(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// closedPort returns the address of a port on loopback that nothing listens
// on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// page is a small mobile-ready HTML document around body.
func page(head, body string) string {
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>test</title>` + head + `</head>
<body>` + body + `</body></html>
`
}

func visit(t *testing.T, url string) Report {
	t.Helper()
	r, err := sharedBrowser(t).Visit(t.Context(), url, 375, 812)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r)
	return r
}

// hasOne reports whether exactly one entry of list contains all the parts.
func hasOne(list []string, parts ...string) bool {
	n := 0
	for _, s := range list {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(s, p)
		}
		if ok {
			n++
		}
	}
	return n == 1
}

func TestVisitClean(t *testing.T) {
	t.Parallel()
	base := serve(t, map[string]string{
		"clean.html": page(`<link rel="stylesheet" href="style.css"><script src="app.js"></script>`,
			`<h1>Roadmap</h1><p>A paragraph that wraps at a narrow width instead of overflowing the viewport.</p>
<img src="dot.svg" alt="dot" width="20" height="20">
<script>console.log("log is fine"); console.warn("so is warn"); console.assert(true, "passes");</script>`),
		"style.css": `body { font-family: sans-serif; margin: 1rem; } img { max-width: 100%; }`,
		"app.js":    `window.appLoaded = true;`,
		"dot.svg":   `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><circle cx="10" cy="10" r="8"/></svg>`,
	})
	r := visit(t, base+"/clean.html")
	if !r.Clean() || len(r.ConsoleErrors) != 0 || len(r.FailedRequests) != 0 || r.Overflow {
		t.Errorf("clean page reported problems:\n%s", r)
	}
	if r.ClientWidth != 375 {
		t.Errorf("ClientWidth = %d, want 375 (the viewport width)", r.ClientWidth)
	}
	if r.ScrollWidth != 375 {
		t.Errorf("ScrollWidth = %d, want 375", r.ScrollWidth)
	}
	if r.URL != base+"/clean.html" {
		t.Errorf("URL = %q", r.URL)
	}
}

func TestVisitConsoleError(t *testing.T) {
	t.Parallel()
	base := serve(t, map[string]string{
		"error.html":  page("", `<script>console.error("boom", 42, {a: 1, b: "x"}, [1, 2]);</script>`),
		"errobj.html": page("", `<script>console.error(new Error("wrapped"));</script>`),
		"assert.html": page("", `<script>console.assert(1 === 2, "math is broken");</script>`),
	})
	r := visit(t, base+"/error.html")
	if len(r.ConsoleErrors) != 1 || !hasOne(r.ConsoleErrors, `console.error: boom 42 {a: 1, b: "x"} [1, 2] (`+base+`/error.html:5)`) {
		t.Errorf("ConsoleErrors = %q, want one console.error with its arguments and place", r.ConsoleErrors)
	}
	if len(r.FailedRequests) != 0 || r.Overflow {
		t.Errorf("unexpected problems:\n%s", r)
	}

	r = visit(t, base+"/errobj.html")
	if len(r.ConsoleErrors) != 1 || !hasOne(r.ConsoleErrors, "console.error: Error: wrapped (") {
		t.Errorf("ConsoleErrors = %q, want the first line of the error", r.ConsoleErrors)
	}

	r = visit(t, base+"/assert.html")
	if len(r.ConsoleErrors) != 1 || !hasOne(r.ConsoleErrors, "console.assert:", "math is broken") {
		t.Errorf("ConsoleErrors = %q, want one failed console.assert", r.ConsoleErrors)
	}
}

func TestVisitException(t *testing.T) {
	t.Parallel()
	base := serve(t, map[string]string{
		"undef.html":  page("", `<p>x</p><script>undefinedFunction();</script>`),
		"throw.html":  page(`<script src="throw.js"></script>`, `<p>x</p>`),
		"throw.js":    "function f() {\n  throw new Error(\"kaput\");\n}\nf();\n",
		"reject.html": page("", `<script>Promise.reject(new TypeError("nobody catches me"));</script>`),
	})
	r := visit(t, base+"/undef.html")
	if len(r.ConsoleErrors) != 1 || !hasOne(r.ConsoleErrors, "exception: Uncaught ReferenceError: undefinedFunction is not defined") {
		t.Errorf("ConsoleErrors = %q, want one uncaught ReferenceError", r.ConsoleErrors)
	}

	r = visit(t, base+"/throw.html")
	if len(r.ConsoleErrors) != 1 || !hasOne(r.ConsoleErrors, "Uncaught Error: kaput", "/throw.js:2") {
		t.Errorf("ConsoleErrors = %q, want one uncaught Error at throw.js:2", r.ConsoleErrors)
	}

	r = visit(t, base+"/reject.html")
	if len(r.ConsoleErrors) != 1 || !hasOne(r.ConsoleErrors, "Uncaught (in promise)", "nobody catches me") {
		t.Errorf("ConsoleErrors = %q, want one unhandled rejection", r.ConsoleErrors)
	}
}

func TestVisitFailedRequests(t *testing.T) {
	t.Parallel()
	closed := closedPort(t)
	base := serve(t, map[string]string{
		"broken.html": page(`<link rel="stylesheet" href="http://`+closed+`/style.css">`,
			`<img src="missing.png" alt="missing"><p>text</p>`),
		"icon.html": page(`<link rel="icon" href="no-icon.svg">`, `<p>text</p>`),
	})
	r := visit(t, base+"/broken.html")
	if !hasOne(r.FailedRequests, base+"/missing.png", "404") {
		t.Errorf("FailedRequests = %q, want the 404 of missing.png", r.FailedRequests)
	}
	if !hasOne(r.FailedRequests, "http://"+closed+"/style.css", "net::ERR_CONNECTION_REFUSED") {
		t.Errorf("FailedRequests = %q, want the refused style.css", r.FailedRequests)
	}
	if len(r.FailedRequests) != 2 {
		t.Errorf("FailedRequests = %q, want exactly 2", r.FailedRequests)
	}
	// Chromium also logs "Failed to load resource" for each; those are left
	// out of ConsoleErrors, as FailedRequests has them.
	if len(r.ConsoleErrors) != 0 {
		t.Errorf("ConsoleErrors = %q, want none", r.ConsoleErrors)
	}

	// A declared icon that is missing is reported; the /favicon.ico that
	// Chromium asks for by itself (a 404 here) was not, above.
	r = visit(t, base+"/icon.html")
	if len(r.FailedRequests) != 1 || !hasOne(r.FailedRequests, base+"/no-icon.svg", "HTTP 404") {
		t.Errorf("FailedRequests = %q, want the declared icon", r.FailedRequests)
	}

	// The page itself with an error status.
	r = visit(t, base+"/nothing-here.html")
	if !hasOne(r.FailedRequests, base+"/nothing-here.html", "HTTP 404") {
		t.Errorf("FailedRequests = %q, want the 404 of the page", r.FailedRequests)
	}
}

func TestVisitOverflow(t *testing.T) {
	t.Parallel()
	base := serve(t, map[string]string{
		"wide.html":   page("", `<div style="width: 600px; height: 10px; background: red"></div>`),
		"narrow.html": page("", `<div style="width: 300px; height: 10px; background: red"></div>`),
		"pre.html":    page("", `<pre>`+strings.Repeat("x", 200)+`</pre>`),
	})
	r := visit(t, base+"/wide.html")
	if !r.Overflow || r.ScrollWidth < 600 || r.ClientWidth != 375 {
		t.Errorf("600px element at 375px: Overflow %v, ScrollWidth %d, ClientWidth %d; want overflow, >= 600, 375",
			r.Overflow, r.ScrollWidth, r.ClientWidth)
	}
	if len(r.ConsoleErrors)+len(r.FailedRequests) != 0 {
		t.Errorf("unexpected problems:\n%s", r)
	}
	if r = visit(t, base+"/pre.html"); !r.Overflow {
		t.Errorf("a long <pre> line did not overflow:\n%s", r)
	}
	if r = visit(t, base+"/narrow.html"); r.Overflow || !r.Clean() {
		t.Errorf("300px element at 375px:\n%s", r)
	}

	// The same wide page in a desktop viewport does not overflow.
	r, err := sharedBrowser(t).Visit(t.Context(), base+"/wide.html", 1280, 800)
	if err != nil {
		t.Fatal(err)
	}
	if r.Overflow || r.ClientWidth != 1280 {
		t.Errorf("600px element at 1280px: Overflow %v, ClientWidth %d", r.Overflow, r.ClientWidth)
	}
}

// A page without a viewport meta element is laid out at 980 px, as on a
// phone; the report shows it in ClientWidth.
func TestVisitNoViewportMeta(t *testing.T) {
	t.Parallel()
	base := serve(t, map[string]string{
		"nometa.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>hi</p></body></html>`,
	})
	r := visit(t, base+"/nometa.html")
	if r.ClientWidth != 980 {
		t.Errorf("ClientWidth = %d, want 980 (Chromium's layout width without a viewport meta)", r.ClientWidth)
	}
}

func TestVisitCSP(t *testing.T) {
	t.Parallel()
	csp := `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`
	base := serve(t, map[string]string{
		"inline.html": page(csp, `<p>x</p><script>document.title = "ran";</script>`),
		"image.html":  page(csp, `<img src="http://`+closedPort(t)+`/x.png" alt="">`),
		"self.html":   page(csp+`<script src="ok.js"></script>`, `<p>x</p>`),
		"ok.js":       `document.title = "ran";`,
	})
	r := visit(t, base+"/inline.html")
	if len(r.ConsoleErrors) != 1 || !hasOne(r.ConsoleErrors, "Content Security Policy", "inline script") {
		t.Errorf("ConsoleErrors = %q, want one CSP violation for the inline script", r.ConsoleErrors)
	}
	if len(r.FailedRequests) != 0 {
		t.Errorf("FailedRequests = %q, want none (an inline script is no request)", r.FailedRequests)
	}

	// A blocked image is both: Chromium logs the violation and fails the
	// request with the reason csp.
	r = visit(t, base+"/image.html")
	if len(r.ConsoleErrors) != 1 || !hasOne(r.ConsoleErrors, "log security:", "Content Security Policy", "Loading the image") {
		t.Errorf("ConsoleErrors = %q, want one CSP violation for the image", r.ConsoleErrors)
	}
	if len(r.FailedRequests) != 1 || !hasOne(r.FailedRequests, "/x.png: blocked by csp") {
		t.Errorf("FailedRequests = %q, want the image blocked by csp", r.FailedRequests)
	}

	if r = visit(t, base+"/self.html"); !r.Clean() {
		t.Errorf("a script from 'self' under default-src 'self':\n%s", r)
	}
}

func TestVisitFileURL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	name := filepath.Join(dir, "index.html")
	if err := os.WriteFile(name, []byte(page("", `<div style="width: 600px">wide</div><img src="missing.png" alt="">`)), 0o644); err != nil {
		t.Fatal(err)
	}
	r := visit(t, "file://"+name)
	if !r.Overflow {
		t.Errorf("file URL: no overflow:\n%s", r)
	}
	if !hasOne(r.FailedRequests, "missing.png", "net::ERR_FILE_NOT_FOUND") {
		t.Errorf("file URL: FailedRequests = %q, want missing.png not found", r.FailedRequests)
	}
}

func TestVisitErrors(t *testing.T) {
	t.Parallel()
	b := sharedBrowser(t)

	// A page that cannot be loaded at all is an error, not a report.
	if _, err := b.Visit(t.Context(), "http://"+closedPort(t)+"/", 375, 812); err == nil ||
		!strings.Contains(err.Error(), "ERR_CONNECTION_REFUSED") {
		t.Errorf("Visit of a closed port: err = %v, want ERR_CONNECTION_REFUSED", err)
	}

	// A page that never finishes fails when the context ends.
	stuck := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer stuck.Close()
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	start := time.Now()
	_, err := b.Visit(ctx, stuck.URL, 375, 812)
	if err == nil || !strings.Contains(err.Error(), context.DeadlineExceeded.Error()) {
		t.Errorf("Visit of a stuck page: err = %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Visit of a stuck page took %v after a 1s deadline", d)
	}

	// The browser still works afterwards.
	base := serve(t, map[string]string{"ok.html": page("", "<p>ok</p>")})
	if r := visit(t, base+"/ok.html"); !r.Clean() {
		t.Errorf("after errors:\n%s", r)
	}
}

func TestPrintPDF(t *testing.T) {
	t.Parallel()
	b := sharedBrowser(t)
	var three strings.Builder
	for i := range 3 {
		three.WriteString(`<div style="break-after: page">page ` + string(rune('1'+i)) + `</div>`)
	}
	base := serve(t, map[string]string{
		// The last break-after adds no empty page.
		"three.html": page(`<style>div:last-child { break-after: auto }</style>`, three.String()),
		"one.html":   page("", `<h1>One page</h1><p>Short.</p>`),
		"long.html":  page("", strings.Repeat(`<p style="margin: 0; height: 100px">line</p>`, 25)),
		"a5.html":    page(`<style>@page { size: A5 }</style>`, `<h1>A5</h1>`),
	})
	// Paper sizes in points (1/72 in), as the MediaBox of each page says.
	a4 := [2]float64{8.27 * 72, 11.69 * 72}
	a5 := [2]float64{148 / 25.4 * 72, 210 / 25.4 * 72}
	for _, tc := range []struct {
		name  string
		want  int
		paper [2]float64
	}{
		{"three.html", 3, a4},
		{"one.html", 1, a4},
		// 2500 px at 96 px/in is 26 in; an A4 page less 1 cm margins holds
		// about 10.9 in.
		{"long.html", 3, a4},
		{"a5.html", 1, a5},
	} {
		pdf, err := b.PrintPDF(t.Context(), base+"/"+tc.name)
		if err != nil {
			t.Fatal(err)
		}
		n, err := PDFPages(pdf)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if n != tc.want {
			t.Errorf("%s: %d pages, want %d", tc.name, n, tc.want)
		}
		// Chromium rounds the paper to whole CSS pixels, so allow 1 pt.
		boxes := mediaBoxes(t, pdf)
		if len(boxes) != tc.want {
			t.Errorf("%s: %d MediaBoxes, want %d", tc.name, len(boxes), tc.want)
		}
		for _, box := range boxes {
			if math.Abs(box[0]-tc.paper[0]) > 1 || math.Abs(box[1]-tc.paper[1]) > 1 {
				t.Errorf("%s: page of %.2f x %.2f pt, want %.2f x %.2f", tc.name, box[0], box[1], tc.paper[0], tc.paper[1])
			}
		}
	}
}

func TestCloseRemovesProfile(t *testing.T) {
	exe := Require(t)
	b, err := Start(t.Context(), exe)
	if err != nil {
		t.Fatal(err)
	}
	dir := userDataDir(t, b)
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("user data dir %s: %v", dir, err)
	}
	b.Close()
	b.Close() // a second Close does nothing
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("user data dir %s still there after Close (err %v)", dir, err)
	}
	if _, err := b.Visit(t.Context(), "about:blank", 375, 812); err == nil {
		t.Errorf("Visit after Close succeeded")
	}
}

// userDataDir reads the --user-data-dir flag of the browser's main process.
func userDataDir(t *testing.T, b *Browser) string {
	t.Helper()
	c := chromedp.FromContext(b.ctx)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		t.Fatal("no browser process")
	}
	pid := c.Browser.Process().Pid
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	if err != nil {
		t.Skipf("reading the command line: %v", err)
	}
	for arg := range strings.SplitSeq(string(raw), "\x00") {
		if v, ok := strings.CutPrefix(arg, "--user-data-dir="); ok {
			return v
		}
	}
	t.Fatalf("no --user-data-dir in %q", raw)
	return ""
}

func TestStartErrors(t *testing.T) {
	t.Parallel()
	if _, err := Start(t.Context(), ""); err == nil || !strings.Contains(err.Error(), "no Chromium found") {
		t.Errorf("Start(\"\"): err = %v", err)
	}
	if _, err := Start(t.Context(), filepath.Join(t.TempDir(), "no-such-chromium")); err == nil {
		t.Errorf("Start of a missing binary succeeded")
	}
	// A binary that is not a browser fails fast instead of waiting.
	start := time.Now()
	if _, err := Start(t.Context(), "/bin/true"); err == nil {
		t.Errorf("Start(/bin/true) succeeded")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Start(/bin/true) took %v", d)
	}

	// ctx limits the start.
	if exe := Find(); exe != "" {
		ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
		defer cancel()
		if b, err := Start(ctx, exe); err == nil || !strings.Contains(err.Error(), context.DeadlineExceeded.Error()) {
			if b != nil {
				b.Close()
			}
			t.Errorf("Start with an expired context: err = %v", err)
		}
	}
}

func TestFind(t *testing.T) {
	t.Setenv(EnvChrome, "/opt/my/chrome")
	if got := Find(); got != "/opt/my/chrome" {
		t.Errorf("Find() with %s set = %q", EnvChrome, got)
	}
	t.Setenv(EnvChrome, "")
	t.Setenv("PATH", t.TempDir())
	got := Find()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		if got != "/usr/bin/chromium" {
			t.Errorf("Find() = %q, want /usr/bin/chromium", got)
		}
	} else if got != "" {
		t.Errorf("Find() with an empty PATH = %q, want \"\"", got)
	}
}

// fakeTB records what Require does with a test.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Skip(args ...any)               { f.skipped = strings.TrimSpace(fmt.Sprint(args...)) }
func (f *fakeTB) Fatalf(format string, a ...any) { f.failed = fmt.Sprintf(format, a...) }

func TestRequire(t *testing.T) {
	t.Setenv(EnvRequire, "")
	var f fakeTB
	if got := require(&f, "/usr/bin/chromium"); got != "/usr/bin/chromium" || f.skipped != "" || f.failed != "" {
		t.Errorf("require with a browser = %q, skipped %q, failed %q", got, f.skipped, f.failed)
	}

	f = fakeTB{}
	require(&f, "")
	if f.skipped != MissingMessage || f.failed != "" {
		t.Errorf("require without a browser: skipped %q, failed %q; want a skip", f.skipped, f.failed)
	}

	t.Setenv(EnvRequire, "1")
	f = fakeTB{}
	require(&f, "")
	if f.failed == "" || !strings.Contains(f.failed, MissingMessage) || f.skipped != "" {
		t.Errorf("require without a browser, %s=1: skipped %q, failed %q; want a failure", EnvRequire, f.skipped, f.failed)
	}
}

func TestReportString(t *testing.T) {
	r := Report{URL: "u"}
	if got := r.String(); got != "u: clean" {
		t.Errorf("String() = %q", got)
	}
	r = Report{URL: "u", ConsoleErrors: []string{"c"}, FailedRequests: []string{"f"}, Overflow: true, ScrollWidth: 600, ClientWidth: 375}
	want := "u:\n  console: c\n  request: f\n  overflow: scrollWidth 600 > clientWidth 375"
	if got := r.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if !slices.Equal(r.ConsoleErrors, []string{"c"}) {
		t.Fatal("String changed the report")
	}
}

var mediaBoxRE = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)

// mediaBoxes returns the width and height of each MediaBox in pdf.
func mediaBoxes(t *testing.T, pdf []byte) [][2]float64 {
	t.Helper()
	var boxes [][2]float64
	for _, m := range mediaBoxRE.FindAllSubmatch(pdf, -1) {
		w, err1 := strconv.ParseFloat(string(m[1]), 64)
		h, err2 := strconv.ParseFloat(string(m[2]), 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("MediaBox %q", m[0])
		}
		boxes = append(boxes, [2]float64{w, h})
	}
	return boxes
}
