package main_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/browser"
	"github.com/roadmapgen/roadmapgen/internal/gen"
)

// TestBrowserLargeViews builds a generated 4,000-item roadmap, whose
// views split and group by size, and opens each kind of view page at a
// phone's width: the plan's first and a further page of ranks, the
// release plan and technology overviews and a product line page of each,
// the executive brief and the portfolio. It fails on a console error, a
// failed request or horizontal overflow, and requires the executive
// brief, which shows only the themes with the most value, to print on
// two A4 pages.
func TestBrowserLargeViews(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 4,000-item roadmap")
	}
	b := browser.NewForTest(t)
	src := filepath.Join(t.TempDir(), "big")
	if _, err := gen.Write(src, gen.Options{Seed: 1, Items: 4000}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dist")
	if _, stderr, code := run(t, nil, "build", "--source", src, "--out", out, "--site", "internal", "--today", "2026-11-21"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	root := filepath.Join(out, "internal")
	first := func(glob string) string {
		t.Helper()
		m, _ := filepath.Glob(filepath.Join(root, glob))
		sort.Strings(m)
		if len(m) == 0 {
			t.Fatalf("no page matches %s: the views did not split", glob)
		}
		rel, _ := filepath.Rel(root, m[0])
		return "/" + filepath.ToSlash(rel)
	}
	site := serve(t, root)
	pages := []string{
		"/index.html", "/ranks/2/index.html", "/executive/index.html",
		"/releases/index.html", first("releases/*/index.html"),
		"/technology/index.html", first("technology/*/index.html"),
		"/portfolio/index.html",
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	for _, p := range pages {
		rep, err := b.Visit(ctx, site+p, 375, 812)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if len(rep.ConsoleErrors) > 0 || len(rep.FailedRequests) > 0 || rep.Overflow {
			t.Errorf("%s at 375 px:\n%s", p, rep)
		}
	}
	pdf, err := b.PrintPDF(ctx, site+"/executive/index.html")
	if err != nil {
		t.Fatal(err)
	}
	n, err := browser.PDFPages(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if n > 2 {
		saved := filepath.Join(os.TempDir(), "roadmapgen-executive-large.pdf")
		os.WriteFile(saved, pdf, 0o644)
		t.Errorf("the executive brief of 4,000 items prints on %d A4 pages, want at most 2 (saved to %s)", n, saved)
	}
}
