package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/roadmapgen/roadmapgen/internal/render"
)

var testDay = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

func item(title string) string {
	return "+++\ntitle = \"" + title + "\"\nkind = \"feature\"\nhorizon = \"next\"\n+++\nThe body of " + title + ".\n"
}

// site is a running server on a loopback port over a source folder.
type site struct {
	t       *testing.T
	dir     string
	base    string
	reports chan Report
	log     *syncBuffer
	srv     *Server
	stop    func() // cancels and waits for Run to return
}

// syncBuffer is a log the server and the test may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// start writes a small source folder and serves it on a random port.
func start(t *testing.T) *site {
	t.Helper()
	dir := t.TempDir()
	s := &site{t: t, dir: dir, reports: make(chan Report, 100), log: &syncBuffer{}}
	s.write("roadmap.toml", "title = \"Test roadmap\"\nnow = \"2026-Q4\"\n")
	s.write("items/a/alpha.md", item("Alpha one"))
	s.write("items/b/beta.md", item("Beta one"))
	s.write("items/gamma.md", item("Gamma one"))
	s.write("dist/internal/index.html", "an output folder inside the source folder")
	s.serve(t)
	return s
}

func (s *site) serve(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := New(Options{Source: s.dir, Today: testDay, Log: s.log, Debounce: testDebounce, OnRebuild: func(r Report) { s.reports <- r }})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.srv, s.base = srv, "http://"+ln.Addr().String()
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln) }()
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	t.Cleanup(s.stop)
	// Run watches before it builds: once the first build is reported,
	// every save is seen.
	if r := s.next(); r.Gen != 1 || r.Failed {
		t.Fatalf("first build: %+v\n%s", r, s.log)
	}
}

