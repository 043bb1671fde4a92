package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/gen"
)

// TestReleaseKeepsOutput builds each source twice, once as build does
// (releasing the decoded front matter, indexes and texts once diagnostics
// are printed, and each item's body once the files that read it are
// written) and once keeping them as serve does, and compares every byte of
// the output and of the messages. It fails if anything after check still
// reads what Site.Release drops, or if any page but an item's own and
// roadmap.json reads a body.
func TestReleaseKeepsOutput(t *testing.T) {
	// A copy of the example with a warning (an item without a theme), so
	// that a position is asked for, and an index built, before the release.
	warned := t.TempDir()
	copyTree(t, "../../content", warned)
	edit(t, filepath.Join(warned, "items/dispatch/audit-log-v1.md"), "theme = \"enterprise-identity\"\n", "")
	// Bodies that drop raw HTML and a script link: a build converts them
	// at their pages, after check, and must say what check says, in its
	// order, on the plan view too.
	edit(t, filepath.Join(warned, "items/dispatch/audit-log-v1.md"), "Retention is 13 months.", "Retention is <b>13</b> months. [x](javascript:alert(1))")
	edit(t, filepath.Join(warned, "items/dispatch/audit-streaming.md"), "\n+++\n", "\n+++\n<div>raw</div>\n\n")
	// 300 generated items: past 250, so the split views are built too.
	generated := t.TempDir()
	if _, err := gen.Write(generated, gen.Options{Seed: 3, Items: 300}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, source string
		warnings     bool
	}{
		{"example", "../../content", false},
		{"example with warnings", warned, true},
		{"300 generated items", generated, false},
	}
	day := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var outs [2]map[string][]byte
			var msgs [2]string
			for i, keep := range []bool{false, true} {
				out := t.TempDir()
				var stdout, stderr bytes.Buffer
				o := buildOptions{source: tt.source, out: out, site: "all", minify: true, day: day, limitMemory: true, keepSource: keep}
				if code := build(context.Background(), o, &stdout, &stderr); code != ExitOK {
					t.Fatalf("keepSource=%v: exit %d: %s", keep, code, stderr.String())
				}
				outs[i] = readTree(t, out)
				msgs[i] = strings.ReplaceAll(stdout.String()+stderr.String(), out, "OUT")
			}
			if got := strings.Contains(msgs[0], "warning:"); got != tt.warnings {
				t.Errorf("warnings printed: %v, want %v:\n%s", got, tt.warnings, msgs[0])
			}
			if msgs[0] != msgs[1] {
				t.Errorf("messages differ with and without the release:\n%s\n---\n%s", msgs[0], msgs[1])
			}
			if tt.warnings {
				var checked bytes.Buffer
				if code := Run(context.Background(), []string{"check", "--source", tt.source, "--today", "2026-11-21"}, &checked, &checked, func(string) string { return "" }); code != ExitOK {
					t.Fatalf("check: exit %d: %s", code, checked.String())
				}
				warnings := checked.String()[:strings.LastIndex(checked.String(), "\nchecked ")+1]
				if !strings.Contains(msgs[0], warnings) || strings.Count(warnings, "raw HTML in the body") != 2 || !strings.Contains(warnings, "javascript:alert") {
					t.Errorf("build's messages:\n%s\ndo not hold check's, with both bodies' warnings:\n%s", msgs[0], warnings)
				}
				if plan := outs[0]["internal/index.html"]; !bytes.Contains(plan, []byte("raw HTML in the body of &#34;audit-streaming&#34;")) {
					t.Errorf("the plan view does not list the bodies' warnings:\n%s", plan)
				}
			}
			if len(outs[0]) < 10 {
				t.Fatalf("only %d files written", len(outs[0]))
			}
			for path, want := range outs[1] {
				if got, ok := outs[0][path]; !ok {
					t.Errorf("%s: missing after the release", path)
				} else if !bytes.Equal(got, want) {
					t.Errorf("%s: differs after the release", path)
				}
			}
			if len(outs[0]) != len(outs[1]) {
				t.Errorf("%d files with the release, %d without", len(outs[0]), len(outs[1]))
			}
		})
	}
}

