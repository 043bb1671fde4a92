package cli

// Benchmarks of the whole build, of check alone, and of a minimal pipeline
// that reads, decodes, renders and writes each item once: the baseline the
// build is measured against in the same run. docs/performance.md has the
// commands and the figures.
//
//	go test ./internal/cli -run '^$' -bench . -benchtime 3x

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark"

	"github.com/roadmapgen/roadmapgen/internal/gen"
)

// generated writes the synthetic roadmap of n items once per test binary.
var generated = struct {
	sync.Mutex
	dirs map[int]string
	res  map[int]gen.Result
}{dirs: map[int]string{}, res: map[int]gen.Result{}}

func generatedSite(b *testing.B, n int) (string, gen.Result) {
	b.Helper()
	generated.Lock()
	defer generated.Unlock()
	if dir, ok := generated.dirs[n]; ok {
		return dir, generated.res[n]
	}
	dir, err := os.MkdirTemp("", fmt.Sprintf("roadmapgen-bench-%d-", n))
	if err != nil {
		b.Fatal(err)
	}
	res, err := gen.Write(dir, gen.Options{Seed: 1, Items: n})
	if err != nil {
		b.Fatal(err)
	}
	// The files are on disk: their texts held here (31 MB at 10,000
	// items) would be live heap the command does not have.
	for i := range res.Files {
		res.Files[i].Data = nil
	}
	res.IDs = nil
	generated.dirs[n], generated.res[n] = dir, res
	return dir, res
}

// TestMain removes the generated roadmaps.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range generated.dirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

var sizes = []int{1000, 10000}

func benchCommand(b *testing.B, args func(src, out string) []string) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			src, res := generatedSite(b, n)
			tmp := b.TempDir()
			env := func(string) string { return "" }
			b.SetBytes(res.Bytes)
			b.ReportAllocs()
			b.ResetTimer()
			i := 0
			for b.Loop() {
				// Each build writes a fresh folder, as the baseline does,
				// and none is deleted until the end: replacing a build
				// deletes its files, which is not the build's work, and
				// on a file system without a journal (ext4 here) creating
				// files is then several times slower for a minute or more
				// (docs/performance.md, "Measuring on a shared machine").
				b.StopTimer()
				i++
				out := filepath.Join(tmp, fmt.Sprint(i))
				settle()
				b.StartTimer()
				var stderr bytes.Buffer
				if code := Run(context.Background(), args(src, out), io.Discard, &stderr, env); code != ExitOK {
					b.Fatalf("exit %d: %s", code, stderr.String())
				}
			}
		})
	}
}

// BenchmarkBuild is `roadmapgen build`: every view, every item page, both
// roots, minified, written to a folder.
func BenchmarkBuild(b *testing.B) {
	benchCommand(b, buildArgs)
}

// BenchmarkCheck is `roadmapgen check`: load, model and every rule.
func BenchmarkCheck(b *testing.B) {
	benchCommand(b, func(src, _ string) []string {
		return []string{"check", "--source", src, "--today", "2026-11-21"}
	})
}

