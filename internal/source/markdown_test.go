package source

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

// TestDeferKeepsBodies loads the same files with and without Defer and
// requires the same body text and positions, the deferred item and body
// to give back the whole file, and the deferred body to be left
// unconverted (its page converts it), for files with a byte order mark,
// CRLF line endings, an empty body and a body with raw HTML.
func TestDeferKeepsBodies(t *testing.T) {
	files := map[string]string{
		"plain.md": "+++\ntitle = \"Plain\"\n+++\n\n# Why\n\nSome *text* and a [link](https://example.com).\n",
		"bom.md":   "\xef\xbb\xbf+++\ntitle = \"BOM\"\n+++\nBody after a byte order mark, <b>raw</b> HTML.\n",
		"crlf.md":  "+++\r\ntitle = \"CRLF\"\r\n+++\r\nLine one\r\n\r\n- a\r\n- b\r\n",
		"empty.md": "+++\ntitle = \"Empty\"\n+++\n",
	}
	fsys := fstest.MapFS{RoadmapFile: {Data: []byte("title = \"T\"\n")}}
	for name, text := range files {
		fsys[ItemsDir+"/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	load := func(deferred bool) map[string]*Item {
		var diags diag.List
		l := NewLoader(nil)
		l.Defer = deferred
		site := l.LoadFS(context.Background(), fsys, "src", &diags)
		out := map[string]*Item{}
		for _, it := range site.Items {
			out[it.ID] = it
		}
		return out
	}
	plain, deferred := load(false), load(true)
	if len(deferred) != len(files) {
		t.Fatalf("loaded %d items, want %d", len(deferred), len(files))
	}
	for id, p := range deferred {
		k := plain[id]
		wantText, gotText := k.Body.Text(), p.Body.Text()
		whole, file := p.Body.FileText(), p.Text()
		if !bytes.Equal(gotText, wantText) {
			t.Errorf("%s: deferred text %q, want %q", id, gotText, wantText)
		}
		if !k.Body.Converted() || p.Body.Converted() || p.Body.HasHTML() || p.Body.HTML() != "" {
			t.Errorf("%s: converted at load: %v without Defer, %v deferred (HTML %q), want true and false", id, k.Body.Converted(), p.Body.Converted(), p.Body.HTML())
		}
		if want := files[id+".md"]; string(file) != want || string(whole) != want {
			t.Errorf("%s: deferred file %q and body's file %q, want %q", id, file, whole, want)
		}
		if k.Body.HTML() == "" && id != "empty" {
			t.Errorf("%s: no HTML converted at load", id)
		}
		if raw := k.Body.FileText(); raw != nil {
			t.Errorf("%s: a body converted at load gives its file: %q", id, raw)
		}
		if p.Body.Pos(len(wantText)) != k.Body.Pos(len(wantText)) {
			t.Errorf("%s: position %v, want %v", id, p.Body.Pos(len(wantText)), k.Body.Pos(len(wantText)))
		}
		p.Body.DropText()
		p.Body.DropHTML()
		if text := p.Body.Text(); text != nil || p.Body.HasHTML() {
			t.Errorf("%s: dropped body still has text %q or HTML", id, text)
		}
	}
}
