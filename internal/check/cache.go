package check

import (
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
	// items holds each item's findings by its front matter document.
	items map[*source.Doc][]diag.Diagnostic
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
// everything found with another one. It returns the map that the Run
// fills with the findings of its n items, or nil when nothing is cached.
func (c *Cache) begin(roadmap *source.Doc, n int) map[*source.Doc][]diag.Diagnostic {
	if c == nil || roadmap == nil {
		return nil
	}
	if c.roadmap != roadmap {
		c.roadmap, c.frame, c.framed, c.items = roadmap, nil, false, nil
	}
	return make(map[*source.Doc][]diag.Diagnostic, n)
}

// end keeps the findings of a finished Run: those of documents that are
// no longer in the plan go.
func (c *Cache) end(next map[*source.Doc][]diag.Diagnostic) {
	if next != nil {
		c.items = next
	}
}

// replay adds findings kept in a Cache to l.
func replay(l *diag.List, found []diag.Diagnostic) {
	for _, d := range found {
		var nd *diag.Diagnostic
		if d.Severity == diag.Warning {
			nd = l.Warnf(d.Pos, "%s", d.Message)
		} else {
			nd = l.Errorf(d.Pos, "%s", d.Message)
		}
		nd.Hint = d.Hint
	}
}
