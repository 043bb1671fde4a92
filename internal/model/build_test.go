package model_test

import (
	"context"
	"testing"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// TestBuildExample checks that the example roadmap resolves into the plan
// its files describe: references become pointers both ways and derived
// values are filled in.
func TestBuildExample(t *testing.T) {
	var diags diag.List
	site := source.NewLoader(nil).Load(context.Background(), "../../content", &diags)
	p := model.Build(context.Background(), site, &diags)
	if diags.Len() != 0 {
		for _, d := range diags.Sorted() {
			t.Errorf("%s: %s", d.Pos, d.Message)
		}
	}
	items := map[string]*model.Item{}
	for i, it := range p.Items {
		items[it.ID] = it
		if i > 0 && p.Items[i-1].ID >= it.ID {
			t.Errorf("items not sorted by id: %s before %s", p.Items[i-1].ID, it.ID)
		}
	}
	if len(p.Items) != 52 || len(p.Themes) != 11 || len(p.Objectives) != 5 || len(p.Products) != 3 || len(p.Teams) != 7 {
		t.Errorf("counts: %d items, %d themes, %d objectives, %d products, %d teams", len(p.Items), len(p.Themes), len(p.Objectives), len(p.Products), len(p.Teams))
	}
	if p.Now.String() != "2026-Q4" || p.Reviewed != time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC) || p.ReviewEvery != "quarter" || p.Prioritization != model.FrameworkWSJF {
		t.Errorf("frame: now %s reviewed %s every %s by %s", p.Now, p.Reviewed, p.ReviewEvery, p.Prioritization)
	}
	if c := p.Capacity; !c.Declared || c.Product != 60 || c.Tech != 25 || c.Innovation != 5 || c.Buffer != 10 {
		t.Errorf("capacity: %+v", c)
	}

	sso := items["saml-sso"]
	if sso == nil {
		t.Fatal("saml-sso missing")
	}
	switch {
	case sso.Theme == nil || sso.Theme.ID != "enterprise-identity":
		t.Errorf("theme: %v", sso.Theme)
	case sso.Theme.Objective == nil || sso.Theme.Objective.ID != "enterprise-expansion":
		t.Errorf("objective: %v", sso.Theme.Objective)
	case sso.Team == nil || sso.Team.ID != "trust":
		t.Errorf("team: %v", sso.Team)
	case sso.Product == nil || sso.Product.ID != "dispatch":
		t.Errorf("product from team: %v", sso.Product)
	case sso.Family != model.FamilyProduct || sso.Kind != model.KindFeature:
		t.Errorf("kind %s family %s", sso.Kind, sso.Family)
	case sso.Confidence != model.ConfidenceHigh || sso.ConfidenceSet:
		t.Errorf("default confidence of a now item: %s (set %v)", sso.Confidence, sso.ConfidenceSet)
	case sso.Window.Text != "2026-Q4" || sso.Window.Start != p.Now || sso.Window.End != p.Now:
		t.Errorf("window: %+v", sso.Window)
	case sso.Estimate.Low != 10 || sso.Estimate.High != 14:
		t.Errorf("estimate: %+v", sso.Estimate)
	case !sso.Public() || sso.PublicTitle == "" || sso.CostOfDelay != 45 || !sso.HasCostOfDelay:
		t.Errorf("public %v title %q cost %v", sso.Public(), sso.PublicTitle, sso.CostOfDelay)
	case sso.Status != model.StatusAtRisk || sso.MoSCoW != "must":
		t.Errorf("status %s moscow %s", sso.Status, sso.MoSCoW)
	case len(sso.DependsOn) != 1 || sso.DependsOn[0] != items["session-store-migration"]:
		t.Errorf("depends on: %v", sso.DependsOn)
	case !sso.Body.HasHTML() || sso.Body.Line != 19:
		t.Errorf("body not parsed or misplaced: line %d", sso.Body.Line)
	}
	sess := items["session-store-migration"]
	if sess.Confidence != model.ConfidenceMedium || !sess.ConfidenceSet {
		t.Errorf("declared confidence: %s", sess.Confidence)
	}
	found := false
	for _, d := range sess.Dependents {
		found = found || d == sso
	}
	if !found {
		t.Error("session-store-migration does not know saml-sso depends on it")
	}
	scim := items["scim-provisioning"]
	if scim.Confidence != model.ConfidenceMedium || scim.ConfidenceSet {
		t.Errorf("default confidence of a next item: %s", scim.Confidence)
	}
	// Every back-reference matches a forward one.
	for _, it := range p.Items {
		for _, dep := range it.DependsOn {
			n := 0
			for _, d := range dep.Dependents {
				if d == it {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s lists %s as a dependent %d times", dep.ID, it.ID, n)
			}
		}
		if it.Theme != nil && !contains(it.Theme.Items, it) {
			t.Errorf("theme %s does not list %s", it.Theme.ID, it.ID)
		}
		if it.Team != nil && !contains(it.Team.Items, it) {
			t.Errorf("team %s does not list %s", it.Team.ID, it.ID)
		}
	}
}

func contains(list []*model.Item, it *model.Item) bool {
	for _, x := range list {
		if x == it {
			return true
		}
	}
	return false
}
