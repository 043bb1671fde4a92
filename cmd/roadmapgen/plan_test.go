package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanGolden: the ranked list and the capacity table of the example,
// as a planning meeting or a CI log sees them, and the same in JSON.
func TestPlanGolden(t *testing.T) {
	out, errOut, code := run(t, nil, "plan", "--source", "../../content", "--today", "2026-11-21")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	golden(t, "plan-example.golden", out)
	again, _, _ := run(t, nil, "plan", "--source", "../../content", "--today", "2026-11-21")
	if again != out {
		t.Error("two runs differ")
	}

	js, _, code := run(t, nil, "plan", "--source", "../../content", "--today", "2026-11-21", "--format", "json")
	if code != 0 {
		t.Fatalf("json: exit %d", code)
	}
	var doc struct {
		Format string
		Ranked []struct {
			Rank     int
			ID       string
			Score    float64
			Value    float64
			Unblocks []struct {
				ID    string
				Value float64
			}
		}
		Capacity struct {
			Quarters []string
			Teams    []struct {
				ID       string
				Quarters []struct {
					Quarter string
					Over    bool
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if doc.Format != "roadmapgen-plan/1" || len(doc.Ranked) != 40 || doc.Ranked[0].Rank != 1 {
		t.Fatalf("plan JSON: format %q, %d ranked", doc.Format, len(doc.Ranked))
	}
	// org-hierarchy: own 6 + branch-dispatch-board 40 + scim-provisioning
	// 26 + regional-manager-console 20 + tenant-rbac 8 = 100 over 8w.
	top := doc.Ranked[0]
	if top.ID != "org-hierarchy" || top.Value != 100 || top.Score != 12.5 || len(top.Unblocks) != 4 {
		t.Errorf("first: %+v", top)
	}
	if len(doc.Capacity.Quarters) == 0 || doc.Capacity.Quarters[0] != "2026-Q4" || len(doc.Capacity.Teams) != 7 {
		t.Errorf("capacity: %+v", doc.Capacity.Quarters)
	}
}

// TestPlanOverCommitted: a team over capacity is a warning (exit 1 with
// --strict) and the plan names what would have to move.
func TestPlanOverCommitted(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../content", dir)
	toml := filepath.Join(dir, "roadmap.toml")
	b, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	// Scheduling: 36w -> 30w, so 27w plannable against 31.5w committed.
	over := strings.Replace(string(b), "id = \"scheduling\"\ntitle = \"Scheduling\"\nproduct = \"dispatch\"\ncapacity = 36", "id = \"scheduling\"\ntitle = \"Scheduling\"\nproduct = \"dispatch\"\ncapacity = 30", 1)
	if over == string(b) {
		t.Fatal("the example's scheduling team is not where the test expects it")
	}
	if err := os.WriteFile(toml, []byte(over), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, nil, "plan", "--source", dir, "--today", "2026-11-21")
	if code != 0 {
		t.Errorf("warnings without --strict: exit %d", code)
	}
	for _, want := range []string{
		`warning: team "scheduling" is over capacity in 2026-Q4: 31.5w (midpoint of 25–38w) committed against 27w plannable`,
		"to fit 2026-Q4, defer: demand-forecasting-spike (score 0.6)",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "to fit 2026-Q4, scheduling defers: demand-forecasting-spike (score 0.6)") || !strings.Contains(out, "OVER: over by 4.5w") {
		t.Errorf("plan output lacks the over-commitment:\n%s", out)
	}
	if _, _, code := run(t, nil, "plan", "--source", dir, "--today", "2026-11-21", "--strict"); code != 1 {
		t.Errorf("--strict with warnings: exit %d, want 1", code)
	}
}

func TestPlanErrorsAndUsage(t *testing.T) {
	out, errOut, code := run(t, nil, "plan", "--source", "testdata/broken", "--today", "2026-11-21")
	if code != 1 || out != "" || !strings.Contains(errOut, "roadmapgen plan: stopped by") {
		t.Errorf("broken source: exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	if _, errOut, code := run(t, nil, "plan", "--format", "yaml"); code != 2 || !strings.Contains(errOut, `unknown format "yaml"`) {
		t.Errorf("bad format: exit %d, %s", code, errOut)
	}
}
