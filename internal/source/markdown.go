package source

import (
	"html/template"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
)

// Markdown is an item body: its text, where it sits in its file, and its
// safe HTML.
//
// A build holds every item file from load until the item's page and
// roadmap.json are written: at 10,000 items some 31 MB. A Loader with
// Defer set does not convert the body at load: its page converts it
// (Converted), so that no HTML is held from load to render and each body
// is still parsed once. serve, which renders pages again after every
// save, converts at load.
type Markdown struct {
	// src is the Markdown text and html is src rendered by
	// internal/markdown. file is the whole item file when the loader
	// defers conversion (Item.Text, for printing diagnostics); src is
	// then a part of it. Dropping sets the text's forms to nil.
	src  []byte
	html template.HTML
	file []byte
	// converted says load converted or scanned the body, so Dropped is
	// known.
	converted bool
	// Dropped says what rendering left out, at byte offsets into the
	// text. It is known only once the body is converted (Converted).
	Dropped markdown.Dropped
	// File and Line say where the text starts.
	File string
	Line int
}

// Converted reports whether load converted the body (or scanned it, for
// check), so that Dropped is known and HTML is its HTML. A deferred body
// (Loader.Defer) is not: whoever renders its page converts its text, and
// reports what that dropped.
func (m *Markdown) Converted() bool { return m.converted }

// Text returns the Markdown text, nil once dropped. Its bytes are never
// written: a reader may keep them, or view them as a string, until it
// drops the text.
func (m *Markdown) Text() []byte { return m.src }

// HTML returns the text rendered as safe HTML: "" once dropped, and for
// a body load did not convert (Converted).
func (m *Markdown) HTML() template.HTML { return m.html }

// FileText returns the whole text of a deferred body's item file, nil
// once the text is dropped or when the body was converted at load
// (Site.Sources then holds the file). A build that converts bodies at
// their pages prints what a body dropped with its source line from it.
func (m *Markdown) FileText() []byte { return m.file }

// HasHTML reports whether the body was converted at load to some HTML
// that has not been dropped.
func (m *Markdown) HasHTML() bool { return m.html != "" }

// DropText lets the text go once nothing will read it (render does so
// after roadmap.json is written). Positions are then at the body's first
// line.
func (m *Markdown) DropText() { m.src, m.file = nil, nil }

// DropHTML lets the HTML go once the item's page is written.
func (m *Markdown) DropHTML() { m.html = "" }

// Pos returns the file position of byte offset off in the text, or the
// body's first line once the text is dropped.
func (m *Markdown) Pos(off int) diag.Pos {
	return diag.At(m.File, m.src, off, m.Line)
}

// hold keeps the item file's text with the item once its front matter
// is parsed, and its body as the rest of it from bodyOffset
// (FrontMatter.BodyOffset), unconverted. file is read into a buffer of
// its own that nothing writes again.
func (it *Item) hold(file []byte, bodyOffset int) {
	it.Body.src, it.Body.file = file[bodyOffset:], file
}

// Text returns the item file's text, which its body holds. It is nil
// unless the loader deferred the item's body (Loader.Defer); otherwise
// Site.Sources holds it.
func (it *Item) Text() []byte { return it.Body.file }
