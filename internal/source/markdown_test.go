package source

import (
	"bytes"
	"context"
	"testing"
	"testing/fstest"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

// TestPackKeepsBodies loads the same files with and without Pack and
// requires the same body text and positions, the packed item and body to
// give back the whole file, and the packed body to be left unconverted
// (its page converts it), for files with a byte order mark, CRLF line
// endings, an empty body and a body with raw HTML.
func TestPackKeepsBodies(t *testing.T) {
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
	load := func(pack bool) map[string]*Item {
		var diags diag.List
		l := NewLoader(nil)
		l.Pack = pack
		site := l.LoadFS(context.Background(), fsys, "src", &diags)
		out := map[string]*Item{}
		for _, it := range site.Items {
			out[it.ID] = it
		}
		return out
	}
	plain, packed := load(false), load(true)
	if len(packed) != len(files) {
		t.Fatalf("loaded %d items, want %d", len(packed), len(files))
	}
	for id, p := range packed {
		k := plain[id]
		wantText, _ := k.Body.Text()
		gotText, err1 := p.Body.Text()
		whole, err2 := p.Body.FileText()
		gotString, err3 := p.Body.TextString()
		file, err4 := p.Text()
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
			t.Fatalf("%s: %v %v %v %v", id, err1, err2, err3, err4)
		}
		if !bytes.Equal(gotText, wantText) || gotString != string(wantText) {
			t.Errorf("%s: packed text %q, want %q", id, gotText, wantText)
		}
		if !k.Body.Converted() || p.Body.Converted() || p.Body.HasHTML() || p.Body.HTML() != "" {
			t.Errorf("%s: converted at load: %v without Pack, %v packed (HTML %q), want true and false", id, k.Body.Converted(), p.Body.Converted(), p.Body.HTML())
		}
		if want := files[id+".md"]; string(file) != want || string(whole) != want {
			t.Errorf("%s: packed file %q and body's file %q, want %q", id, file, whole, want)
		}
		if k.Body.HTML() == "" && id != "empty" {
			t.Errorf("%s: no HTML converted at load", id)
		}
		if raw, _ := k.Body.FileText(); raw != nil {
			t.Errorf("%s: an unpacked body gives its file: %q", id, raw)
		}
		if p.Body.Pos(len(wantText)) != k.Body.Pos(len(wantText)) {
			t.Errorf("%s: position %v, want %v", id, p.Body.Pos(len(wantText)), k.Body.Pos(len(wantText)))
		}
		p.Body.DropText()
		p.Body.DropHTML()
		if text, _ := p.Body.Text(); text != nil || p.Body.HasHTML() {
			t.Errorf("%s: dropped body still has text %q or HTML", id, text)
		}
	}
}
