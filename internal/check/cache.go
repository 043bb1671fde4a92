package check

import (
	"maps"

	"github.com/roadmapgen/roadmapgen/internal/datelike"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// Cache keeps the findings of check's text rules (dates, markup and leaks
// in what can reach the public page) from one Run to the next, for a
// server that checks the same source after every save.
//
// Findings are kept per document, by pointer: roadmap.toml's under its
// *source.Doc, each item's under its front matter's. A source.Tree hands
// out the same document for a file it did not read again and a new one
// for a file it did, so an edited item is scanned again and every other
// item is not. An item's findings also depend on the roadmap's teams (the
// leak rule looks for their names), so a new roadmap.toml document drops
// everything. Documents no longer in the plan are dropped after each Run.
//
// A plan whose roadmap.toml did not load, or whose items were not built
// from documents, is scanned in full. A Cache must be used with plans
// built by model.Build from loaded documents, and is not safe for
// concurrent use.
type Cache struct {
	dates *datelike.Detector
	// roadmap is the document frame and items were found with.
	roadmap *source.Doc
	// frame holds roadmap.toml's findings once framed is set.
	frame  []diag.Diagnostic
	framed bool
	// items holds each item's findings by its front matter document; gen
	// numbers the runs, so that documents a run did not see can go.
	items map[*source.Doc]*found
	gen   int
}

// found is what the text rules found in one item.
type found struct {
	diags []diag.Diagnostic
	// gen is the last run that used it.
	gen int
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

// detector returns the Cache's date detector, made once, or a new one
// for a nil Cache.
func (c *Cache) detector() *datelike.Detector {
	if c == nil {
		return datelike.New()
	}
	if c.dates == nil {
		c.dates = datelike.New()
	}
	return c.dates
}

// begin starts a Run over a plan whose roadmap.toml is roadmap, dropping
// everything found with another one. It reports whether the Run may use
// the Cache.
func (c *Cache) begin(roadmap *source.Doc) bool {
	if c == nil || roadmap == nil {
		return false
	}
	if c.roadmap != roadmap || c.items == nil {
		c.roadmap, c.frame, c.framed, c.items = roadmap, nil, false, map[*source.Doc]*found{}
	}
	c.gen++
	return true
}

// item returns the findings kept for the item read from doc, and marks
// them used by this Run; ok is false when there are none yet.
func (c *Cache) item(doc *source.Doc) (diags []diag.Diagnostic, ok bool) {
	f := c.items[doc]
	if f == nil {
		return nil, false
	}
	f.gen = c.gen
	return f.diags, true
}

// keep keeps the findings of the item read from doc.
func (c *Cache) keep(doc *source.Doc, diags []diag.Diagnostic) {
	c.items[doc] = &found{diags: diags, gen: c.gen}
}

// end finishes a Run that used the findings of n items: those of
// documents that are no longer in the plan go.
func (c *Cache) end(n int) {
	if n < len(c.items) {
		maps.DeleteFunc(c.items, func(_ *source.Doc, f *found) bool { return f.gen != c.gen })
	}
}

// replay adds findings kept in a Cache to l.
func replay(l *diag.List, found []diag.Diagnostic) {
	for _, d := range found {
		l.Add(d)
	}
}
