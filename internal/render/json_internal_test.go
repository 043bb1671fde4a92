package render

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/gen"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// jsonSites returns the roadmaps the export is checked on: the example,
// the test site, a copy of it whose item bodies end with text JSON must
// escape, and a generated roadmap with a canary in every field.
func jsonSites(t *testing.T) []string {
	t.Helper()
	escaped := t.TempDir()
	err := filepath.WalkDir("testdata/site", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata/site", p)
		if strings.HasSuffix(p, ".md") {
			data = append(data, "\n<script>alert('&')</script> \"quoted\" \\ back\u2028line\u2029 \x01\x1f\tcafé 😀\n"...)
		}
		out := filepath.Join(escaped, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	canaries := t.TempDir()
	if _, err := gen.Write(canaries, gen.Options{Seed: 5, Items: 300, Canaries: true}); err != nil {
		t.Fatal(err)
	}
	return []string{"../../content", "testdata/site", escaped, canaries}
}

func loadPlan(t *testing.T, dir string) *plan.Plan {
	t.Helper()
	ctx := context.Background()
	var diags diag.List
	m := model.Build(ctx, source.NewLoader(nil).Load(ctx, dir, &diags), &diags)
	if diags.HasErrors() {
		t.Fatalf("%s has errors: %v", dir, diags.Sorted())
	}
	return plan.Make(m)
}

// sameAsMarshal fails t unless appendJSONItem writes e as json.Marshal
// writes jsonItemOf, after a prefix it must keep.
func sameAsMarshal(t *testing.T, e *plan.Entry) {
	t.Helper()
	body := e.Item.Body.Text()
	want, werr := json.Marshal(jsonItemOf(e, unsafe.String(unsafe.SliceData(body), len(body))))
	got, err := appendJSONItem([]byte(","), e)
	if (err != nil) != (werr != nil) {
		t.Fatalf("%s: appendJSONItem error %v, json.Marshal error %v", e.Item.ID, err, werr)
	}
	if err == nil && (string(got[1:]) != string(want) || got[0] != ',') {
		t.Errorf("%s: appendJSONItem differs from json.Marshal:\n%s", e.Item.ID, firstDiffBytes(got[1:], want))
	}
}

// firstDiffBytes shows where got and want first differ.
func firstDiffBytes(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return "got:  " + string(got[from:min(len(got), i+60)]) + "\nwant: " + string(want[from:min(len(want), i+60)])
}

// TestJSONItemMatchesMarshal: the items of the internal roadmap.json,
// written by appendJSONItem, are what json.Marshal writes for jsonItem
// (the export's documented schema), on real roadmaps and then with every
// optional field set, numbers in every form JSON writes them, and a
// number JSON cannot hold, which both refuse.
func TestJSONItemMatchesMarshal(t *testing.T) {
	for _, dir := range jsonSites(t) {
		p := loadPlan(t, dir)
		entries := append(append([]*plan.Entry{}, p.Ranked...), p.Shipped...)
		for _, e := range entries {
			sameAsMarshal(t, e)
		}
		// Every optional field, and numbers from zero to exponent form.
		odd := []float64{0, math.Copysign(0, -1), 0.5, 1e-7, 123456.789, 1e21, -2.5e-9}
		for i, e := range entries {
			it := e.Item
			x := odd[i%len(odd)]
			it.RICE = &model.RICE{Reach: x, Impact: 2, Confidence: 0.8, Effort: odd[(i+1)%len(odd)]}
			it.Estimate = model.Estimate{Text: "odd", Low: x, High: odd[(i+2)%len(odd)]}
			it.HasCostOfDelay, it.CostOfDelay = true, odd[(i+3)%len(odd)]
			it.Risk, it.Outcome, it.MoSCoW = "risk <&>", "outcome \u2028", "must"
			e.Scored, e.Score = true, x
			sameAsMarshal(t, e)
		}
		e := entries[0]
		e.Item.CostOfDelay = math.NaN()
		sameAsMarshal(t, e)
		e.Item.CostOfDelay, e.Score = 1, math.Inf(1)
		sameAsMarshal(t, e)
	}
}

// TestInternalJSONCompactMatchesIndented: the compact roadmap.json a
// minified build streams is the indented one (json.MarshalIndent of the
// whole export) with its white space taken out.
func TestInternalJSONCompactMatchesIndented(t *testing.T) {
	for _, dir := range jsonSites(t) {
		p := loadPlan(t, dir)
		var compact, indented, want bytes.Buffer
		if err := writeInternalJSON(&compact, p, false); err != nil {
			t.Fatal(err)
		}
		if err := writeInternalJSON(&indented, p, true); err != nil {
			t.Fatal(err)
		}
		if err := json.Compact(&want, indented.Bytes()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(compact.Bytes(), want.Bytes()) {
			t.Errorf("%s: compact roadmap.json differs from the indented one compacted:\n%s", dir, firstDiffBytes(compact.Bytes(), want.Bytes()))
		}
	}
}

// BenchmarkInternalJSON writes the items of a generated 10,000-item
// roadmap's roadmap.json with appendJSONItem, and with encoding/json
// as it wrote them before, for scale.
//
//	go test ./internal/render -run '^$' -bench InternalJSON -benchtime 5x
func BenchmarkInternalJSON(b *testing.B) {
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{Seed: 1, Items: 10000}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var diags diag.List
	p := plan.Make(model.Build(ctx, source.NewLoader(nil).Load(ctx, dir, &diags), &diags))
	entries := append(append([]*plan.Entry{}, p.Ranked...), p.Shipped...)
	var size int64
	for _, e := range entries {
		size += int64(len(e.Item.Body.Text()))
	}
	b.Run("append", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			for _, e := range entries {
				var err error
				if buf, err = appendJSONItem(buf[:0], e); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		for b.Loop() {
			for _, e := range entries {
				buf.Reset()
				body := e.Item.Body.Text()
				if err := enc.Encode(jsonItemOf(e, unsafe.String(unsafe.SliceData(body), len(body)))); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
