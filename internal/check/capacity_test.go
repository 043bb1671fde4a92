package check_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// withoutUnscored drops the "cannot be ranked" warnings, so that the rule
// tests built on items without a cost_of_delay see only their own rule.
func withoutUnscored(lines []string) []string {
	var out []string
	for _, l := range lines {
		if !strings.Contains(l, "cannot be ranked by") {
			out = append(out, l)
		}
	}
	return out
}

// planSite writes a complete site and returns every diagnostic, the
// "cannot be ranked" warnings included.
func planSite(t *testing.T, roadmap string, items map[string]string) []string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"roadmap.toml": roadmap}
	for k, v := range items {
		files["items/"+k] = v
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return diagnoseAll(t, dir)
}

const planRoadmap = `title = "T"
now = "2026-Q4"
value_unit = "k$ per week"

[capacity]
product = 60
tech = 25
innovation = 5
buffer = 10

[[objectives]]
id = "o"
title = "O"

[[teams]]
id = "alpha"
title = "Alpha"
capacity = 20

[[themes]]
id = "th"
title = "Th"
objective = "o"
`

func TestPlanningRules(t *testing.T) {
	// item writes a planned item of team alpha; extra lines follow.
	item := func(kind, horizon string, extra ...string) string {
		return "+++\ntitle = \"X\"\nkind = \"" + kind + "\"\ntheme = \"th\"\nteam = \"alpha\"\nhorizon = \"" + horizon + "\"\n" + strings.Join(extra, "\n") + "\n+++\n"
	}
	rice := strings.Replace(planRoadmap, `value_unit = "k$ per week"`, `prioritization = "rice"`, 1)
	tests := []struct {
		name    string
		roadmap string
		items   map[string]string
		want    []string
	}{
		{"scored items fit: nothing to say", planRoadmap, map[string]string{
			"a.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "8-10w"`, `cost_of_delay = 10`),
			"b.md": item("platform", "now", `window = "2026-Q4"`, `estimate = "4-6w"`, `cost_of_delay = 2`),
		}, nil},
		{"missing cost of delay and estimate", planRoadmap, map[string]string{
			"a.md": item("feature", "next", `estimate = "2w"`),
			"b.md": item("feature", "next", `cost_of_delay = 3`),
			"c.md": item("feature", "later"),
			// a now item without an estimate has its own warning: only the
			// cost of delay is added
			"d.md": item("feature", "now", `window = "2026-Q4"`),
			"e.md": item("feature", "shipped"),
		}, []string{
			`items/a.md:1:1: warning: item "a" cannot be ranked by WSJF: it has no cost_of_delay, so it ranks last, unscored; add cost_of_delay (value lost per week of delay, in k$ per week; 0 when its value is only what it unblocks)`,
			`items/b.md:1:1: warning: item "b" cannot be ranked by WSJF: it has no estimate, so it ranks last, unscored; add an estimate such as "4-6w"`,
			`items/c.md:1:1: warning: item "c" cannot be ranked by WSJF: it has no cost_of_delay and no estimate, so it ranks last, unscored; add both (cost_of_delay in k$ per week, estimate such as "4-6w")`,
			`items/d.md:1:1: warning: item "d" cannot be ranked by WSJF: it has no cost_of_delay, so it ranks last, unscored; add cost_of_delay (value lost per week of delay, in k$ per week; 0 when its value is only what it unblocks)`,
			`items/d.md:6:11: warning: item "d" is planned for now but has no estimate: committed work needs one, such as estimate = "2-4w"`,
		}},
		{"an invalid estimate is reported once", planRoadmap, map[string]string{
			"a.md": item("feature", "next", `estimate = "2 weeks"`, `cost_of_delay = 3`),
		}, []string{
			`items/a.md:7:12: error: invalid estimate "2 weeks": expected engineer-weeks such as "3w" or a range such as "4-6w" [did you mean "2w"?]`,
		}},
		{"values swallowed by an unknown table are not also missing", planRoadmap, map[string]string{
			"a.md": item("feature", "next", `[extra]`, `estimate = "2w"`, `cost_of_delay = 3`),
		}, []string{
			`items/a.md:7:2: error: unknown table [extra] in item front matter: the keys after its header belong to it, so estimate and cost_of_delay are not read [move them to the top, before any [table] header, and fix or remove the [extra] header]`,
		}},
		{"rice inputs missing", rice, map[string]string{
			"a.md": item("feature", "next"),
			"b.md": item("feature", "next", `rice = { reach = 100, impact = 1 }`),
			"c.md": item("feature", "next", `rice = { reach = 100, impact = 1, confidence = 0.5, effort = 2 }`),
		}, []string{
			`items/a.md:1:1: warning: item "a" cannot be ranked by RICE: it has no rice inputs, so it ranks last, unscored; add rice = { reach = 500, impact = 1, confidence = 0.8, effort = 4 }`,
			`items/b.md:7:8: warning: item "b" cannot be ranked by RICE: rice has no confidence and effort, so it ranks last, unscored`,
		}},
		{"over capacity: 18w plannable, 21w committed", planRoadmap, map[string]string{
			// scores: a 10/8 = 1.25, b 12/6 = 2, c 2/4 = 0.5 (lowest)
			"a.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "6-10w"`, `cost_of_delay = 10`),
			"b.md": item("platform", "now", `window = "2026-Q4"`, `estimate = "5-7w"`, `cost_of_delay = 12`),
			"c.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "3-5w"`, `cost_of_delay = 2`),
			"d.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "3w"`, `cost_of_delay = 30`),
		}, []string{
			`roadmap.toml:18:12: warning: team "alpha" is over capacity in 2026-Q4: 21w (midpoint of 17–25w) committed against 18w plannable (capacity 20w less the 10% unplanned buffer); to fit 2026-Q4, defer: c (score 0.5)`,
		}},
		{"exactly at capacity is not over", planRoadmap, map[string]string{
			"a.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "12w"`, `cost_of_delay = 10`),
			"b.md": item("platform", "now", `window = "2026-Q4"`, `estimate = "6w"`, `cost_of_delay = 10`),
		}, nil},
		{"a half is spread over its quarters", planRoadmap, map[string]string{
			// 40w over 2027-H1: 20w in each of Q1 and Q2, both over 18w
			"a.md": item("feature", "next", `window = "2027-H1"`, `estimate = "40w"`, `cost_of_delay = 10`),
			"b.md": item("platform", "next", `window = "2027-H1"`, `estimate = "16w"`, `cost_of_delay = 10`),
		}, []string{
			`roadmap.toml:18:12: warning: team "alpha" is over capacity in 2027-Q1: 28w committed against 18w plannable (capacity 20w less the 10% unplanned buffer); to fit 2027-Q1, defer: a (score 0.25)`,
			`roadmap.toml:18:12: warning: team "alpha" is over capacity in 2027-Q2: 28w committed against 18w plannable (capacity 20w less the 10% unplanned buffer); to fit 2027-Q2, defer: a (score 0.25)`,
		}},
		{"tech below the model", planRoadmap, map[string]string{
			// 16w committed, 2w of it tech: 12.5% against 27.8%
			"a.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "14w"`, `cost_of_delay = 10`),
			"b.md": item("security", "now", `window = "2026-Q4"`, `estimate = "2w"`, `cost_of_delay = 1`),
			"c.md": item("platform", "next", `window = "2027-Q1"`, `estimate = "2w"`, `cost_of_delay = 1`),
		}, []string{
			`roadmap.toml:7:8: warning: technical work is 12.5% of the effort committed in 2026-Q4, below the model's 27.8% (tech 25 of the 90 points not held back for unplanned work): platform health is being starved; consider pulling in: c (score 0.5)`,
		}},
		// Slipped work (window ended before now, not shipped) still needs
		// its team: it counts in the current quarter.
		{"slipped technical work counts in the current quarter", planRoadmap, map[string]string{
			// without s: 10w committed, 2w tech (20%); with it 14w, 6w tech
			"a.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "8w"`, `cost_of_delay = 10`),
			"b.md": item("security", "now", `window = "2026-Q4"`, `estimate = "2w"`, `cost_of_delay = 1`),
			"s.md": item("platform", "now", `window = "2026-Q3"`, `estimate = "4w"`, `cost_of_delay = 40`),
		}, []string{
			`items/s.md:7:10: warning: item "s" has slipped: its window 2026-Q3 ended before the current quarter 2026-Q4 and it is not shipped; move the window or mark it shipped`,
		}},
		{"work under way is never suggested for pulling in", planRoadmap, map[string]string{
			// 16w committed, 2w of it tech (the slipped s): 12.5%
			"a.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "14w"`, `cost_of_delay = 10`),
			"s.md": item("security", "now", `window = "2026-Q3"`, `estimate = "2w"`, `cost_of_delay = 1`),
			// planned for now without an estimate: under way, counted nowhere
			"n.md": item("platform", "now", `cost_of_delay = 50`),
			"c.md": item("platform", "next", `window = "2027-Q1"`, `estimate = "2w"`, `cost_of_delay = 1`),
		}, []string{
			`items/n.md:6:11: warning: item "n" is planned for now but has no estimate: committed work needs one, such as estimate = "2-4w"`,
			`items/s.md:7:10: warning: item "s" has slipped: its window 2026-Q3 ended before the current quarter 2026-Q4 and it is not shipped; move the window or mark it shipped`,
			`roadmap.toml:7:8: warning: technical work is 12.5% of the effort committed in 2026-Q4, below the model's 27.8% (tech 25 of the 90 points not held back for unplanned work): platform health is being starved; consider pulling in: c (score 0.5)`,
		}},
		{"the quarter turned: slipped work puts a team over", strings.Replace(planRoadmap, `now = "2026-Q4"`, `now = "2027-Q1"`, 1), map[string]string{
			// 2027-Q1: a 12w + b 8w slipped, c 4w planned = 24w; scores
			// a 0.83, b 1.5, c 0.5
			"a.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "12w"`, `cost_of_delay = 10`),
			"b.md": item("platform", "now", `window = "2026-Q4"`, `estimate = "6-10w"`, `cost_of_delay = 12`),
			"c.md": item("feature", "next", `window = "2027-Q1"`, `estimate = "4w"`, `cost_of_delay = 2`),
		}, []string{
			`items/a.md:7:10: warning: item "a" has slipped: its window 2026-Q4 ended before the current quarter 2027-Q1 and it is not shipped; move the window or mark it shipped`,
			`items/b.md:7:10: warning: item "b" has slipped: its window 2026-Q4 ended before the current quarter 2027-Q1 and it is not shipped; move the window or mark it shipped`,
			`roadmap.toml:18:12: warning: team "alpha" is over capacity in 2027-Q1: 24w (midpoint of 22–26w; 20w of it slipped from earlier quarters) committed against 18w plannable (capacity 20w less the 10% unplanned buffer); to fit 2027-Q1, defer: c (score 0.5), a (score 0.83)`,
		}},
		{"shipped work with an old window counts nowhere", planRoadmap, map[string]string{
			"a.md": item("feature", "now", `window = "2026-Q4"`, `estimate = "12w"`, `cost_of_delay = 10`),
			"b.md": item("platform", "now", `window = "2026-Q4"`, `estimate = "6w"`, `cost_of_delay = 10`),
			"s.md": item("platform", "shipped", `window = "2026-Q3"`, `estimate = "30w"`),
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := planSite(t, tt.roadmap, tt.items)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// exampleWith copies the example roadmap with edits (file, old text, new
// text) applied, and returns its plan and every diagnostic.
func exampleWith(t *testing.T, edits ...[3]string) (*plan.Plan, []string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		p := filepath.Join(dir, filepath.FromSlash(e[0]))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), e[1]) {
			t.Fatalf("%s has no %q", e[0], e[1])
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), e[1], e[2], 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var diags diag.List
	site := source.NewLoader(nil).Load(context.Background(), dir, &diags)
	m := model.Build(context.Background(), site, &diags)
	return plan.Make(m), diagnoseAll(t, dir)
}

// TestSlippedWorkOnExample holds the example roadmap to the reviewer's
// two reports: slipped work vanished from capacity, and check suggested
// pulling in the item being worked on.
func TestSlippedWorkOnExample(t *testing.T) {
	tests := []struct {
		name  string
		edit  [3]string
		slips int
		// committed is core-platform's commitment in the current quarter;
		// slipped the part of every team's commitment that slipped.
		committed, slipped plan.Load
		over               int // over-capacity warnings
	}{
		{"A: a now item's window ended last quarter",
			[3]string{"items/dispatch/org-hierarchy.md", `window = "2026-Q4"`, `window = "2026-Q3"`},
			1, plan.Load{Low: 12, Mid: 16, High: 20}, plan.Load{Low: 6, Mid: 8, High: 10}, 0},
		{"B: the quarter turned",
			[3]string{"roadmap.toml", `now = "2026-Q4"`, `now = "2027-Q1"`},
			15, plan.Load{Low: 21.5, Mid: 28.25, High: 35}, plan.Load{Low: 131, Mid: 160.5, High: 190}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, diags := exampleWith(t, tt.edit)
			now := p.Model.Now
			if p.Capacity.Quarters[0] != now {
				t.Fatalf("capacity starts at %v, want %v", p.Capacity.Quarters[0], now)
			}
			var core *model.Team
			for _, t := range p.Model.Teams {
				if t.ID == "core-platform" {
					core = t
				}
			}
			cell := p.Capacity.Cell(core, now)
			if cell.Committed != tt.committed {
				t.Errorf("core-platform in %v: committed %+v, want %+v", now, cell.Committed, tt.committed)
			}
			if tot := p.Capacity.Totals[0]; tot.Slipped != tt.slipped {
				t.Errorf("slipped in %v: %+v, want %+v", now, tot.Slipped, tt.slipped)
			}
			var slips, over int
			for _, d := range diags {
				switch {
				case strings.Contains(d, "has slipped"):
					slips++
				case strings.Contains(d, "is over capacity"):
					over++
					if !strings.Contains(d, "of it slipped from earlier quarters") {
						t.Errorf("over capacity without the slipped part: %s", d)
					}
				}
				if _, pull, ok := strings.Cut(d, "consider pulling in: "); ok {
					for _, s := range strings.Split(pull, ", ") {
						id, _, _ := strings.Cut(s, " (")
						if it := p.Entry(id).Item; it.Horizon == model.HorizonNow || it.Slipped(now) {
							t.Errorf("suggests pulling in %s, which is under way: %s", id, d)
						}
					}
				}
			}
			if slips != tt.slips || over != tt.over {
				t.Errorf("%d slip and %d over-capacity warnings, want %d and %d", slips, over, tt.slips, tt.over)
			}
		})
	}
}

// TestBrokenCapacityModel: a [capacity] model that is reported as broken is
// not also judged against. An invalid product, tech or innovation share
// breaks the technical share (tech / (product + tech + innovation)); an
// invalid buffer breaks plannable capacity (capacity less the buffer), and
// the technical share too, which is judged only in quarters at least half
// planned; shares that do not sum to 100 break both, since the sum does
// not say which share is wrong. A team with work and no capacity at all
// reads no share and is still named.
func TestBrokenCapacityModel(t *testing.T) {
	roadmap := planRoadmap + `
[[teams]]
id = "beta"
title = "Beta"
`
	item := func(team, kind, estimate string, cod int) string {
		return "+++\ntitle = \"X\"\nkind = \"" + kind + "\"\ntheme = \"th\"\nteam = \"" + team + "\"\nhorizon = \"now\"\nwindow = \"2026-Q4\"\nestimate = \"" + estimate + "\"\ncost_of_delay = " + strconv.Itoa(cod) + "\n+++\n"
	}
	// alpha: 20w committed against 18w plannable, 2w of it technical (10%
	// against the model's 27.8%); beta has 1w and no capacity.
	items := map[string]string{
		"a.md": item("alpha", "feature", "14w", 10),
		"b.md": item("alpha", "security", "2w", 1),
		"d.md": item("alpha", "feature", "4w", 2),
		"e.md": item("beta", "feature", "1w", 5),
		"c.md": "+++\ntitle = \"X\"\nkind = \"platform\"\ntheme = \"th\"\nhorizon = \"next\"\nwindow = \"2027-Q1\"\nestimate = \"2w\"\ncost_of_delay = 1\n+++\n",
	}
	const (
		over    = `roadmap.toml:18:12: warning: team "alpha" is over capacity in 2026-Q4: 20w committed against 18w plannable (capacity 20w less the 10% unplanned buffer); to fit 2026-Q4, defer: d (score 0.5)`
		noCap   = `roadmap.toml:25:1: warning: team "beta" has 1w committed in 2026-Q4 but no capacity: add capacity = N (engineer-weeks per quarter), or move the work: e (score 5)`
		techLow = `roadmap.toml:7:8: warning: technical work is 9.5% of the effort committed in 2026-Q4, below the model's 27.8% (tech 25 of the 90 points not held back for unplanned work): platform health is being starved; consider pulling in: c (score 0.5)`
		sumHint = ` [until they do, teams are not checked against plannable capacity, nor technical work against its share]`
	)
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"a valid model is judged", "", "", []string{techLow, over, noCap}},
		{"product of the wrong type", "product = 60", `product = "60"`,
			[]string{`roadmap.toml:6:11: error: product must be a number, not the string "60"`, over, noCap}},
		{"negative product", "product = 60", "product = -60",
			[]string{`roadmap.toml:6:11: error: product must not be negative, got -60`, over, noCap}},
		{"tech over 100", "tech = 25", "tech = 125",
			[]string{`roadmap.toml:7:8: error: tech must be a whole percentage from 0 to 100, got 125`, over, noCap}},
		{"fractional innovation", "innovation = 5", "innovation = 5.5",
			[]string{`roadmap.toml:8:14: error: innovation must be a whole percentage from 0 to 100, got 5.5`, over, noCap}},
		{"buffer of the wrong type", "buffer = 10", `buffer = "10%"`,
			[]string{`roadmap.toml:9:10: error: buffer must be a number, not the string "10%"`, noCap}},
		{"buffer over 100", "buffer = 10", "buffer = 110",
			[]string{`roadmap.toml:9:10: error: buffer must be a whole percentage from 0 to 100, got 110`, noCap}},
		{"shares short of 100", "product = 60", "product = 50",
			[]string{`roadmap.toml:5:2: error: capacity shares sum to 90, not 100: product 50 + tech 25 + innovation 5 + buffer 10` + sumHint, noCap}},
		{"a buffer that takes the shares over 100", "buffer = 10", "buffer = 20",
			[]string{`roadmap.toml:5:2: error: capacity shares sum to 110, not 100: product 60 + tech 25 + innovation 5 + buffer 20` + sumHint, noCap}},
		{"a share left out", "innovation = 5\n", "",
			[]string{`roadmap.toml:5:2: error: capacity shares sum to 95, not 100: product 60 + tech 25 + innovation 0 + buffer 10` + sumHint, strings.Replace(noCap, "25:1", "24:1", 1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := roadmap
			if tt.old != "" {
				if r = strings.Replace(roadmap, tt.old, tt.new, 1); r == roadmap {
					t.Fatalf("the roadmap has no %q", tt.old)
				}
			}
			got := planSite(t, r, items)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
