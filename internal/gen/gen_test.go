package gen

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

func TestDeterministic(t *testing.T) {
	a := Generate(Options{Seed: 7, Items: 120, Canaries: true})
	b := Generate(Options{Seed: 7, Items: 120, Canaries: true})
	c := Generate(Options{Seed: 8, Items: 120, Canaries: true})
	if len(a.Files) != len(b.Files) {
		t.Fatalf("same seed, %d vs %d files", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Fatalf("same seed, different %s", a.Files[i].Path)
		}
	}
	if bytes.Equal(a.Files[0].Data, c.Files[0].Data) {
		t.Error("seeds 7 and 8 wrote the same roadmap.toml")
	}
}

// load runs the real loader, model and check over a generated roadmap.
func load(t *testing.T, res Result) (*model.Plan, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range res.Files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	var diags diag.List
	ctx := context.Background()
	site := source.NewLoader(nil).LoadFS(ctx, fsys, "site", &diags)
	p := model.Build(ctx, site, &diags)
	check.Run(ctx, p, check.Options{Today: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}, &diags)
	return p, &diags
}

// A generated roadmap is a valid one: benchmarks measure real builds, not
// error paths. Without canaries it checks clean.
func TestChecksClean(t *testing.T) {
	for _, tc := range []struct {
		opts     Options
		warnings bool
	}{
		{Options{Seed: 1, Items: 400}, false},
		{Options{Seed: 2, Items: 1000}, false},
		{Options{Seed: 3, Items: 300, Canaries: true}, true},
	} {
		res := Generate(tc.opts)
		p, diags := load(t, res)
		for _, d := range diags.Sorted() {
			if d.Severity == diag.Error || !tc.warnings {
				t.Errorf("seed %d: %s: %s", tc.opts.Seed, d.Pos, d.Message)
			}
		}
		if len(p.Items) != tc.opts.Items || res.Items != tc.opts.Items {
			t.Errorf("seed %d: %d items in the model, %d reported, want %d", tc.opts.Seed, len(p.Items), res.Items, tc.opts.Items)
		}
		public, deps := 0, 0
		for _, it := range p.Items {
			if it.Public() {
				public++
			}
			deps += len(it.DependsOn)
		}
		if public != res.PublicItems || public == 0 || deps == 0 {
			t.Errorf("seed %d: %d public items (reported %d), %d dependencies", tc.opts.Seed, public, res.PublicItems, deps)
		}
	}
}

var digit = regexp.MustCompile(`[0-9]`)

// Canaries are in every internal field and in none that may be public;
// every id has a digit and no public field does.
func TestCanaries(t *testing.T) {
	res := Generate(Options{Seed: 5, Items: 200, Canaries: true})
	p, _ := load(t, res)
	seen := map[string]bool{}
	for _, c := range res.Canaries {
		if seen[c] || digit.MatchString(c) {
			t.Fatalf("canary %q is repeated or has a digit", c)
		}
		seen[c] = true
	}
	hasCanary := func(s string) bool {
		for _, c := range regexp.MustCompile(`cnry[a-z]{6}`).FindAllString(s, -1) {
			if seen[c] {
				return true
			}
		}
		return false
	}
	for _, id := range res.IDs {
		if !digit.MatchString(id) {
			t.Errorf("id %q has no digit", id)
		}
	}
	internal := func(what, s string) {
		if !hasCanary(s) {
			t.Errorf("%s has no canary: %q", what, s)
		}
	}
	public := func(what, s string) {
		if hasCanary(s) || digit.MatchString(s) {
			t.Errorf("public %s has a canary or digit: %q", what, s)
		}
	}
	internal("roadmap title", p.Title)
	internal("organization", p.Organization)
	internal("value_unit", p.ValueUnit)
	public("[public] title", p.Public.Title)
	public("[public] intro", p.Public.Intro)
	for _, o := range p.Objectives {
		internal("objective title", o.Title)
		for _, kr := range o.KeyResults {
			internal("key result", kr)
		}
	}
	for _, pr := range p.Products {
		internal("product title", pr.Title)
	}
	for _, tm := range p.Teams {
		internal("team title", tm.Title)
	}
	for _, th := range p.Themes {
		internal("theme title", th.Title)
		internal("theme kpi", th.KPI)
		internal("theme description", th.Description)
		public("theme public_title", th.PublicTitle)
		public("theme public_summary", th.PublicSummary)
	}
	for _, it := range p.Items {
		internal("outcome", it.Outcome)
		internal("body", string(it.Body.Text()))
		if it.Risk != "" {
			internal("risk", it.Risk)
		}
		if it.Public() && it.PublicTitle == "" {
			public("title of a public item without public_title", it.Title)
		} else {
			internal("title", it.Title)
		}
		public("public_title", it.PublicTitle)
		public("public_summary", it.PublicSummary)
	}
}

// Bodies are realistic: 300 to 600 words with the Markdown a real item uses.
func TestBodies(t *testing.T) {
	res := Generate(Options{Seed: 9, Items: 50})
	for _, f := range res.Files[1:] {
		_, body, ok := strings.Cut(strings.TrimPrefix(string(f.Data), "+++\n"), "+++\n")
		if !ok {
			t.Fatalf("%s: no front matter", f.Path)
		}
		if n := len(strings.Fields(body)); n < 300 || n > 600 {
			t.Errorf("%s: body has %d words, want 300-600", f.Path, n)
		}
		for _, want := range []string{"\n## ", "\n- ", "|---|", "](https://", "```"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: body lacks %q", f.Path, want)
			}
		}
	}
}