// BenchmarkBaseline is the least any generator must do: read each item,
// decode its front matter, render its Markdown, execute one page template
// and write the page, on GOMAXPROCS workers. The build's time is judged
// as a ratio to this one.
func BenchmarkBaseline(b *testing.B) {
	page := baselinePage()
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			src, res := generatedSite(b, n)
			paths := itemPaths(src, res)
			b.SetBytes(res.Bytes)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				out := b.TempDir()
				settle()
				b.StartTimer()
				if err := baseline(paths, out, page); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRatio measures the build and the baseline in turns, within each
// iteration and in alternating order, and reports build/baseline: the
// figure the targets are stated in. On a machine whose disk and neighbours
// come and go, two separate benchmarks can run in different weather; here
// both see the same. Each run writes a fresh folder, deleted only at the
// end (see benchCommand), and the disk is settled outside the timings.
//
//	go test ./internal/cli -run '^$' -bench Ratio -benchtime 4x
func BenchmarkRatio(b *testing.B) {
	page := baselinePage()
	for _, n := range sizes {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			src, res := generatedSite(b, n)
			paths := itemPaths(src, res)
			tmp := b.TempDir()
			env := func(string) string { return "" }
			var spent, cpu [2]time.Duration // build, baseline
			var count [2]int
			run := func(which int, out string) {
				start, used := time.Now(), cpuTime()
				if which == 0 {
					var stderr bytes.Buffer
					if code := Run(context.Background(), buildArgs(src, out), io.Discard, &stderr, env); code != ExitOK {
						b.Fatalf("exit %d: %s", code, stderr.String())
					}
				} else {
					if err := os.Mkdir(out, 0o755); err != nil {
						b.Fatal(err)
					}
					if err := baseline(paths, out, page); err != nil {
						b.Fatal(err)
					}
				}
				spent[which] += time.Since(start)
				cpu[which] += cpuTime() - used
				count[which]++
			}
			b.SetBytes(2 * res.Bytes)
			b.ResetTimer()
			runs := 0
			for b.Loop() {
				// Even iterations run the build first, odd ones the baseline.
				first := runs / 2 % 2
				for k := range 2 {
					b.StopTimer()
					runs++
					settle()
					b.StartTimer()
					run((first+k)%2, filepath.Join(tmp, fmt.Sprint(runs)))
				}
			}
			mean := func(k int) float64 { return float64(spent[k]) / 1e6 / float64(count[k]) }
			b.ReportMetric(mean(0)/mean(1), "build/baseline")
			b.ReportMetric(mean(0), "build-ms/op")
			b.ReportMetric(mean(1), "baseline-ms/op")
			// CPU time, user and system, of all the process's threads:
			// with the wall times it shows how busy each kept the cores.
			if cpu[0] > 0 {
				cpuMean := func(k int) float64 { return float64(cpu[k]) / 1e6 / float64(count[k]) }
				b.ReportMetric(cpuMean(0), "build-cpu-ms/op")
				b.ReportMetric(cpuMean(1), "baseline-cpu-ms/op")
			}
		})
	}
}

// buildArgs is the command line the build benchmarks run.
func buildArgs(src, out string) []string {
	return []string{"build", "--source", src, "--out", out, "--today", "2026-11-21"}
}

// itemPaths lists the item files of a generated roadmap: every file but
// roadmap.toml, which gen writes first.
func itemPaths(src string, res gen.Result) []string {
	var paths []string
	for _, f := range res.Files[1:] {
		paths = append(paths, filepath.Join(src, filepath.FromSlash(f.Path)))
	}
	return paths
}

// baselinePage is the baseline's one page template.
func baselinePage() *template.Template {
	return template.Must(template.New("page").Parse(
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title></head>` +
			`<body><h1>{{.Title}}</h1><p>{{.Outcome}}</p>{{.Body}}</body></html>`))
}

func baseline(paths []string, out string, page *template.Template) error {
	md := goldmark.New()
	work := make(chan string)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	fail := func(err error) {
		select {
		case errs <- err:
		default: // one error is enough
		}
	}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var body, html bytes.Buffer
			for p := range work {
				src, err := os.ReadFile(p)
				if err != nil {
					fail(err)
					continue
				}
				front, text, _ := strings.Cut(strings.TrimPrefix(string(src), "+++\n"), "+++\n")
				var fm struct{ Title, Outcome string }
				if _, err := toml.Decode(front, &fm); err != nil {
					fail(err)
					continue
				}
				body.Reset()
				if err := md.Convert([]byte(text), &body); err != nil {
					fail(err)
					continue
				}
				html.Reset()
				err = page.Execute(&html, struct {
					Title, Outcome string
					Body           template.HTML
				}{fm.Title, fm.Outcome, template.HTML(body.String())})
				if err == nil {
					err = os.WriteFile(filepath.Join(out, filepath.Base(p)+".html"), html.Bytes(), 0o644)
				}
				if err != nil {
					fail(err)
				}
			}
		})
	}
	for _, p := range paths {
		select {
		case work <- p:
		case err := <-errs:
			close(work)
			wg.Wait()
			return err
		}
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}
