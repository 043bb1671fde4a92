package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/roadmapgen/roadmapgen/internal/browser"
)

// TestBrowserReload opens an item page in headless Chromium, scrolls down,
// saves the item, and requires the page to reload by itself with the new
// text at the same scroll position, under serve's Content-Security-Policy
// and without a console error or a failed request.
func TestBrowserReload(t *testing.T) {
	exe := browser.Require(t)
	s := start(t)
	long := item("Alpha tall") + strings.Repeat("A paragraph that makes the page tall enough to scroll.\n\n", 300)
	s.write("items/a/alpha.md", long)
	s.next()

	report, err := browser.NewForTest(t).Visit(context.Background(), s.base+"/items/alpha.html", 1024, 768)
	if err != nil {
		t.Fatal(err)
	}
	if len(report.ConsoleErrors) > 0 || len(report.FailedRequests) > 0 {
		t.Errorf("the served page is not clean under serve's policy:\n%s", report)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true))...)
	defer cancelAlloc()
	tab, cancelTab := chromedp.NewContext(alloc)
	defer cancelTab()
	if err := chromedp.Do(tab, chromedp.EmulateViewport(800, 600), chromedp.Navigate(s.base+"/items/alpha.html")); err != nil {
		t.Fatal(err)
	}
	// The page's reload stream is open once the server counts it.
	waitFor(t, "the reload stream", func() bool {
		s.srv.viewersMu.Lock()
		defer s.srv.viewersMu.Unlock()
		return len(s.srv.viewers) == 1
	})
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`window.scrollTo(0, 2000); true`)); err != nil {
		t.Fatal(err)
	}
	s.write("items/a/alpha.md", strings.Replace(long, "Alpha tall", "Alpha reloaded", 1))
	s.next()
	waitFor(t, "the reloaded page", func() bool {
		h1, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("h1") ? document.querySelector("h1").textContent : ""`))
		return err == nil && strings.Contains(h1, "Alpha reloaded")
	})
	// The new heading can show before the load event that restores the
	// position, so wait for the position too (failing after waitFor's
	// deadline if it never comes back).
	var y float64
	waitFor(t, "the scroll position to come back to 2000", func() bool {
		var err error
		y, err = chromedp.Run(tab, chromedp.Evaluate[float64](`window.scrollY`))
		if err != nil {
			t.Fatal(err)
		}
		return y == 2000
	})
}

// waitFor polls cond, which asks an outside process, until it holds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 15s for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
