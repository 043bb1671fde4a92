package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCapacityInViews: an over-committed team and technical work below
// the model are marked where the views promise, with what would have to
// move; an estimate's range and risk reach the release plan; value
// flowing through a dependency is broken down on the item page.
func TestCapacityInViews(t *testing.T) {
	roadmap := `title = "R"
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
id = "a"
title = "Team A"
capacity = 20
[[themes]]
id = "th"
title = "Th"
objective = "o"
`
	item := func(kind, est string, cod int, extra ...string) string {
		return "+++\ntitle = \"Item\"\nkind = \"" + kind + "\"\ntheme = \"th\"\nteam = \"a\"\nhorizon = \"now\"\nwindow = \"2026-Q4\"\nestimate = \"" + est + "\"\ncost_of_delay = " + itoa(cod) + "\n" + strings.Join(extra, "\n") + "\n+++\n"
	}
	src := map[string]string{
		"roadmap.toml": roadmap,
		// 20w committed against 18w plannable; low is the lowest-ranked
		// (2/4 = 0.5) and must move; base carries big's value.
		"items/base.md": item("platform", "2w", 1, `risk = "4w if the vendor is late"`),
		"items/big.md":  item("feature", "13-15w", 30, `depends_on = ["base"]`),
		"items/low.md":  item("feature", "3-5w", 2),
	}
	dir := t.TempDir()
	for name, body := range src {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	internal, _ := build(t, dir)
	in := files(internal)
	tests := []struct {
		page string
		want []string
	}{
		{"portfolio/index.html", []string{
			`<tr class="over">`, "⚠ over by 2w", "to fit 2026-Q4, defer:", `href="../items/low.html">Item</a> (score 0.5)`,
			"⚠ tech 10% of committed work, below the model's 27.8%",
		}},
		{"executive/index.html", []string{"Team A is over by 2w in 2026-Q4: to fit 2026-Q4, defer", "below the model's 27.8%"}},
		{"index.html", []string{"Team A is over by 2w in 2026-Q4", "incl. 30 from what it unblocks"}},
		{"releases/index.html", []string{"2w<br><span class=\"count\">risk: 4w if the vendor is late</span>"}},
		{"items/base.html", []string{`own 1 + unblocks: <a class="item-link" href="../items/big.html">Item</a> 30 = 31 k$ per week`,
			"2026-Q4: 2w of Team A&#39;s 18w plannable; the team is over by 2w"}},
		{"items/low.html", []string{"this item is among the lowest-ranked that would have to move to fit"}},
		{"technology/index.html", []string{`own 1 + unblocks: <a class="item-link" href="../items/big.html">Item</a> 30 = 31 k$ per week`}},
	}
	for _, tt := range tests {
		page := in[tt.page]
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				i := strings.Index(page, "over by")
				t.Errorf("%s lacks %q\n%s", tt.page, w, page[max(0, i-200):min(len(page), i+300)])
			}
		}
	}
}
