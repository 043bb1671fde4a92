package main_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/browser"
)

// csp is the Content-Security-Policy the test server sends: the pages must
// work without inline scripts or styles and without other origins.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'"

// serve serves dir with the policy above; each root gets its own server,
// so a public page that reached into the internal root would fail its
// request.
func serve(t *testing.T, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestBrowserViews opens every page of the example site in headless
// Chromium at a phone's width and fails on a console error (a CSP
// violation included), a failed request or horizontal overflow; it prints
// every view to PDF and requires the executive view to fit two A4 pages.
func TestBrowserViews(t *testing.T) {
	b := browser.NewForTest(t)
	out := filepath.Join(t.TempDir(), "dist")
	if _, stderr, code := run(t, nil, "build", "--source", "../../content", "--out", out, "--today", "2026-11-21"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	internal := serve(t, filepath.Join(out, "internal"))
	public := serve(t, filepath.Join(out, "public"))
	views := []string{
		internal + "/index.html",
		internal + "/executive/index.html",
		internal + "/releases/index.html",
		internal + "/technology/index.html",
		internal + "/portfolio/index.html",
		public + "/index.html",
	}
	pages := append([]string{}, views...)
	for _, id := range itemIDs(t, "../../content") {
		pages = append(pages, internal+"/items/"+id+".html")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, url := range pages {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			rep, err := b.Visit(ctx, url, 375, 812)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Errorf("%s: %v", url, err)
				return
			}
			if len(rep.ConsoleErrors) > 0 || len(rep.FailedRequests) > 0 || rep.Overflow {
				t.Errorf("%s at 375 px:\n%s", url, rep)
			}
		})
	}
	wg.Wait()

	for _, url := range views {
		pdf, err := b.PrintPDF(ctx, url)
		if err != nil {
			t.Errorf("print %s: %v", url, err)
			continue
		}
		n, err := browser.PDFPages(pdf)
		if err != nil {
			t.Errorf("print %s: %v", url, err)
			continue
		}
		t.Logf("%s prints on %d A4 pages", strings.TrimPrefix(url, internal), n)
		if strings.HasSuffix(url, "/executive/index.html") && n > 2 {
			os.WriteFile(filepath.Join(os.TempDir(), "roadmapgen-executive.pdf"), pdf, 0o644)
			t.Errorf("the executive view prints on %d A4 pages, want at most 2 (saved to %s)", n, filepath.Join(os.TempDir(), "roadmapgen-executive.pdf"))
		}
	}
}
