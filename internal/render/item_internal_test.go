package render

import (
	"reflect"
	"testing"
)

// TestItemViewHasFrame requires itemView to declare every field of page,
// with the same type: it carries them itself instead of embedding page
// (see itemView), and base.html reads them on every page.
func TestItemViewHasFrame(t *testing.T) {
	pt, it := reflect.TypeFor[page](), reflect.TypeFor[itemView]()
	for f := range pt.Fields() {
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
