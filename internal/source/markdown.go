package source

import (
	"bytes"
	"fmt"
	"html/template"
	"unsafe"

	"github.com/klauspost/compress/s2"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
)

// Markdown is an item body: its text, where it sits in its file, and its
// safe HTML.
//
// A build holds every item file from load until the item's page and
// roadmap.json are written: at 10,000 items some 31 MB. A Loader with Pack
// set keeps the file compressed (S2, about 2:1 on prose, at a few hundred
// MB/s per core) and does not convert the body: its page converts it
// (Converted), so that no HTML is held from load to render and each body
// is still parsed once. serve, which renders pages again after every
// save, converts at load and does not pack.
type Markdown struct {
	// src is the Markdown text and html is src rendered by
	// internal/markdown. Once packed, file is the whole item file
	// compressed (shared with the Item, which prints diagnostics from
	// it) and the text is its bytes from off on. Dropping sets the text's
	// forms to nil.
	src    []byte
	html   template.HTML
	file   []byte
	off    int
	packed bool
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
// check), so that Dropped is known and HTML is its HTML. A packed body
// (Loader.Pack) is not: whoever renders its page converts its text, and
// reports what that dropped.
func (m *Markdown) Converted() bool { return m.converted }

// Text returns the Markdown text, nil once dropped.
func (m *Markdown) Text() ([]byte, error) {
	text, _, err := m.TextInto(nil)
	return text, err
}

// TextInto is Text unpacked into buf when the body is packed and buf is
// large enough, so that a reader of many bodies, one at a time, reuses one
// buffer (roadmap.json: 31 MB fewer allocated per 10,000-item build). It
// returns the buffer to reuse, grown if buf was too small. The text may
// share that buffer: it is valid until the buffer is written again.
func (m *Markdown) TextInto(buf []byte) (text, reuse []byte, err error) {
	if !m.packed || m.file == nil {
		return m.src, buf, nil
	}
	all, err := unpackInto(buf, m.file)
	if err != nil || m.off > len(all) {
		return nil, buf, fmt.Errorf("%s: cannot unpack the body: %v", m.File, err)
	}
	return all[m.off:], grown(buf, all), nil
}

// TextString is Text as a string.
func (m *Markdown) TextString() (string, error) {
	text, err := m.Text()
	if err != nil || !m.packed {
		return string(text), err
	}
	return owned(text), nil
}

// HTML returns the text rendered as safe HTML: "" once dropped, and for
// a body load did not convert (Converted).
func (m *Markdown) HTML() template.HTML { return m.html }

// FileText returns the whole text of a packed body's item file, nil once
// the text is dropped or when the body is not packed (Site.Sources then
// holds the file). A build that converts bodies at their pages prints
// what a body dropped with its source line from it.
func (m *Markdown) FileText() ([]byte, error) {
	if !m.packed || m.file == nil {
		return nil, nil
	}
	return unpack(m.file)
}

// owned returns b, a buffer just unpacked that nothing else refers to or
// will write, as a string without copying it (as strings.Builder does).
func owned(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

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
	src, err := m.Text()
	if err != nil {
		src = nil
	}
	return diag.At(m.File, src, off, m.Line)
}

// pack keeps the item in its smallest form once its front matter is
// parsed: the file text compressed, its body read from that, and the front
// matter's TOML text in a copy of its own (positions are found in it), so
// the buffer the file was read into can go. file is the item file's whole
// text, and its body the rest of it from bodyOffset
// (FrontMatter.BodyOffset). scratch is a buffer for compressing, reused
// from item to item.
func (it *Item) pack(file []byte, bodyOffset int, scratch *[]byte) {
	b := &it.Body
	it.file = compress(scratch, file)
	b.file, b.off = it.file, bodyOffset
	b.src, b.html, b.packed = nil, "", true
	if it.Front != nil {
		it.Front.Src = bytes.Clone(it.Front.Src)
	}
}

// Text returns the item file's text. It is nil unless the item was packed
// (Loader.Pack); otherwise Site.Sources holds it.
func (it *Item) Text() ([]byte, error) {
	if it.file == nil {
		return nil, nil
	}
	return unpack(it.file)
}

// compress returns b compressed with S2, in a slice of its own length.
// S2 writes into a buffer of its worst-case size, scratch, which the
// caller reuses; only the result is kept.
func compress(scratch *[]byte, b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	if n := s2.MaxEncodedLen(len(b)); cap(*scratch) < n {
		*scratch = make([]byte, n)
	}
	enc := s2.Encode((*scratch)[:cap(*scratch)], b)
	return append(make([]byte, 0, len(enc)), enc...)
}

// unpack reverses compress.
func unpack(b []byte) ([]byte, error) { return unpackInto(nil, b) }

// grown is the buffer to reuse after unpacking into buf gave out: out's
// own, when buf was too small and out is new.
func grown(buf, out []byte) []byte {
	if cap(out) > cap(buf) {
		return out[:0]
	}
	return buf
}

// unpackInto is unpack into buf when its capacity is enough, and into a
// new slice otherwise.
func unpackInto(buf, b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, nil
	}
	return s2.Decode(buf[:cap(buf)], b)
}
