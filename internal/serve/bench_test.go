package serve

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/gen"
	"github.com/roadmapgen/roadmapgen/internal/render"
)

// BenchmarkOneItemEdit measures a one-item edit of a generated roadmap
// with the plan view open in a browser, from the changed file on disk to
// the reloaded page served: re-read the one file, rebuild the plan from
// memory, render the open page, answer the browser's request.
func BenchmarkOneItemEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			res, err := gen.Write(dir, gen.Options{Seed: 1, Items: n})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			s, err := New(Options{Source: dir, Today: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				b.Fatal(err)
			}
			if rep := s.Reload(ctx); rep.Failed {
				b.Fatalf("first build failed: %+v", rep)
			}
			s.view(render.Path{Root: render.RootInternal, Path: "index.html"}, 1) // a browser shows the plan
			h := s.Handler()
			rel := res.Files[1].Path // the first item file
			file := filepath.Join(dir, filepath.FromSlash(rel))
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				if err := os.WriteFile(file, fmt.Appendf(append([]byte(nil), orig...), "\nEdit %d.\n", i), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if rep := s.Apply(ctx, []string{rel}); rep.Failed || rep.Read != 1 {
					b.Fatalf("rebuild failed or read %d files: %+v", rep.Read, rep)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
				if rec.Code != 200 || !bytes.Contains(rec.Body.Bytes(), []byte("reload.js")) {
					b.Fatalf("GET / answered %d", rec.Code)
				}
			}
		})
	}
}
