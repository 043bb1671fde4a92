package check_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// TestItemTextsInParallel: without a Cache the public-text rules scan
// items on several workers. Their findings must be those of the Cache's
// path, which scans one item after another, in the same order, on a
// roadmap with hundreds of items and findings of every kind.
func TestItemTextsInParallel(t *testing.T) {
	dir := t.TempDir()
	roadmap := strings.Replace(baseRoadmap, "[[themes]]", "[[teams]]\nid = \"core-platform\"\ntitle = \"Core Platform\"\nproduct = \"core\"\n\n[[themes]]", 1)
	must(t, os.WriteFile(filepath.Join(dir, "roadmap.toml"), []byte(roadmap), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "items"), 0o755))
	for i := range 500 {
		var lines []string
		switch i % 5 {
		case 0:
			lines = []string{`public_title = "Faster exports"`, fmt.Sprintf(`public_summary = "Ready by March %d, then Q3 and 2027-01-0%d."`, i%28+1, i%9+1)}
		case 1:
			lines = []string{`title = "Project Falcon SSO"`, `public_title = "Single sign-on"`, `public_summary = "The project falcon SSO work, by Core Platform."`}
		case 2:
			lines = []string{`public_title = "Exports"`, `public_summary = "See <b>this</b> and [that](javascript:alert(1))."`}
		case 3:
			lines = []string{`title = "Shipped in 2026-10"`}
		}
		must(t, os.WriteFile(filepath.Join(dir, "items", fmt.Sprintf("i%03d.md", i)), []byte(item(lines...)), 0o644))
	}
	run := func(cache *check.Cache) []diag.Diagnostic {
		var diags diag.List
		site := source.NewLoader(nil).Load(context.Background(), dir, &diags)
		p := model.Build(context.Background(), site, &diags)
		check.Run(context.Background(), p, check.Options{Today: today, Cache: cache}, &diags)
		return diags.Sorted()
	}
	parallel, serial := run(nil), run(&check.Cache{})
	if len(parallel) < 400 {
		t.Fatalf("%d findings; the roadmap must give hundreds", len(parallel))
	}
	if !reflect.DeepEqual(parallel, serial) {
		for i := range min(len(parallel), len(serial)) {
			if !reflect.DeepEqual(parallel[i], serial[i]) {
				t.Fatalf("finding %d of %d/%d differs:\nparallel %+v\n  serial %+v", i, len(parallel), len(serial), parallel[i], serial[i])
			}
		}
		t.Fatalf("%d findings in parallel, %d one after another", len(parallel), len(serial))
	}
}
