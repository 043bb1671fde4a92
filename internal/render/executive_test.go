package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExecutiveTruth: the executive view states a theme's confidence per
// horizon, and every sentence that holds technical work to the model
// names its measure and its figures, the same on the plan, executive and
// portfolio views; a quarter not judged is never said to meet the model.
func TestExecutiveTruth(t *testing.T) {
	roadmap := func(capacity int) string {
		return `title = "R"
now = "2026-Q4"
[capacity]
product = 60
tech = 25
innovation = 5
buffer = 10
[[objectives]]
id = "o"
title = "O"
[[teams]]
id = "a"
title = "Team A"
capacity = ` + itoa(capacity) + `
[[themes]]
id = "th"
title = "Th"
objective = "o"
`
	}
	// item is a piece of work of the theme for team a; a now item counts
	// in 2026-Q4, a later one in no quarter.
	item := func(kind, horizon, est string) string {
		return "+++\ntitle = \"Item\"\nkind = \"" + kind + "\"\ntheme = \"th\"\nteam = \"a\"\nhorizon = \"" + horizon + "\"\nestimate = \"" + est + "\"\ncost_of_delay = 1\n+++\n"
	}
	const (
		views = "index.html executive/index.html portfolio/index.html"
		exec  = "executive/index.html"
		port  = "portfolio/index.html"
		// The old notes judged the mix of every quarter measured, judged or
		// not, without a figure.
		old = "technical work meets the model."
	)
	tests := []struct {
		name string
		src  map[string]string
		// want maps space-separated pages to what each must contain.
		want  map[string][]string
		avoid map[string][]string
	}{
		{
			name: "later work does not lower the confidence of work in hand",
			src: map[string]string{
				"roadmap.toml":  roadmap(40),
				"items/a.md":    item("feature", "now", "23w"),
				"items/b.md":    item("platform", "now", "9w"),
				"items/late.md": item("feature", "later", "4w"),
			},
			want: map[string][]string{exec: {
				`<p class="theme-meta"><span class="horizon">2 items now (<span class="conf conf-high" title="high confidence">high confidence</span>)</span>, <span class="horizon">1 later (<span class="conf conf-low" title="low confidence">low</span>)</span></p>`,
				"Now (1 theme): Th (2 items, product, high confidence)", "Later (1 theme): Th (1 item, product, low confidence)",
			}},
			avoid: map[string][]string{exec: {`low confidence</span> ·`}},
		},
		{
			// 9w of 32w committed is 28.1% of committed work, above the
			// model's 27.8% of plannable capacity, while 9w is 22.5% of all
			// capacity, under the model's 25% in the chart.
			name: "the mix meets the model while the chart is under",
			src: map[string]string{
				"roadmap.toml": roadmap(40),
				"items/a.md":   item("feature", "now", "23w"),
				"items/b.md":   item("platform", "now", "9w"),
			},
			want: map[string][]string{
				views: {"From 2026-Q4, every team fits its plannable capacity at the midpoint. " +
					"The model gives technical work 27.8% of plannable capacity (tech 25 of the 90 points not held back for unplanned work). " +
					"In 2026-Q4 it is 28.1% of committed work (9w of 32w at the midpoint): 0.3 points over, so it meets the model.</p>"},
				exec + " " + port: {"Tech: 22.5% planned, model 25%, 2.5 points under model.", "share of all capacity"},
				port:              {"tech 28.1% of committed work; model 27.8% of plannable capacity</td>"},
			},
			avoid: map[string][]string{views: {old, "not judged"}},
		},
		{
			// With a team over capacity the paragraph has no sentence
			// about fitting: it starts at the model's share, with no
			// stray blank.
			name: "over capacity and below the model",
			src: map[string]string{
				"roadmap.toml": roadmap(10),
				"items/a.md":   item("feature", "now", "14w"),
				"items/b.md":   item("platform", "now", "2w"),
			},
			want: map[string][]string{views: {
				"<p>The model gives technical work 27.8% of plannable capacity (tech 25 of the 90 points not held back for unplanned work).</p>",
			}},
			avoid: map[string][]string{views: {"<p> "}},
		},
		{
			name: "a thin quarter is not judged",
			src: map[string]string{
				"roadmap.toml": roadmap(40),
				"items/b.md":   item("platform", "now", "2w"),
			},
			want: map[string][]string{views: {
				"From 2026-Q4, every team fits its plannable capacity at the midpoint. 2026-Q4 is not judged yet: less than half of its plannable capacity is committed.</p>",
			}},
			avoid: map[string][]string{views: {old, "meets the model", "The model gives technical work"}},
		},
		{
			name: "below the model",
			src: map[string]string{
				"roadmap.toml": roadmap(20),
				"items/a.md":   item("feature", "now", "14w"),
				"items/b.md":   item("platform", "now", "2w"),
			},
			want: map[string][]string{
				views: {
					"<li>Technical work is 12.5% of the work committed in 2026-Q4 (2w of 16w at the midpoint), below the model's 27.8% of plannable capacity: 15.3 points under, so platform health is being starved.</li>",
					"<p>From 2026-Q4, every team fits its plannable capacity at the midpoint. The model gives technical work 27.8% of plannable capacity (tech 25 of the 90 points not held back for unplanned work).</p>",
				},
				port: {"⚠ tech 12.5% of committed work, below the model's 27.8% of plannable capacity"},
			},
			avoid: map[string][]string{views: {"meets the model"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tt.src {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			internal, _ := build(t, dir)
			in := files(internal)
			for pages, wants := range tt.want {
				for _, page := range strings.Fields(pages) {
					for _, w := range wants {
						if !strings.Contains(in[page], w) {
							t.Errorf("%s lacks %q", page, w)
						}
					}
				}
			}
			for pages, avoid := range tt.avoid {
				for _, page := range strings.Fields(pages) {
					for _, a := range avoid {
						if strings.Contains(in[page], a) {
							t.Errorf("%s says %q", page, a)
						}
					}
				}
			}
		})
	}
}
