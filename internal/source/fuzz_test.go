package source

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

const fuzzRoadmap = "title = \"t\"\nnow = \"2026-Q4\"\n[[themes]]\nid = \"a\"\ntitle = \"A\"\n"

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"", "+++", "+++\n", "+++\n+++", "+++\na=1\n+++\nbody", "\xef\xbb\xbf+++\r\n+++\r\n", "++++\n", "+++ \n+++\t", "\n+++\n+++\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, err := SplitFrontMatter(src)
		if err != nil {
			return
		}
		if fm.BodyOffset < 0 || fm.BodyOffset > len(src) || string(src[fm.BodyOffset:]) != string(fm.Body) {
			t.Fatalf("body offset %d does not point at the body", fm.BodyOffset)
		}
		if fm.BodyLine < 3 || fm.BodyLine-1 > strings.Count(string(src), "\n")+1 {
			t.Fatalf("body line %d out of range", fm.BodyLine)
		}
	})
}

// FuzzLoad feeds arbitrary bytes to the loader as an item file and as
// roadmap.toml. Whatever they hold, loading must not panic, must finish
// quickly, and every diagnostic must point into the file it names.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		"+++\ntitle = \"x\"\nkind = \"feature\"\nhorizon = \"now\"\n+++\nBody with <b>html</b> and [a](javascript:x)\n",
		"+++\ntitle = \"x\"\ndepends_on = [\"x\", 1, [2]]\nrice = { reach = 1, impact = { deep = [[[[[[[[[[1]]]]]]]]]] } }\n+++\n",
		"+++\n[[a]]\n[[a.b]]\nc = 1979-05-27T07:32:00Z\n+++\n",
		"+++\ntitle = \"\"\"\nmulti\n\"\"\"\n+++\n# Heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"+++\ntitle = \"unterminated\n+++\n",
		"+++\na = [" + strings.Repeat("[", 100) + "\n+++\n",
		"+++\nwindow = \"2026-Q9\"\nestimate = \"9-1w\"\n+++\n",
		"\xff\xfe+++\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), []byte(fuzzRoadmap))
	}
	f.Add([]byte(seeds[0]), []byte("title = 1\n[[themes]]\nid = \"Bad Id\"\n[capacity]\nproduct = 1e400\n"))
	f.Add([]byte(seeds[0]), []byte("[[objectives]]\n[[objectives]]\nid = \"a\"\n[[objectives.x]]\n"))
	f.Fuzz(func(t *testing.T, item, roadmap []byte) {
		fsys := fstest.MapFS{
			"roadmap.toml":   {Data: roadmap},
			"items/x.md":     {Data: item},
			"items/sub/y.md": {Data: item},
		}
		var diags diag.List
		start := time.Now()
		site := NewLoader(nil).LoadFS(context.Background(), fsys, "src", &diags)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("loading %d bytes took %v", len(item)+len(roadmap), d)
		}
		for _, d := range diags.Sorted() {
			if d.Pos.Line == 0 {
				continue
			}
			if _, ok := site.Sources.Line(d.Pos.File, d.Pos.Line); !ok {
				t.Fatalf("diagnostic points past its file: %s: %s", d.Pos, d.Message)
			}
		}
	})
}
