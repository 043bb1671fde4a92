package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanJSONSlipped: plan --format json gives the part of each cell's
// and each quarter's commitment that slipped from earlier quarters, in
// the shape of the other effort ranges, and leaves it out where nothing
// slipped.
func TestPlanJSONSlipped(t *testing.T) {
	type load struct{ Low, Mid, High float64 }
	type cell struct {
		Quarter string
		Slipped *load
	}
	var doc struct {
		Capacity struct {
			Teams []struct {
				ID       string
				Quarters []cell
			}
			Totals []cell
		}
	}
	tests := []struct {
		name       string
		file, edit [2]string // file, then old and new text
		// slipped is the slipped load of every team and of the total in
		// the first quarter, by team id ("" for the total); every other
		// cell and total must have none.
		slipped map[string]load
	}{
		{name: "nothing slipped"},
		{"a now item's window ended last quarter",
			[2]string{"items/dispatch/org-hierarchy.md"}, [2]string{`window = "2026-Q4"`, `window = "2026-Q3"`},
			map[string]load{"": {6, 8, 10}, "core-platform": {6, 8, 10}}},
		{"the quarter turned",
			[2]string{"roadmap.toml"}, [2]string{`now = "2026-Q4"`, `now = "2027-Q1"`},
			map[string]load{"": {131, 160.5, 190}, "core-platform": {12, 16, 20}, "scheduling": {25, 31.5, 38}, "office": {20, 24, 28},
				"trust": {14, 17, 20}, "field-app": {22, 27, 32}, "payments": {22, 26, 30}, "invoicing": {16, 19, 22}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
				t.Fatal(err)
			}
			if tt.file[0] != "" {
				p := filepath.Join(dir, filepath.FromSlash(tt.file[0]))
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				edited := strings.Replace(string(b), tt.edit[0], tt.edit[1], 1)
				if edited == string(b) {
					t.Fatalf("%s has no %q", tt.file[0], tt.edit[0])
				}
				if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var out, errOut strings.Builder
			code := Run(context.Background(), []string{"plan", "--source", dir, "--today", "2026-11-21", "--format", "json"}, &out, &errOut, func(string) string { return "" })
			if code != ExitOK {
				t.Fatalf("exit %d:\n%s", code, errOut.String())
			}
			if tt.slipped == nil && strings.Contains(out.String(), `"slipped"`) {
				t.Errorf("nothing slipped, but the JSON has a slipped field")
			}
			doc.Capacity.Teams, doc.Capacity.Totals = nil, nil
			if err := json.Unmarshal([]byte(out.String()), &doc); err != nil {
				t.Fatal(err)
			}
			check := func(id string, cells []cell) {
				for i, c := range cells {
					want, ok := tt.slipped[id]
					switch {
					case i == 0 && ok && (c.Slipped == nil || *c.Slipped != want):
						t.Errorf("%q in %s: slipped %+v, want %+v", id, c.Quarter, c.Slipped, want)
					case (i > 0 || !ok) && c.Slipped != nil:
						t.Errorf("%q in %s: slipped %+v, want none", id, c.Quarter, *c.Slipped)
					}
				}
			}
			check("", doc.Capacity.Totals)
			for _, tm := range doc.Capacity.Teams {
				check(tm.ID, tm.Quarters)
			}
		})
	}
}
