package render

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIsOutput: build replaces a folder only when IsOutput accepts it, so
// both roots' roadmap.json, minified or indented, must be recognised, and
// anything else refused.
func TestIsOutput(t *testing.T) {
	for _, tc := range []struct {
		name, json string // json "" writes no roadmap.json
		want       bool
	}{
		{"internal, minified", `{"format":"` + internalFormat + `","title":"x"}`, true},
		{"public, indented", "{\n  \"format\": \"" + publicFormat + "\",\n  \"title\": \"x\"\n}", true},
		{"a later version", `{"format":"roadmapgen/2"}`, true},
		{"someone else's roadmap.json", `{"format":"other/1"}`, false},
		{"format not first", `{"title":"x","format":"roadmapgen/1"}`, false},
		{"no roadmap.json", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.json != "" {
				if err := os.WriteFile(filepath.Join(dir, "roadmap.json"), []byte(tc.json), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if got := IsOutput(dir); got != tc.want {
				t.Errorf("IsOutput = %v, want %v", got, tc.want)
			}
		})
	}
}