func (s *site) path(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

// testDebounce is the tests' quiet window, longer than DefaultDebounce:
// on a loaded machine a test can be descheduled for more than 20 ms in the
// middle of a save (between truncating a file and writing it, or between
// the steps of an editor's safe write), and the tests require exactly one
// rebuild per save.
const testDebounce = 150 * time.Millisecond

func (s *site) write(rel, text string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(s.path(rel)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.path(rel), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.path(from), s.path(to)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) remove(rel string) {
	s.t.Helper()
	if err := os.RemoveAll(s.path(rel)); err != nil {
		s.t.Fatal(err)
	}
}

// next waits for the next rebuild.
func (s *site) next() Report {
	s.t.Helper()
	select {
	case r := <-s.reports:
		return r
	case <-time.After(10 * time.Second):
		s.t.Fatalf("no rebuild within 10s; log:\n%s", s.log)
		return Report{}
	}
}

// quiet proves that the last change caused no further rebuild: it saves
// a sentinel file, and the next rebuild must be the sentinel's alone. A
// late event of the change would either rebuild first or join the
// sentinel's batch, and fail either way.
func (s *site) quiet(n int) {
	s.t.Helper()
	rel := "items/zz-sentinel.md"
	s.write(rel, item(fmt.Sprintf("Sentinel %d", n)))
	if r := s.next(); !slices.Equal(r.Changed, []string{rel}) {
		s.t.Fatalf("a rebuild for %q came after the change's one rebuild", r.Changed)
	}
}

func (s *site) get(p string) (int, string) {
	s.t.Helper()
	resp, err := http.Get(s.base + p)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// fetch follows redirects, as a browser does, and also returns where they
// end (path and query).
func (s *site) fetch(p string) (code int, body, at string) {
	s.t.Helper()
	resp, err := http.Get(s.base + p)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Request.URL.RequestURI()
}

// TestSaveStyles performs each editor's way of saving on disk and requires
// exactly one rebuild and the new content over HTTP.
func TestSaveStyles(t *testing.T) {
	s := start(t)
	steps := []struct {
		name string
		save func()
		// changed must be among the rebuild's changed paths.
		changed string
		// page must answer code and contain want.
		page string
		code int
		want string
	}{
		{"in-place write, two writes", func() {
			f, err := os.OpenFile(s.path("items/a/alpha.md"), os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				t.Fatal(err)
			}
			text := item("Alpha two")
			f.WriteString(text[:20])
			f.WriteString(text[20:])
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}, "items/a/alpha.md", "/items/alpha.html", 200, "Alpha two"},
		{"vim: backup by rename, write, delete backup", func() {
			s.write("items/a/4913", "")
			s.remove("items/a/4913")
			s.write("items/a/.alpha.md.swp", "swap")
			s.rename("items/a/alpha.md", "items/a/alpha.md~")
			s.write("items/a/alpha.md", item("Alpha three"))
			os.Chmod(s.path("items/a/alpha.md"), 0o644)
			s.remove("items/a/alpha.md~")
		}, "items/a/alpha.md", "/items/alpha.html", 200, "Alpha three"},
		{"VS Code atomic save", func() {
			s.write("items/a/alpha.md.vsctmp", item("Alpha four"))
			s.rename("items/a/alpha.md.vsctmp", "items/a/alpha.md")
		}, "items/a/alpha.md", "/items/alpha.html", 200, "Alpha four"},
		{"JetBrains safe write", func() {
			s.write("items/a/alpha.md___jb_tmp___", item("Alpha five"))
			s.rename("items/a/alpha.md", "items/a/alpha.md___jb_old___")
			s.rename("items/a/alpha.md___jb_tmp___", "items/a/alpha.md")
			s.remove("items/a/alpha.md___jb_old___")
		}, "items/a/alpha.md", "/items/alpha.html", 200, "Alpha five"},
		{"delete and re-create", func() {
			s.remove("items/b/beta.md")
			s.write("items/b/beta.md", item("Beta two"))
		}, "items/b/beta.md", "/items/beta.html", 200, "Beta two"},
		{"new folder with files written at once", func() {
			s.write("items/new/delta.md", item("Delta one"))
			s.write("items/new/epsilon.md", item("Epsilon one"))
			s.write("items/new/deeper/zeta.md", item("Zeta one"))
		}, "items/new", "/items/zeta.html", 200, "Zeta one"},
		{"edit in the new folder", func() {
			s.write("items/new/deeper/zeta.md", item("Zeta two"))
		}, "items/new/deeper/zeta.md", "/items/zeta.html", 200, "Zeta two"},
		{"renamed folder", func() {
			s.rename("items/new", "items/moved")
		}, "items/moved", "/items/zeta.html", 200, "items/moved/deeper/zeta.md"},
		{"edit in the renamed folder", func() {
			s.write("items/moved/delta.md", item("Delta two"))
		}, "items/moved/delta.md", "/items/delta.html", 200, "Delta two"},
		{"deleted item", func() {
			s.remove("items/gamma.md")
		}, "items/gamma.md", "/items/gamma.html", 404, "No page at /items/gamma.html"},
		{"deleted folder", func() {
			s.remove("items/moved")
		}, "items/moved", "/items/delta.html", 404, "No page"},
		{"roadmap.toml", func() {
			s.write("roadmap.toml", "title = \"Renamed roadmap\"\nnow = \"2026-Q4\"\n")
		}, "roadmap.toml", "/", 200, "Renamed roadmap"},
	}
	for i, st := range steps {
		st.save()
		r := s.next()
		if !slices.Contains(r.Changed, st.changed) || r.Failed {
			t.Fatalf("%s: rebuild %+v, want one for %s that succeeds\n%s", st.name, r, st.changed, s.log)
		}
		code, body := s.get(st.page)
		if code != st.code || !strings.Contains(body, st.want) {
			t.Errorf("%s: GET %s answered %d without %q", st.name, st.page, code, st.want)
		}
		s.quiet(i)
	}
	// Files the loader skips, editors' leftovers and the output folder
	// never rebuild.
	s.write("items/_drafts/x.md", item("Draft"))
	s.write("items/.hidden.md", item("Hidden"))
	s.write("items/a/alpha.md~", "backup")
	s.write("items/a/notes.txt", "notes")
	s.write("dist/internal/index.html", "output")
	os.Chmod(s.path("items/a/alpha.md"), 0o600)
	s.quiet(len(steps))
	if !strings.Contains(s.log.String(), "ready") {
		t.Errorf("the log does not report the time to the page being ready:\n%s", s.log)
	}
}

// TestReloadStream reads the server-sent events: the current build at
// once, the next after a save.
func TestReloadStream(t *testing.T) {
	s := start(t)
	resp, err := http.Get(s.base + eventsPath + "?page=%2Fitems%2Falpha%2F")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	lines := bufio.NewScanner(resp.Body)
	event := func() string {
		t.Helper()
		var name string
		for lines.Scan() {
			line := lines.Text()
			if v, ok := strings.CutPrefix(line, "event: "); ok {
				name = v
			}
			if v, ok := strings.CutPrefix(line, "data: "); ok && name == "build" {
				return v
			}
		}
		t.Fatalf("stream ended: %v", lines.Err())
		return ""
	}
	if got := event(); got != "1" {
		t.Fatalf("first event: build %s, want 1", got)
	}
	// The page the stream is for is rendered before the event is sent.
	s.srv.viewersMu.Lock()
	viewers := len(s.srv.viewers)
	s.srv.viewersMu.Unlock()
	if viewers != 1 {
		t.Errorf("%d pages are known to be open, want 1", viewers)
	}
	s.write("items/a/alpha.md", item("Alpha streamed"))
	if got := event(); got != "2" {
		t.Fatalf("after a save: build %s, want 2", got)
	}
	if _, body := s.get("/items/alpha.html"); !strings.Contains(body, "Alpha streamed") || !strings.Contains(body, `data-build="2"`) {
		t.Error("the page after the event is not the new build")
	}
}

// TestBrokenSource: a broken save serves the error page with every
// problem, keeps the last good build behind it, and the fix restores.
func TestBrokenSource(t *testing.T) {
	s := start(t)
	s.write("items/a/alpha.md", "+++\ntitle = \"Alpha\"\nkind = \"featur\"\nhorizon = \"soon\"\n+++\n")
	if r := s.next(); !r.Failed || r.Errors != 2 {
		t.Fatalf("broken save: %+v", r)
	}
	for _, p := range []string{"/", "/items/beta.html", "/public/"} {
		code, body := s.get(p)
		for _, want := range []string{
			"The roadmap source has 2 errors",
			s.path("items/a/alpha.md") + ":3:8</code>: error: invalid kind &#34;featur&#34;",
			"3 | kind = &#34;featur&#34;",
			`did you mean &#34;feature&#34;?`,
			s.path("items/a/alpha.md") + ":4:11</code>: error: invalid horizon",
			"Show the last good build",
			`src="/_roadmapgen/reload.js"`,
		} {
			if code != 500 || !strings.Contains(body, want) {
				t.Errorf("GET %s answered %d without %q", p, code, want)
			}
		}
	}
	code, body := s.get("/items/alpha.html?" + lastGoodQuery)
	if code != 200 || !strings.Contains(body, "Alpha one") || !strings.Contains(body, "roadmapgen-stale") {
		t.Errorf("the last good build: %d, stale banner or old title missing", code)
	}
	if code, _ := s.get("/assets/style.css"); code != 200 {
		t.Errorf("assets of the last good build: %d", code)
	}
	if !strings.Contains(s.log.String(), "kind = \"featur\"") {
		t.Errorf("the terminal does not show the problem:\n%s", s.log)
	}
	s.write("items/a/alpha.md", item("Alpha fixed"))
	if r := s.next(); r.Failed {
		t.Fatalf("fixed save: %+v", r)
	}
	if code, body := s.get("/items/alpha.html"); code != 200 || !strings.Contains(body, "Alpha fixed") || strings.Contains(body, "roadmapgen-stale") {
		t.Errorf("after the fix: %d", code)
	}
}

// TestLastGoodBrowsing: while the source is broken, the last good build
// can be browsed page to page, since every relative link of its pages
// stays in it; once the source is fixed, every address of it leads to the
// fresh build.
func TestLastGoodBrowsing(t *testing.T) {
	s := start(t)
	s.write("items/a/alpha.md", "+++\ntitle = \"Alpha\"\nkind = \"featur\"\nhorizon = \"next\"\n+++\n")
	if r := s.next(); !r.Failed {
		t.Fatalf("broken save: %+v", r)
	}

	// The error page links to the same page of the last good build.
	_, errPage := s.get("/items/alpha.html")
	m := regexp.MustCompile(`<a href="([^"]*)">Show the last good build`).FindStringSubmatch(errPage)
	if m == nil {
		t.Fatalf("the error page has no link to the last good build:\n%s", errPage)
	}
	if code, body, at := s.fetch(html.UnescapeString(m[1])); code != 200 || at != lastGoodPrefix+"/items/alpha.html" || !strings.Contains(body, "Alpha one") || !strings.Contains(body, "roadmapgen-stale") {
		t.Errorf("the error page's link %s: %d at %s, want the last good alpha page", m[1], code, at)
	}

	for _, tc := range []struct {
		path string // asked for
		at   string // where the redirects end
		code int
		want string
	}{
		{"/?last-good", lastGoodPrefix + "/", 200, "Test roadmap"},
		{"/executive?last-good", lastGoodPrefix + "/executive/", 200, "roadmapgen-stale"},
		{"/items/alpha?last-good", lastGoodPrefix + "/items/alpha.html", 200, "Alpha one"},
		{"/public/?last-good", lastGoodPrefix + "/public/", 200, "roadmapgen-preview"},
		{lastGoodPrefix, lastGoodPrefix + "/", 200, "roadmapgen-stale"},
		{lastGoodPrefix + "/public", lastGoodPrefix + "/public/", 200, "roadmapgen-stale"},
		{lastGoodPrefix + "/items/alpha/", lastGoodPrefix + "/items/alpha.html", 200, "Alpha one"},
		{lastGoodPrefix + "/assets/style.css", lastGoodPrefix + "/assets/style.css", 200, ""},
		{lastGoodPrefix + "/items/nope.html", lastGoodPrefix + "/items/nope.html", 404, "No page"},
	} {
		if code, body, at := s.fetch(tc.path); code != tc.code || at != tc.at || !strings.Contains(body, tc.want) {
			t.Errorf("broken: GET %s: %d at %s, want %d at %s with %q", tc.path, code, at, tc.code, tc.at, tc.want)
		}
	}

	// Follow every relative link from both roots' front pages: each page
	// is the last good build with the banner, never the error page.
	queue := []string{"/?last-good", "/public/?last-good"}
	seen := map[string]bool{}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		code, body, at := s.fetch(p)
		if seen[at] {
			continue
		}
		seen[at] = true
		if !strings.HasPrefix(at, lastGoodPrefix+"/") {
			t.Errorf("GET %s left the last good build for %s", p, at)
		}
		base, err := url.Parse(at)
		if err != nil {
			t.Fatal(err)
		}
		isPage := path.Ext(base.Path) == ".html" || strings.HasSuffix(base.Path, "/")
		if code != 200 || isPage && !strings.Contains(body, "roadmapgen-stale") {
			t.Errorf("GET %s: %d at %s, want 200 with the out-of-date banner", p, code, at)
			continue
		}
		if !isPage {
			continue
		}
		for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(body, -1) {
			ref, err := url.Parse(html.UnescapeString(m[1]))
			if err != nil {
				t.Errorf("%s links to %q: %v", at, m[1], err)
				continue
			}
			// Serve's own files and the banner's way back to the
			// problems are absolute; fragments stay on the page.
			if ref.IsAbs() || ref.Host != "" || strings.HasPrefix(ref.Path, "/") || ref.Path == "" {
				continue
			}
			next := base.ResolveReference(ref)
			next.Fragment = ""
			queue = append(queue, next.String())
		}
	}
	for _, want := range []string{
		lastGoodPrefix + "/executive/index.html",
		lastGoodPrefix + "/items/alpha.html",
		lastGoodPrefix + "/items/beta.html",
		lastGoodPrefix + "/assets/style.css",
	} {
		if !seen[want] {
			t.Errorf("following the links never reached %s; reached %v", want, slices.Sorted(maps.Keys(seen)))
		}
	}

	// The banner's link goes back to the problems.
	_, body, _ := s.fetch(lastGoodPrefix + "/items/beta.html")
	if !strings.Contains(body, `<a href="/items/beta.html">Show the problems</a>`) {
		t.Errorf("the banner does not link to the page's problems:\n%s", body)
	}
	// The reload stream of a last good page counts for the page itself,
	// so that a rebuild renders it before it reloads.
	resp, err := http.Get(s.base + eventsPath + "?page=" + url.QueryEscape(lastGoodPrefix+"/items/beta.html"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.srv.viewed(), []render.Path{{Root: render.RootInternal, Path: "items/beta.html"}}; !slices.Equal(got, want) {
		t.Errorf("open pages %v, want %v", got, want)
	}
	resp.Body.Close()

	s.write("items/a/alpha.md", item("Alpha fixed"))
	if r := s.next(); r.Failed {
		t.Fatalf("fixed save: %+v", r)
	}
	for _, tc := range []struct {
		path, at, want string
	}{
		{lastGoodPrefix + "/items/alpha.html", "/items/alpha.html", "Alpha fixed"},
		{"/items/alpha.html?last-good", "/items/alpha.html", "Alpha fixed"},
		{lastGoodPrefix + "/executive/", "/executive/", "Test roadmap"},
		{lastGoodPrefix, "/", "Test roadmap"},
		{"/public/?last-good", "/public/", "roadmapgen-preview"},
	} {
		if code, body, at := s.fetch(tc.path); code != 200 || at != tc.at || !strings.Contains(body, tc.want) || strings.Contains(body, "roadmapgen-stale") {
			t.Errorf("fixed: GET %s: %d at %s, want the fresh page at %s", tc.path, code, at, tc.at)
		}
	}
}

// TestFirstBuildBroken: a source that never built still serves its
// problems.
func TestFirstBuildBroken(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "roadmap.toml"), []byte("title = [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Source: dir, Today: testDay})
	if err != nil {
		t.Fatal(err)
	}
	if r := srv.Reload(context.Background()); !r.Failed || r.Errors != 2 { // the TOML, and no items/
		t.Fatalf("first build: %+v", r)
	}
	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{"/", 500, "Nothing could be built yet"},
		{"/public/", 500, "invalid TOML"},
		{"/assets/style.css", 503, "nothing has been built yet"},
	} {
		code, body := request(t, srv.Handler(), tc.path)
		if code != tc.code || !strings.Contains(body, tc.want) || strings.Contains(body, lastGoodQuery) {
			t.Errorf("GET %s: %d %q", tc.path, code, body)
		}
	}
}

// TestPaths: the two roots, redirects for folders, and every way out of
// the build refused.
func TestPaths(t *testing.T) {
	s := start(t)
	tests := []struct {
		raw  string // the request target, sent as is
		code int
		want string
	}{
		{"/", 200, "Test roadmap"},
		{"/index.html", 200, "Test roadmap"},
		{"/items/alpha.html", 200, "Alpha one"},
		{"/public/", 200, "roadmapgen-preview"},
		{"/public/roadmap.json", 200, "{"},
		{"/roadmap.json", 200, "alpha"},
		{"/assets/style.css", 200, ""},
		{"/public", 302, ""},
		{"/executive", 302, ""},
		{"/items/alpha", 302, `href="/items/alpha.html"`},
		{"/items/alpha/", 302, `href="/items/alpha.html"`},
		{"/items/alpha/index.html", 302, `href="/items/alpha.html"`},
		{"/items/nope/", 404, ""},
		{"/items/nope.html", 404, "an item page is at /items/&lt;id&gt;.html"},
		{"/roadmap.toml", 404, ""},
		{"/items/a/alpha.md", 404, ""},
		{"/public/items/alpha.html", 404, ""},
		{"/../roadmap.toml", 400, "refused"},
		{"/items/../../roadmap.toml", 400, "refused"},
		{"/%2e%2e/roadmap.toml", 400, "refused"},
		{"/%2E%2E/%2E%2E/etc/passwd", 400, "refused"},
		{"/public/%2e%2e/index.html", 400, "refused"},
		{"/public/../index.html", 400, "refused"},
		{"/items%2falpha%2findex.html", 400, "refused"},
		{"/items%2Falpha/", 400, "refused"},
		{"/items/..%5c..%5croadmap.toml", 400, "refused"},
		{"/items\\..\\roadmap.toml", 400, "refused"},
		{"/./index.html", 400, "refused"},
		{"//etc/passwd", 400, "refused"},
		{"/index.html%00", 400, "refused"},
		{"/%zz", 400, ""}, // refused by net/http itself
		// The last good build's addresses, in a good build: the plain page.
		{"/items/alpha.html?last-good", 302, `href="/items/alpha.html"`},
		{"/public?last-good", 302, `href="/public"`},
		{lastGoodPrefix + "/items/alpha.html", 302, `href="/items/alpha.html"`},
		{lastGoodPrefix + "/", 302, `href="/"`},
		{lastGoodPrefix, 302, `href="/_roadmapgen/last-good/"`},
		{lastGoodPrefix + "x/index.html", 404, ""},
		{lastGoodPrefix + "/../roadmap.toml", 400, "refused"},
		{lastGoodPrefix + "/%2e%2e/%2e%2e/roadmap.toml", 400, "refused"},
		{lastGoodPrefix + "//example.com/", 400, "refused"},
		{"//example.com/?last-good", 400, "refused"},
	}
	for _, tc := range tests {
		code, body := raw(t, s.base, tc.raw)
		if code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s: %d, want %d with %q", tc.raw, code, tc.code, tc.want)
		}
	}
	// The preview label and the reload script are serve's, never the
	// built page's.
	_, internal := s.get("/")
	if strings.Contains(internal, "roadmapgen-preview") || !strings.Contains(internal, `src="/_roadmapgen/reload.js"`) {
		t.Error("the internal plan view: preview label present or reload script missing")
	}
}

// raw sends target exactly as given, which http.Client would not.
func raw(t *testing.T, base, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func request(t *testing.T, h http.Handler, target string) (int, string) {
	t.Helper()
	rec := &recorder{header: http.Header{}}
	req, err := http.NewRequest("GET", target, nil)
	if err != nil {
		t.Fatal(err)
	}
	h.ServeHTTP(rec, req)
	return rec.code, rec.body.String()
}

type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(code int)        { r.code = code }

// TestShutdown: cancelling the context ends Run with an open reload
// stream, and leaves no goroutine behind.
func TestShutdown(t *testing.T) {
	before := runtime.NumGoroutine()
	s := start(t)
	resp, err := http.Get(s.base + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bufio.NewReader(resp.Body).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	s.write("items/a/alpha.md", item("Alpha before stop"))
	s.next()
	s.stop()
	if _, err := io.ReadAll(resp.Body); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Logf("stream ended with %v", err)
	}
	resp.Body.Close()
	http.DefaultClient.CloseIdleConnections()
	if code, err := http.Get(s.base + "/"); err == nil {
		code.Body.Close()
		t.Error("the server still answers after shutdown")
	}
	// Goroutines end asynchronously after their last action: poll.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines left after shutdown (%d before):\n%s", n-before, n, buf[:runtime.Stack(buf, true)])
	}
}

// TestWatchErrors: a lost event is reported loudly and reads everything
// again.
func TestWatchErrors(t *testing.T) {
	s := start(t)
	s.stop() // drive the watch loop by hand instead
	for len(s.reports) > 0 {
		<-s.reports
	}
	w, err := newWatcher(s.dir, s.log)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	events, errs := make(chan fsnotify.Event), make(chan error)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.srv.watch(ctx, w, events, errs)
	}()
	defer func() { cancel(); <-done }()
	// A file changed while its event was lost is read by the full rebuild.
	s.write("items/a/alpha.md", item("Alpha after overflow"))
	errs <- fsnotify.ErrEventOverflow
	if r := s.next(); !r.Full || r.Failed {
		t.Fatalf("after an overflow: %+v, want a full rebuild", r)
	}
	if _, body := request(t, s.srv.Handler(), "/items/alpha.html"); !strings.Contains(body, "Alpha after overflow") {
		t.Error("the full rebuild did not read the changed file")
	}
	if !strings.Contains(s.log.String(), "WATCH ERROR: the file-system event queue overflowed") {
		t.Errorf("the overflow is not reported loudly:\n%s", s.log)
	}
	errs <- errors.New("inotify: something broke")
	if r := s.next(); !r.Full {
		t.Fatalf("after a watch error: %+v, want a full rebuild", r)
	}
	if !strings.Contains(s.log.String(), "WATCH ERROR: inotify: something broke; rebuilding everything") {
		t.Errorf("the error is not reported loudly:\n%s", s.log)
	}
}

func TestIgnored(t *testing.T) {
	for _, tc := range []struct {
		rel     string
		ignored bool
	}{
		{"items/x.md", false},
		{"items/sub/x.md", false},
		{"items/x.MD", false},
		{"items/_drafts/x.md", true},
		{"items/.git/x.md", true},
		{"items/.x.md.swp", true},
		{"items/x.md.swp", true},
		{"items/x.md~", true},
		{"items/4913", true},
		{"items/x.md___jb_tmp___", true},
		{"items/x.md___jb_old___", true},
		{"items/.#x.md", true},
		{"items/x.md.vsctmp", true},
	} {
		if got := ignored(tc.rel); got != tc.ignored {
			t.Errorf("ignored(%q) = %v, want %v", tc.rel, got, tc.ignored)
		}
	}
}