// TestFailedBuildPrintsWarnings: a build that stops after check (here at
// a theme that does not parse) still prints check's warnings, with their
// source lines, before saying why it stopped.
func TestFailedBuildPrintsWarnings(t *testing.T) {
	src := t.TempDir()
	copyTree(t, "../../content", src)
	edit(t, filepath.Join(src, "items/dispatch/audit-log-v1.md"), "theme = \"enterprise-identity\"\n", "")
	theme := t.TempDir()
	if err := os.MkdirAll(filepath.Join(theme, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(theme, "layouts", "plan.html"), []byte("{{ .Nope "), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	o := buildOptions{source: src, out: t.TempDir(), site: "all", theme: theme, day: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	if code := build(context.Background(), o, &stdout, &stderr); code != ExitProblems {
		t.Fatalf("exit %d, want %d", code, ExitProblems)
	}
	out := stderr.String()
	warning := strings.Index(out, `audit-log-v1.md:1:1: warning: item "audit-log-v1" has no theme`)
	theme2 := strings.Index(out, "plan.html")
	if warning < 0 || theme2 < warning || !strings.Contains(out, " 1 | +++") {
		t.Errorf("want the warning with its source line, then the theme's error:\n%s", out)
	}
}

// TestReadAheadKeepsProblems checks that reading each item as it is loaded
// and letting go of its decoded TOML (what build, check and plan do) finds
// the same problems, at the same positions, as reading the items after
// loading with the TOML kept (what serve does).
func TestReadAheadKeepsProblems(t *testing.T) {
	src := t.TempDir()
	copyTree(t, "../../content", src)
	item := filepath.Join(src, "items/dispatch/audit-log-v1.md")
	edit(t, item, `theme = "enterprise-identity"`, `theme = "enterprise-identiy"`)
	edit(t, item, `team = "trust"`, "team = \"trust\"\ntitel = \"typo\"\nconfidence = 3\ndepends_on = [\"Bad_Id\", \"sso-nowhere\", \"sso-nowhere\"]")
	// Problems inside a body: their positions are found in its text.
	edit(t, item, "Retention is 13 months.", "Retention is <b>13</b> months. [x](javascript:alert(1))")
	if err := os.WriteFile(filepath.Join(src, "items/dispatch/broken-front.md"), []byte("+++\ntitle = \"x\n+++\nbody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	// Read ahead deferring the bodies (build), rendering no HTML (check,
	// plan), and after loading with everything kept (serve).
	var texts [3]string
	for i, mode := range []struct {
		release bool
		bodies  keepBodies
	}{{true, deferBodies}, {true, textOnly}, {false, deferBodies}} {
		_, site, diags := loadAndCheck(context.Background(), src, day, loadOptions{release: mode.release, bodies: mode.bodies})
		// A deferring load keeps item files out of Sources (they are held
		// on their items); the others keep every file there.
		deferred := mode.release && mode.bodies == deferBodies
		for _, it := range site.Items {
			if _, held := site.Sources[it.Body.File]; held == deferred && it.Body.File != "" {
				t.Errorf("release %v, bodies %d: %s in Sources: %v", mode.release, mode.bodies, it.Rel, held)
			}
			// Only serve's load converts bodies to HTML; a deferring load
			// leaves them to their pages, check's only scans them.
			if it.Body.HasHTML() != !mode.release && it.Front != nil {
				t.Errorf("release %v, bodies %d: %s has HTML: %v", mode.release, mode.bodies, it.Rel, it.Body.HasHTML())
			}
			if it.Body.Converted() == deferred && it.Front != nil {
				t.Errorf("release %v, bodies %d: %s converted at load: %v", mode.release, mode.bodies, it.Rel, it.Body.Converted())
			}
		}
		var b bytes.Buffer
		ds := diags.Sorted()
		if err := diag.WriteAll(&b, ds, diag.Text, site.SourcesFor(ds)); err != nil {
			t.Fatal(err)
		}
		texts[i] = b.String()
	}
	for _, want := range []string{
		`audit-log-v1.md:4:9: error: unknown theme "enterprise-identiy"`,
		`audit-log-v1.md:6:1: error: unknown key "titel"`,
		`audit-log-v1.md:7:14: error:`,
		`audit-log-v1.md:8:15: error: invalid item id "Bad_Id" in depends_on`,
		`audit-log-v1.md:8:25: error: unknown item "sso-nowhere"`,
		`audit-log-v1.md:8:40: warning: "sso-nowhere" is listed twice in depends_on`,
		`broken-front.md:2:`,
		`audit-log-v1.md:16:143: warning: raw HTML`,
		`audit-log-v1.md:16:162: warning: link to "javascript:alert(1)"`,
	} {
		if !strings.Contains(texts[0], want) {
			t.Errorf("read ahead: no %q in:\n%s", want, texts[0])
		}
	}
	for i, how := range []string{"deferred", "without HTML"} {
		if texts[i] != texts[2] {
			t.Errorf("problems differ when items are read ahead, %s:\n%s\n--- read after loading:\n%s", how, texts[i], texts[2])
		}
	}
}

// TestBuildMemoryLimit checks that build sets its soft memory limit only
// when neither GOMEMLIMIT nor GOGC is set, grows it with the items, and
// puts back the limit and the collector's target it found.
func TestBuildMemoryLimit(t *testing.T) {
	for _, tt := range []struct {
		gomemlimit, gogc string
		want             bool
	}{{"", "", true}, {"200MiB", "", false}, {"off", "", false}, {"", "200", false}, {"", "off", false}} {
		if got := setsMemoryLimit(func(k string) string {
			switch k {
			case "GOMEMLIMIT":
				return tt.gomemlimit
			case "GOGC":
				return tt.gogc
			}
			return ""
		}); got != tt.want {
			t.Errorf("GOMEMLIMIT=%q GOGC=%q: sets the limit %v, want %v", tt.gomemlimit, tt.gogc, got, tt.want)
		}
	}
	for _, tt := range []struct {
		live  uint64
		files int
		bytes int64
		want  int64
	}{
		{0, 0, 0, minMemoryLimit}, {0, 52, 150 << 10, minMemoryLimit}, {0, 10000, 31 << 20, minMemoryLimit},
		{0, 20000, 62 << 20, 20000 * memoryPerItem}, {0, 100000, 310 << 20, 100000 * memoryPerItem},
		// 1,000 items of 150 KB each: the bytes, not the count, size it.
		{0, 1000, 147 << 20, 147 << 20 * memoryPerByte},
		{40 << 20, 10000, 31 << 20, 40<<20 + minMemoryLimit},
	} {
		if got := memoryLimit(tt.live, tt.files, tt.bytes); got != tt.want {
			t.Errorf("memoryLimit(%d, %d, %d) = %d, want %d", tt.live, tt.files, tt.bytes, got, tt.want)
		}
	}
	l := &memoryLimiter{}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	l.found(1000)
	for range 1000 {
		l.read(150 << 10)
	}
	if got, want := debug.SetMemoryLimit(-1), memoryLimit(0, 1000, 1000*150<<10); want-got > 4<<20*memoryPerByte || got > want {
		t.Errorf("after reading 1,000 files of 150 KB the limit is %d, want about %d", got, want)
	}
	runtime.GC()
	if liveHeap() == 0 {
		t.Error("liveHeap: 0 after a collection in a process that holds a test runner")
	}
	const before, beforePercent = 987 << 20, 77
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(before))
	defer debug.SetGCPercent(debug.SetGCPercent(beforePercent))
	o := buildOptions{source: "../../content", out: t.TempDir(), site: "all", day: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC), limitMemory: true}
	if code := build(context.Background(), o, &bytes.Buffer{}, &bytes.Buffer{}); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after build the memory limit is %d, want %d as before", got, before)
	}
	if got := debug.SetGCPercent(beforePercent); got != beforePercent {
		t.Errorf("after build the collector's target is %d%%, want %d%% as before", got, beforePercent)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func edit(t *testing.T, path, old, repl string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s: cannot edit %q: %v", path, old, err)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(repl), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
