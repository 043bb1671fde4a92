package source

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/tomlpos"
)

// Limits that keep hostile or accidental input from stalling a build. They
// are far above what a real roadmap needs.
const (
	// MaxFileBytes is the largest roadmap.toml or item file read.
	MaxFileBytes = 1 << 20
	// MaxTOMLBytes is the largest item front matter decoded; roadmap.toml
	// may use all of MaxFileBytes.
	MaxTOMLBytes = 64 << 10
	// MaxDepth is the deepest nesting of arrays and inline tables accepted.
	MaxDepth = 8
)

// Doc is one decoded TOML document, roadmap.toml or an item's front matter,
// with what is needed to point at any of its keys and values.
type Doc struct {
	// File is the path used in diagnostics (the source folder joined with
	// the file's path inside it).
	File string
	// Data is the decoded TOML: strings, int64, float64, bool, time.Time,
	// []any, map[string]any and []map[string]any. Release sets it to nil.
	Data map[string]any
	// FirstLine is the file line on which the TOML text starts.
	FirstLine int
	// Src is the TOML text.
	Src []byte
	// index caches Index. Most documents draw no diagnostic and are never
	// indexed: at 10,000 items the indexes would hold about 20 MB for the
	// whole build and cost a scan of every file.
	index atomic.Pointer[tomlpos.Index]
}

// Index locates keys and values in the TOML text. It scans Src on first
// use and keeps the result; it is safe for concurrent use.
func (d *Doc) Index() *tomlpos.Index {
	if ix := d.index.Load(); ix != nil {
		return ix
	}
	// Two callers racing here scan twice and keep one result: Scan is
	// deterministic, so both are the same.
	d.index.CompareAndSwap(nil, tomlpos.Scan(d.Src))
	return d.index.Load()
}

// Release lets go of what only the model and check stages read: the
// decoded Data, the cached index and the TOML text, which shares its
// file's buffer with the item's body. Every position is then the start
// of the TOML text. Call it only when nothing reads Data or asks for a
// position any more, as build does once diagnostics are printed; serve
// keeps every Doc whole for its next rebuild.
func (d *Doc) Release() {
	d.Data = nil
	d.Src = nil
	d.index.Store(nil)
}

// StringPos locates byte offset off of value, the decoded string at path.
// When the string is written without escapes (on one line or as a
// multi-line string) the position is exact; otherwise it is the start of
// the value.
func (d *Doc) StringPos(path, value string, off int) diag.Pos {
	start := d.ValuePos(path)
	p, ok := d.Index().Value(path)
	if !ok || off < 0 || off > len(value) || p.Offset >= len(d.Src) {
		return start
	}
	raw := d.Src[p.Offset:]
	content := 1
	switch {
	case bytes.HasPrefix(raw, []byte(`"""`)), bytes.HasPrefix(raw, []byte("'''")):
		content = 3
		// A newline right after the opening quotes is not part of the value.
		if bytes.HasPrefix(raw[3:], []byte("\r\n")) {
			content += 2
		} else if bytes.HasPrefix(raw[3:], []byte("\n")) {
			content++
		}
	case raw[0] == '"', raw[0] == '\'':
	default:
		return start
	}
	if len(raw) < content+off || string(raw[content:content+off]) != value[:off] {
		return start // escapes or line endings differ: the raw text is not the value
	}
	return diag.At(d.File, d.Src, p.Offset+content+off, d.FirstLine)
}

// Pos returns a position at line 1, column 1 of the document's file.
func (d *Doc) Pos() diag.Pos { return diag.Pos{File: d.File, Line: 1, Col: 1} }

// Has reports whether path was written in the document.
func (d *Doc) Has(path string) bool {
	_, ok := d.Index().Key(path)
	return ok
}

// KeyPos locates the key of path ("themes.2.title"), falling back to the
// nearest enclosing key and then the start of the document.
func (d *Doc) KeyPos(path string) diag.Pos { return d.locate(path, false) }

// ValuePos locates the value of path, falling back like KeyPos.
func (d *Doc) ValuePos(path string) diag.Pos { return d.locate(path, true) }

