package source

import (
	"sync"
	"testing"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

// TestDocIndexLazy checks that decoding leaves the position index unbuilt,
// that the first position built it and gives what a fresh index gives,
// and that Release drops Data, the index and the text, after which every
// position is the start of the TOML text.
func TestDocIndexLazy(t *testing.T) {
	const src = "title = \"Tenant audit log\"\nkind = \"security\"\ndepends_on = [\"a\", \"b\"]\nrice = { reach = 5, effort = 2 }\n"
	tests := []struct {
		path  string
		value bool
		want  diag.Pos
	}{
		{"title", false, diag.Pos{File: "x.md", Line: 2, Col: 1}},
		{"title", true, diag.Pos{File: "x.md", Line: 2, Col: 9}},
		{"depends_on.1", true, diag.Pos{File: "x.md", Line: 4, Col: 20}},
		{"rice.effort", false, diag.Pos{File: "x.md", Line: 5, Col: 21}},
		{"rice.missing", true, diag.Pos{File: "x.md", Line: 5, Col: 8}}, // falls back to rice
		{"missing", false, diag.Pos{File: "x.md", Line: 2, Col: 1}},     // falls back to the start
	}
	var l diag.List
	d := decodeTOML("x.md", []byte(src), 2, &l)
	if d == nil || len(l.Sorted()) != 0 {
		t.Fatalf("decode: %v", l.Sorted())
	}
	if d.index.Load() != nil {
		t.Fatal("decoding built the position index; it should wait for the first position")
	}
	pos := func() []diag.Pos {
		var out []diag.Pos
		for _, tt := range tests {
			if tt.value {
				out = append(out, d.ValuePos(tt.path))
			} else {
				out = append(out, d.KeyPos(tt.path))
			}
		}
		return out
	}
	before := pos()
	if d.index.Load() == nil {
		t.Fatal("a position did not keep the index it built")
	}
	for i, tt := range tests {
		if before[i] != tt.want {
			t.Errorf("%s (value %v): %v, want %v", tt.path, tt.value, before[i], tt.want)
		}
	}
	if !d.Has("kind") || d.Has("team") {
		t.Errorf("Has(kind) = %v, Has(team) = %v", d.Has("kind"), d.Has("team"))
	}
	if got, want := d.StringPos("title", "Tenant audit log", 7), (diag.Pos{File: "x.md", Line: 2, Col: 17}); got != want {
		t.Errorf("StringPos: %v, want %v", got, want)
	}
	d.Release()
	if d.Data != nil || d.index.Load() != nil || d.Src != nil {
		t.Fatal("Release kept Data, the index or the text")
	}
	start := diag.Pos{File: "x.md", Line: 2, Col: 1}
	for i, got := range pos() {
		if got != start {
			t.Errorf("after Release %s: %v, want %v", tests[i].path, got, start)
		}
	}
	if got := d.StringPos("title", "Tenant audit log", 7); got != start {
		t.Errorf("StringPos after Release: %v, want %v", got, start)
	}
}

// TestDocIndexConcurrent asks for positions from many goroutines at once,
// as parallel checks may; run with -race.
func TestDocIndexConcurrent(t *testing.T) {
	var l diag.List
	d := decodeTOML("x.md", []byte("a = 1\nb = \"two\"\n"), 2, &l)
	var wg sync.WaitGroup
	got := make([]diag.Pos, 8)
	for i := range got {
		wg.Go(func() { got[i] = d.ValuePos("b") })
	}
	wg.Wait()
	for i, p := range got {
		if want := (diag.Pos{File: "x.md", Line: 3, Col: 5}); p != want {
			t.Errorf("goroutine %d: %v, want %v", i, p, want)
		}
	}
}

// TestSiteRelease checks that Release drops Sources and every document's
// decoded TOML, and keeps what the renderer reads.
func TestSiteRelease(t *testing.T) {
	var l diag.List
	site := NewLoader(nil).Load(t.Context(), "../../content", &l)
	if site.Roadmap == nil || len(site.Items) == 0 || len(site.Sources) == 0 {
		t.Fatalf("example did not load: %v", l.Sorted())
	}
	site.Release()
	if site.Sources != nil || site.Roadmap.Data != nil {
		t.Error("Release kept Sources or roadmap.toml's Data")
	}
	for _, it := range site.Items {
		if it.Front.Data != nil {
			t.Errorf("%s: Release kept Data", it.ID)
		}
		if len(it.Body.src) == 0 || !it.Body.HasHTML() {
			t.Errorf("%s: Release dropped the body", it.ID)
		}
	}
}
