package render

import (
	"reflect"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/themes"
)

// TestItemViewHasFrame requires itemView to declare every field of page,
// with the same type: it carries them itself instead of embedding page
// (see itemView), and base.html reads them on every page. Only out is
// left: it serves the views' Go-written fragments (page.emit).
func TestItemViewHasFrame(t *testing.T) {
	pt, it := reflect.TypeFor[page](), reflect.TypeFor[itemView]()
	for f := range pt.Fields() {
		if f.Name == "out" {
			continue
		}
		got, ok := it.FieldByName(f.Name)
		switch {
		case !ok:
			t.Errorf("itemView lacks page's field %s", f.Name)
		case got.Type != f.Type:
			t.Errorf("itemView.%s is %s, page's %s", f.Name, got.Type, f.Type)
		case len(got.Index) != 1:
			t.Errorf("itemView.%s is promoted, not its own", f.Name)
		}
	}
}

// TestItemFrameIsNewPage: the frame views.item fills in itself, without
// newPage (which would make each page's path), is the one newPage makes
// for the item's path, with and without a base URL.
func TestItemFrameIsNewPage(t *testing.T) {
	p := loadPlan(t, "testdata/site")
	th, err := theme.Load(themes.Default(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"", "https://plan.example.com/internal/"} {
		r, err := New(Options{Theme: th, BaseURL: base, Minify: true})
		if err != nil {
			t.Fatal(err)
		}
		v := newViews(r, p)
		for _, it := range p.Model.Items[:3] {
			data, err := v.item(it)
			if err != nil {
				t.Fatal(err)
			}
			iv := data.(*itemView)
			want := v.newPage(itemPath(it.ID), "item", it.Title, "Item", "")
			got := page{Site: iv.Site, Root: iv.Root, View: iv.View, Title: iv.Title, Audience: iv.Audience, Lede: iv.Lede,
				Nav: iv.Nav, Canonical: iv.Canonical, Pages: iv.Pages, PagesLabel: iv.PagesLabel, minified: iv.minified}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("base %q, %s: item frame %+v, newPage %+v", base, it.ID, got, want)
			}
		}
	}
}