func (d *Doc) locate(path string, value bool) diag.Pos {
	ix := d.Index()
	for p := path; ; {
		var pos tomlpos.Pos
		var ok bool
		if value {
			pos, ok = ix.Value(p)
		} else {
			pos, ok = ix.Key(p)
		}
		if ok {
			return diag.Pos{File: d.File, Line: pos.Line + d.FirstLine - 1, Col: pos.Col}
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return diag.Pos{File: d.File, Line: d.FirstLine, Col: 1}
		}
		p = p[:i]
	}
}

// decodeTOML decodes src, which starts at file line firstLine, into a Doc.
// Problems are reported to diags and yield a nil Doc.
func decodeTOML(file string, src []byte, firstLine int, diags *diag.List) *Doc {
	at := diag.Pos{File: file, Line: firstLine, Col: 1}
	if firstLine > 1 && len(src) > MaxTOMLBytes { // front matter
		diags.Errorf(at, "front matter is %d bytes, more than the limit of %d: move prose into the Markdown body", len(src), MaxTOMLBytes)
		return nil
	}
	if !utf8.Valid(src) {
		diags.Errorf(at, "TOML is not valid UTF-8 text")
		return nil
	}
	if d, off := tomlpos.Deepest(src, MaxDepth); d > MaxDepth {
		diags.Errorf(diag.At(file, src, off, firstLine), "TOML nests arrays or tables %d levels deep; roadmapgen accepts at most %d", d, MaxDepth)
		return nil
	}
	// Decoded into an interface, BurntSushi hands over the table it
	// parsed; into a map it would copy the top level key by key through
	// reflection and note each key's path for MetaData.Undecoded, which
	// roadmapgen does not ask (a fifth of decoding's time).
	var decoded any
	if _, err := toml.Decode(string(src), &decoded); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			start := pe.Position.Start
			if strings.Contains(pe.Message, "but got '") {
				// BurntSushi points at the blank before the offending text.
				for start < len(src) && (src[start] == ' ' || src[start] == '\t') {
					start++
				}
			}

			msg := "invalid TOML: " + pe.Message
			if key, ok := duplicateKey(pe.Message); ok {
				// BurntSushi names the key but not where it was first set.
				msg = fmt.Sprintf("duplicate key %q", key)
				if first, ok := tomlpos.Scan(src).Key(key); ok {
					msg += fmt.Sprintf(": it is already set on line %d", first.Line+firstLine-1)
				}
			} else if pe.Usage != "" {
				msg += " (" + firstSentence(pe.Usage) + ")"
			}
			d := diags.Errorf(diag.At(file, src, start, firstLine), "%s", msg)
			if v := bareQuarter(src[min(start, len(src)):]); v != "" {
				d.Hint = fmt.Sprintf("quarters and halves are strings: write %q in quotes", v)
			}
		} else {
			diags.Errorf(at, "invalid TOML: %v", err)
		}
		return nil
	}
	data, _ := decoded.(map[string]any)
	if data == nil {
		data = map[string]any{}
	}
	return &Doc{File: file, Data: data, FirstLine: firstLine, Src: src}
}

// bareQuarter returns the unquoted quarter or half an invalid TOML value
// starts with ("2026-Q4", "2027-H1", "2027-Q1..2027-Q2"), which TOML reads
// as the start of a date, or "".
func bareQuarter(b []byte) string {
	end := 0
	for end < len(b) && b[end] != ' ' && b[end] != '\t' && b[end] != '\n' && b[end] != '\r' && b[end] != '#' && b[end] != ',' && b[end] != ']' {
		end++
	}
	if v := string(b[:end]); bareQuarterRe.MatchString(v) {
		return v
	}
	return ""
}

var bareQuarterRe = regexp.MustCompile(`^\d{4}-[QqHh][1-4](?:\.\.\d{4}-[QqHh][1-4])?$`)

// duplicateKey recognises BurntSushi's "Key 'x' has already been defined."
func duplicateKey(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "Key '")
	if !ok {
		return "", false
	}
	key, ok := strings.CutSuffix(rest, "' has already been defined.")
	return key, ok
}

func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && (s[i+1] == ' ' || s[i+1] == '\n') {
			return s[:i]
		}
	}
	return strings.Join(strings.Fields(s), " ")
}
