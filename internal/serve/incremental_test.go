package serve

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/gen"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/render"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// TestIncrementalEqualsFull edits a generated roadmap step by step, tells
// a server about each change as its watcher would, and requires after
// every step exactly what a full rebuild gives: the same problems as a
// fresh server and as `roadmapgen check` (load, model and check with
// nothing kept), and, when the build is good, every page of both roots
// byte for byte, roadmap.json (the whole ranked plan) included.
//
// The steps are chosen so that a cache that went stale would show: an
// edit that keeps an item's id but changes what it says, references and
// dependencies into items that did not change, a roadmap.toml edit that
// changes what unchanged items are judged against (a team renamed to
// words their public copy uses; the current quarter), and files that
// break, vanish and come back.
func TestIncrementalEqualsFull(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	res, err := gen.Write(dir, gen.Options{Seed: 1, Items: 150})
	if err != nil {
		t.Fatal(err)
	}
	path := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(path(rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write := func(rel, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path(rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// replace rewrites the first line of rel that starts with prefix; a
	// prefix not found is a broken test.
	replace := func(rel, prefix, line string) {
		t.Helper()
		text := read(rel)
		lines := strings.Split(text, "\n")
		i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, prefix) })
		if i < 0 {
			t.Fatalf("%s has no line starting %q", rel, prefix)
		}
		lines[i] = line
		write(rel, strings.Join(lines, "\n"))
	}
	// insert adds a line to rel's front matter, after its opening +++.
	insert := func(rel, line string) {
		t.Helper()
		write(rel, strings.Replace(read(rel), "+++\n", "+++\n"+line+"\n", 1))
	}
	// setDeps makes rel depend on ids, whether it had dependencies or not.
	setDeps := func(rel string, ids ...string) {
		t.Helper()
		var kept []string
		for _, l := range strings.Split(read(rel), "\n") {
			if !strings.HasPrefix(l, "depends_on = ") {
				kept = append(kept, l)
			}
		}
		write(rel, strings.Join(kept, "\n"))
		insert(rel, `depends_on = ["`+strings.Join(ids, `", "`)+`"]`)
	}
	id := func(rel string) string { return strings.TrimSuffix(filepath.Base(rel), ".md") }

	// value returns the quoted value of the first line of text that
	// starts with prefix.
	value := func(text, prefix string) string {
		t.Helper()
		for _, l := range strings.Split(text, "\n") {
			if v, ok := strings.CutPrefix(l, prefix); ok {
				return strings.Trim(v, `"`)
			}
		}
		t.Fatalf("no line starts %q", prefix)
		return ""
	}
	a, b, c := res.Files[1].Path, res.Files[2].Path, res.Files[3].Path
	aText, bText := read(a), read(b)
	// Two teams: the probe item's, and one whose title the test renames.
	teams := strings.Split(read(source.RoadmapFile), "[[teams]]")
	if len(teams) < 3 {
		t.Fatal("the generated roadmap.toml has fewer than two teams")
	}
	team, renamed := value(teams[1], "id = "), value(teams[2], "title = ")
	theme := value(aText, "theme = ")
	probe := "items/new/probe-1.md"
	probeText := func(visibility, publicTitle string) string {
		return "+++\ntitle = \"Invoice probe\"\nkind = \"feature\"\ntheme = \"" + theme + "\"\nteam = \"" + team + "\"\nhorizon = \"next\"\n" +
			"estimate = \"2-3w\"\ncost_of_delay = 30\nvisibility = \"" + visibility + "\"\npublic_title = \"" + publicTitle + "\"\n" +
			"public_summary = \"Faster invoices, built with the Nightowl Squad.\"\n+++\nA probe of the cache.\n"
	}

	steps := []struct {
		name string
		edit func()
		// changed are the paths the watcher reports.
		changed []string
		// want must be in a problem's message after the step, and absent
		// in none, so that the step tests what it says it does.
		want, absent string
	}{
		{"an item's body", func() { write(a, aText+"\nOne more paragraph.\n") }, []string{a}, "", ""},
		{"an item's title and dependencies", func() {
			replace(a, "title = ", `title = "Renamed by the test"`)
			setDeps(a, id(b), id(c))
		}, []string{a}, "", ""},
		{"a dependency back, making a cycle", func() {
			setDeps(b, id(a))
		}, []string{b}, "dependency cycle", ""},
		{"the cycle broken", func() { write(b, bText) }, []string{b}, "", "dependency cycle"},
		{"an item's team", func() { replace(a, "team = ", `team = "`+team+`"`) }, []string{a}, "", ""},
		{"an unknown team", func() { replace(a, "team = ", `team = "nobody-9"`) }, []string{a}, `unknown team "nobody-9"`, ""},
		{"a new public item", func() { write(probe, probeText("public", "Invoice help")) }, []string{probe}, "", "Nightowl"},
		{"a team renamed to words the public item uses", func() {
			replace(source.RoadmapFile, `title = "`+renamed+`"`, `title = "Nightowl Squad"`)
		}, []string{source.RoadmapFile}, `names the internal team "Nightowl Squad"`, ""},
		{"the public item made private", func() { write(probe, probeText("internal", "Invoice help")) }, []string{probe}, "", "Nightowl"},
		{"a date in a public title", func() { write(probe, probeText("public", "Invoice help by Q3")) }, []string{probe}, "date-like text", ""},
		{"the date taken out", func() { write(probe, probeText("public", "Invoice help")) }, []string{probe}, "", "date-like"},
		{"broken front matter", func() { write(a, strings.Replace(read(a), "+++\n", "+++\ntitle = \n", 1)) }, []string{a}, "invalid TOML", ""},
		{"front matter fixed", func() { write(a, aText) }, []string{a}, "", "invalid TOML"},
		{"a depended-on item deleted", func() {
			setDeps(c, id(b))
			if err := os.Remove(path(b)); err != nil {
				t.Fatal(err)
			}
		}, []string{b, c}, "unknown item", ""},
		{"the item back", func() { write(b, bText) }, []string{b}, "", "unknown item"},
		{"the current quarter moved on", func() { replace(source.RoadmapFile, "now = ", `now = "2027-Q3"`) }, []string{source.RoadmapFile}, "has slipped", ""},
		{"a save that changed nothing", func() {}, []string{a}, "", ""},
	}

	srv, err := New(Options{Source: dir, Today: testDay})
	if err != nil {
		t.Fatal(err)
	}
	if rep := srv.Reload(ctx); rep.Failed {
		t.Fatalf("the generated roadmap does not build: %+v", rep)
	}
	compare(t, "first build", srv, dir)
	for _, step := range steps {
		step.edit()
		rep := srv.Apply(ctx, step.changed)
		if rep.Full || rep.Read > len(step.changed) {
			t.Fatalf("%s: the rebuild read more than the changed files, so the incremental path went untested: %+v", step.name, rep)
		}
		compare(t, step.name, srv, dir)
		st := srv.cur.Load()
		problems := printed(t, st.problems, st.sources)
		if step.want != "" && !strings.Contains(problems, step.want) {
			t.Fatalf("%s: no problem says %q:\n%s", step.name, step.want, problems)
		}
		if step.absent != "" && strings.Contains(problems, step.absent) {
			t.Fatalf("%s: a problem still says %q:\n%s", step.name, step.absent, problems)
		}
	}
}

// compare requires srv's latest build to equal a full rebuild of dir.
func compare(t *testing.T, step string, srv *Server, dir string) {
	t.Helper()
	ctx := context.Background()
	fresh, err := New(Options{Source: dir, Today: testDay})
	if err != nil {
		t.Fatal(err)
	}
	fresh.Reload(ctx)
	got, want := srv.cur.Load(), fresh.cur.Load()
	// As check prints them: with each problem's source line, so that a
	// source text kept from before an edit would show.
	gotText, wantText := printed(t, got.problems, got.sources), printed(t, want.problems, want.sources)
	if gotText != wantText || !reflect.DeepEqual(got.problems, want.problems) {
		t.Fatalf("%s: the rebuild found\n%s\na full rebuild finds\n%s", step, gotText, wantText)
	}
	checkProblems, checkSources := checkCommand(t, dir)
	if check := printed(t, checkProblems, checkSources); gotText != check || !reflect.DeepEqual(got.problems, checkProblems) {
		t.Fatalf("%s: the rebuild found\n%s\nroadmapgen check finds\n%s", step, gotText, check)
	}
	if got.failed != want.failed {
		t.Fatalf("%s: the rebuild failed: %v, a full rebuild failed: %v", step, got.failed, want.failed)
	}
	if got.failed {
		return // both show the problems; the last good build was compared when it was built
	}
	for _, root := range []string{render.RootInternal, render.RootPublic} {
		paths := got.pages.Paths(root)
		if !slices.Equal(paths, want.pages.Paths(root)) {
			t.Fatalf("%s: the rebuild's %s root has other files than a full rebuild's", step, root)
		}
		for _, p := range paths {
			g, _, err := got.pages.File(root, p)
			if err != nil {
				t.Fatalf("%s: %s/%s: %v", step, root, p, err)
			}
			w, _, _ := want.pages.File(root, p)
			if !bytes.Equal(g, w) {
				t.Fatalf("%s: %s/%s differs from a full rebuild's", step, root, p)
			}
		}
	}
}

// checkCommand returns the problems `roadmapgen check` finds in dir, and
// the sources it prints them with: a full load, model.Build and
// check.Run, with nothing kept between runs.
func checkCommand(t *testing.T, dir string) ([]diag.Diagnostic, diag.Sources) {
	t.Helper()
	ctx := context.Background()
	var diags diag.List
	site := source.NewLoader(nil).Load(ctx, dir, &diags)
	m := model.Build(ctx, site, &diags)
	check.Run(ctx, m, check.Options{Today: testDay}, &diags)
	return diags.Sorted(), site.Sources
}

// printed returns problems as check prints them, or "(nothing)".
func printed(t *testing.T, problems []diag.Diagnostic, src diag.Sources) string {
	t.Helper()
	if len(problems) == 0 {
		return "(nothing)"
	}
	var b strings.Builder
	if err := diag.WriteAll(&b, problems, diag.Text, src); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
