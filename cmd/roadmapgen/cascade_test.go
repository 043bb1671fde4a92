package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCheckOneMessagePerMistake: one mistake in the example gives one
// message, not that message and the warnings or errors that follow from
// it: an invalid [capacity] model is not judged against, and keys
// swallowed by a misplaced table header are not also missing.
func TestCheckOneMessagePerMistake(t *testing.T) {
	tests := []struct {
		name           string
		file, old, new string
		want           string // the one message, file:line:col first
	}{
		{"a capacity share of the wrong type", "roadmap.toml", "product = 60", `product = "60"`,
			`roadmap.toml:19:11: error: product must be a number, not the string "60"`},
		{"a capacity share over 100", "roadmap.toml", "product = 60", "product = 160",
			`roadmap.toml:19:11: error: product must be a whole percentage from 0 to 100, got 160`},
		{"a negative capacity share", "roadmap.toml", "innovation = 5", "innovation = -5",
			`roadmap.toml:21:14: error: innovation must not be negative, got -5`},
		{"capacity shares short of 100", "roadmap.toml", "product = 60", "product = 50",
			`roadmap.toml:18:2: error: capacity shares sum to 90, not 100: product 50 + tech 25 + innovation 5 + buffer 10`},
		{"a buffer that takes the shares over 100", "roadmap.toml", "buffer = 10", "buffer = 20",
			`roadmap.toml:18:2: error: capacity shares sum to 110, not 100: product 60 + tech 25 + innovation 5 + buffer 20`},
		{"an unknown table above the item's keys", "items/dispatch/audit-log-v1.md", "kind = ", "[extra]\nnote = \"x\"\nkind = ",
			`items/dispatch/audit-log-v1.md:3:2: error: unknown table [extra] in item front matter: the keys after its header belong to it, so kind, theme, team, horizon, window, estimate, outcome and cost_of_delay are not read`},
		{"a misspelt [rice] header", "items/dispatch/audit-log-v1.md", "horizon = ", "[ric]\nreach = 3\nhorizon = ",
			`items/dispatch/audit-log-v1.md:6:2: error: unknown table [ric] in item front matter: the keys after its header belong to it, so horizon, window, estimate, outcome and cost_of_delay are not read`},
		{"an unknown table nested in another", "items/dispatch/audit-log-v1.md", "horizon = ", "[extra.deep]\nnote = \"x\"\nhorizon = ",
			`items/dispatch/audit-log-v1.md:6:2: error: unknown table [extra.deep] in item front matter: the keys after its header belong to it, so horizon, window, estimate, outcome and cost_of_delay are not read`},
		{"a header named after a key that is no table", "items/dispatch/audit-log-v1.md", "horizon = ", "[window]\nhorizon = ",
			`items/dispatch/audit-log-v1.md:6:2: error: [window] opens a table, but window in item front matter is not a table: the keys after the header belong to it, so horizon, window, estimate, outcome and cost_of_delay are not read`},
		{"an array of tables named after a key that is no table", "roadmap.toml", `prioritization = "wsjf"`, "[[prioritization]]",
			`roadmap.toml:15:3: error: [[prioritization]] opens a table, but prioritization in roadmap.toml is not a table: the keys after the header belong to it, so value_unit is not read`},
		{"a header with nothing swallowed", "roadmap.toml", `value_unit = "k$ per week"`, "[value_unit]\nx = 1",
			`roadmap.toml:16:2: error: value_unit must be a string in quotes, not a table`},
	}
	diagLine := regexp.MustCompile(`(?m)^\S+:\d+:\d+: (error|warning): .*$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, "../../content", dir)
			p := filepath.Join(dir, filepath.FromSlash(tt.file))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			edited := strings.Replace(string(b), tt.old, tt.new, 1)
			if edited == string(b) {
				t.Fatalf("%s has no %q", tt.file, tt.old)
			}
			if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			out, _, code := run(t, nil, "check", "--source", dir, "--today", "2026-11-21")
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			got := diagLine.FindAllString(strings.ReplaceAll(out, dir+string(filepath.Separator), ""), -1)
			if len(got) != 1 || got[0] != tt.want || !strings.Contains(out, ": 1 error, 0 warnings") {
				t.Errorf("got %d messages:\n%s\nwant only:\n%s\n\nfull output:\n%s", len(got), strings.Join(got, "\n"), tt.want, out)
			}
		})
	}
}
