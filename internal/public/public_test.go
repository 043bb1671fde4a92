package public

import (
	"reflect"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// TestFrom: only public items, grouped under their theme's public title in
// the roadmap's theme order, by public title (else title) within a theme;
// items whose theme has no public title last, without a theme title.
func TestFrom(t *testing.T) {
	shown := &model.Theme{ID: "shown", Title: "Internal theme title", PublicTitle: "Public theme", PublicSummary: "Theme summary"}
	hidden := &model.Theme{ID: "hidden", Title: "Hidden theme"}
	pub := model.VisibilityPublic
	m := &model.Plan{
		Public: model.Public{Intro: "Hello", FeedbackURL: "https://example.com/f"},
		Themes: []*model.Theme{hidden, shown},
		Items: []*model.Item{
			{ID: "a", Title: "Zeta internal", PublicTitle: "Beta", PublicSummary: "b", Theme: shown, Horizon: model.HorizonNow, Visibility: pub, CostOfDelay: 9, HasCostOfDelay: true, Estimate: model.Estimate{Text: "1w", Low: 1, High: 1}},
			{ID: "b", Title: "Alpha", Theme: shown, Horizon: model.HorizonNow, Visibility: pub},
			{ID: "c", Title: "Secret", Theme: shown, Horizon: model.HorizonNow},
			{ID: "d", Title: "Loose", Theme: hidden, Horizon: model.HorizonNext, Visibility: pub},
			{ID: "e", Title: "No theme", Horizon: model.HorizonNext, Visibility: pub},
			{ID: "f", Title: "Done", PublicTitle: "Done publicly", Theme: shown, Horizon: model.HorizonShipped, Visibility: pub},
		},
	}
	got := From(plan.Make(m))
	want := &Plan{
		Title: DefaultTitle, Intro: "Hello", FeedbackURL: "https://example.com/f",
		Columns: []Column{
			{Horizon: "now", Title: "Now", Themes: []Theme{{Title: "Public theme", Summary: "Theme summary", Items: []Item{{Title: "Alpha"}, {Title: "Beta", Summary: "b"}}}}},
			{Horizon: "next", Title: "Next", Themes: []Theme{{Items: []Item{{Title: "Loose"}, {Title: "No theme"}}}}},
			{Horizon: "later", Title: "Later"},
		},
		Shipped: []Theme{{Title: "Public theme", Summary: "Theme summary", Items: []Item{{Title: "Done publicly"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("From:\n got %+v\nwant %+v", got, want)
	}
}
