// Package tomlpos records where each key and value of a TOML document starts,
// so that problems found after decoding (with github.com/BurntSushi/toml,
// which keeps no positions) can be reported as file:line:col.
//
// It is a tolerant single-pass scanner, not a validator: it follows the TOML
// grammar far enough to name every key and value, and on malformed input it
// keeps what it has indexed so far and stops.
package tomlpos

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// Pos is a 1-based line and column; Col counts runes (characters), not bytes.
// Offset is the 0-based byte offset in the source.
type Pos struct{ Line, Col, Offset int }

// Index maps paths to positions.
//
// A path is the keys joined by "."; elements of arrays of tables and of
// arrays are named by their 0-based decimal index ("objectives.0.id",
// "depends_on.1"). Quoted keys contribute their unquoted content.
type Index struct {
	keys map[string]Pos
	vals map[string]Pos
	// headers holds the tables opened by a [x] or [[x]] header, made on
	// the first: most item front matter has none.
	headers map[string]bool
}

// Key reports where the key of path starts. For an array element, which has
// no key of its own, it reports where the element starts, so that callers can
// always point at something; for the k-th [[x]] it reports the x in that
// header, and for the array of tables "x" itself the x in its first header.
// It is safe to call on a nil *Index.
func (ix *Index) Key(path string) (Pos, bool) {
	if ix == nil {
		return Pos{}, false
	}
	p, ok := ix.keys[path]
	return p, ok
}

// Value reports where the value of path starts: the opening quote of a
// string, the `[` of an array, the `{` of an inline table, the first
// character of a number, bool or date, or the `[[` of an array-of-tables
// element. Tables defined by [x] headers have no value position.
// It is safe to call on a nil *Index.
func (ix *Index) Value(path string) (Pos, bool) {
	if ix == nil {
		return Pos{}, false
	}
	p, ok := ix.vals[path]
	return p, ok
}

// Header reports whether the table at path was opened by a header: [path],
// or [[path]] for an array of tables. Keys written after a header belong to
// its table, so a known key found in an unknown table was most likely
// meant for the table above it. An inline table (path = { ... }) or one
// made by dotted keys (path.key = 1) is not opened by a header.
// It is safe to call on a nil *Index.
func (ix *Index) Header(path string) bool {
	return ix != nil && ix.headers[path]
}

// maxNesting bounds the recursion of Scan on arrays and inline tables, so
// that hostile input cannot exhaust the stack; deeper documents are indexed
// up to that point. Callers are expected to refuse such input with Depth
// long before this.
const maxNesting = 1000

// Scan indexes src. It never panics and never loops forever, whatever the
// input; on malformed TOML it indexes what it can and stops. Hostile input
// (nesting deeper than 1000, or paths adding up to far more text than the
// source) is likewise indexed only up to that point, keeping Scan linear.
func Scan(src []byte) *Index {
	// Most entries are key = value pairs or array elements; sizing the maps
	// up front saves rehashing, which dominates on typical files.
	hint := min(bytes.Count(src, []byte{'='})+bytes.Count(src, []byte{','}), len(src)/4)
	s := &scanner{
		src:    src,
		ix:     &Index{keys: make(map[string]Pos, hint), vals: make(map[string]Pos, hint)},
		arrays: map[string]int{},
		budget: 1<<20 + 64*len(src),
		line:   1,
		col:    1,
	}
	// Columns count from after a UTF-8 BOM, like editors show them.
	if len(src) >= len(bom) && string(src[:len(bom)]) == bom {
		s.start = len(bom)
	}
	s.i, s.off = s.start, s.start
	s.document()
	return s.ix
}

const bom = "\xef\xbb\xbf"

type scanner struct {
	src []byte
	i   int // next byte to read
	ix  *Index

	// arrays counts the elements seen so far of each array of tables, by
	// resolved path, so that [[x]] and [x.y] can name the current element.
	arrays map[string]int

	budget int // bytes of path text still allowed; see join

	parts []string // scratch for key
	offs  []int

	// Position cursor: the last position handed out. Positions are mostly
	// requested in source order, so advancing from here keeps Scan linear.
	start          int // first byte after the BOM, if any
	off, line, col int
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

// pos converts a byte offset to a Pos. off must be at an ASCII byte (every
// key and value starts with one), which is always a rune boundary, so rune
// counts of adjacent segments add up.
func (s *scanner) pos(off int) Pos {
	src := s.src
	if off >= s.off {
		seg := src[s.off:off]
		if k := bytes.LastIndexByte(seg, '\n'); k >= 0 {
			s.line += bytes.Count(seg, []byte{'\n'})
			s.col = 1 + utf8.RuneCount(seg[k+1:])
		} else {
			s.col += utf8.RuneCount(seg)
		}
	} else {
		seg := src[off:s.off]
		if bytes.IndexByte(seg, '\n') >= 0 {
			s.line -= bytes.Count(seg, []byte{'\n'})
			ls := max(bytes.LastIndexByte(src[:off], '\n')+1, s.start)
			s.col = 1 + utf8.RuneCount(src[ls:off])
		} else {
			s.col -= utf8.RuneCount(seg)
		}
	}
	s.off = off
	return Pos{Line: s.line, Col: s.col, Offset: off}
}

// setKey and setVal keep the first position recorded for a path: a path seen
// twice means malformed input, and the first definition is the one to blame.
func (s *scanner) setKey(path string, off int) {
	if _, dup := s.ix.keys[path]; !dup {
		s.ix.keys[path] = s.pos(off)
	}
}

func (s *scanner) setVal(path string, off int) {
	if _, dup := s.ix.vals[path]; !dup {
		s.ix.vals[path] = s.pos(off)
	}
}

// join returns the path of key below prefix ("" is the root). It charges
// the path's length to a budget proportional to the source and reports false
// once that is spent: otherwise long keys times many children (a 1 MB dotted
// key, a long key over a huge array) would cost quadratic time and memory.
func (s *scanner) join(prefix, key string) (string, bool) {
	p := key
	if prefix != "" {
		p = prefix + "." + key
	}
	s.budget -= len(p)
	return p, s.budget >= 0
}

// document scans top-level lines: blank lines, comments, table headers and
// key/value pairs.
func (s *scanner) document() {
	table := "" // resolved path of the current table
	for {
		s.skipBlank()
		if s.i >= len(s.src) {
			return
		}
		ok := false
		if s.src[s.i] == '[' {
			table, ok = s.header()
		} else {
			ok = s.keyval(table, 0)
		}
		if !ok || !s.endOfLine() {
			return
		}
	}
}

// header scans [a.b] or [[a.b]] and returns the resolved path of the table
// it opens.
func (s *scanner) header() (string, bool) {
	start := s.i
	arr := s.i+1 < len(s.src) && s.src[s.i+1] == '['
	s.i++
	if arr {
		s.i++
	}
	s.skipWS()
	parts, offs, ok := s.key()
	if !ok {
		return "", false
	}
	s.skipWS()
	if s.peek() != ']' {
		return "", false
	}
	s.i++
	if arr {
		if s.peek() != ']' {
			return "", false
		}
		s.i++
	}
	// A part naming an array of tables stands for its current (last)
	// element, except the last part of [[...]], which opens a new element.
	path := ""
	for j, p := range parts {
		if path, ok = s.join(path, p); !ok {
			return "", false
		}
		s.setKey(path, offs[j])
		if n, isArr := s.arrays[path]; isArr && j < len(parts)-1 {
			if path, ok = s.join(path, strconv.Itoa(n-1)); !ok {
				return "", false
			}
		}
	}
	if s.ix.headers == nil {
		s.ix.headers = map[string]bool{}
	}
	s.ix.headers[path] = true
	if !arr {
		return path, true
	}
	n := s.arrays[path]
	s.arrays[path] = n + 1
	elem, ok := s.join(path, strconv.Itoa(n))
	if !ok {
		return "", false
	}
	s.setVal(elem, start)
	s.setKey(elem, offs[len(offs)-1])
	return elem, true
}

// keyval scans `key = value` below the table path.
func (s *scanner) keyval(table string, depth int) bool {
	parts, offs, ok := s.key()
	if !ok {
		return false
	}
	path := table
	for j, p := range parts {
		if path, ok = s.join(path, p); !ok {
			return false
		}
		s.setKey(path, offs[j])
	}
	s.skipWS()
	if s.peek() != '=' {
		return false
	}
	s.i++
	s.skipWS()
	return s.value(path, depth, false)
}

// key scans a possibly dotted key and returns its parts and their offsets.
// The slices are reused by the next call, so callers use them before
// scanning further.
func (s *scanner) key() (parts []string, offs []int, ok bool) {
	parts, offs = s.parts[:0], s.offs[:0]
	defer func() { s.parts, s.offs = parts[:0], offs[:0] }()
	for {
		off := s.i
		part, ok := s.simpleKey()
		if !ok {
			return nil, nil, false
		}
		parts = append(parts, part)
		offs = append(offs, off)
		s.skipWS()
		if s.peek() != '.' {
			return parts, offs, true
		}
		s.i++
		s.skipWS()
	}
}

// simpleKey scans a bare or quoted key and returns its unquoted content.
func (s *scanner) simpleKey() (string, bool) {
	src, i := s.src, s.i
	if i >= len(src) {
		return "", false
	}
	switch c := src[i]; {
	case c == '"' || c == '\'':
		// Keys cannot be multi-line strings.
		if bytes.HasPrefix(src[i:], []byte{c, c, c}) {
			return "", false
		}
		end, ok := skipString(src, i)
		if !ok {
			return "", false
		}
		s.i = end
		if c == '\'' {
			return string(src[i+1 : end-1]), true
		}
		return unescape(src[i+1 : end-1]), true
	case isBare(c):
		for i < len(src) && isBare(src[i]) {
			i++
		}
		k := string(src[s.i:i])
		s.i = i
		return k, true
	}
	return "", false
}

func isBare(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// isScalar reports whether c can appear in a number, bool, date or time.
func isScalar(c byte) bool {
	return isBare(c) || c == '+' || c == '.' || c == ':'
}

// value scans the value of path. For array elements (elem), the element's
// start is also recorded as its key.
func (s *scanner) value(path string, depth int, elem bool) bool {
	if s.i >= len(s.src) {
		return false
	}
	start := s.i
	c := s.src[start]
	if c != '"' && c != '\'' && c != '[' && c != '{' && !isScalar(c) {
		return false
	}
	if (c == '[' || c == '{') && depth >= maxNesting {
		return false
	}
	if elem {
		s.setKey(path, start)
	}
	s.setVal(path, start)
	switch c {
	case '"', '\'':
		end, ok := skipString(s.src, start)
		s.i = end
		return ok
	case '[':
		return s.array(path, depth+1)
	case '{':
		return s.inlineTable(path, depth+1)
	}
	s.scalar()
	return true
}

// array scans [v, v, ...], allowing newlines, comments and a trailing comma.
func (s *scanner) array(path string, depth int) bool {
	s.i++ // [
	for n := 0; ; n++ {
		s.skipBlank()
		if s.peek() == ']' {
			s.i++
			return true
		}
		elem, ok := s.join(path, strconv.Itoa(n))
		if !ok || !s.value(elem, depth, true) {
			return false
		}
		s.skipBlank()
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return true
		default:
			return false
		}
	}
}

// inlineTable scans {k = v, ...}. Newlines, comments and a trailing comma
// are accepted, as in TOML 1.1.
func (s *scanner) inlineTable(path string, depth int) bool {
	s.i++ // {
	for {
		s.skipBlank()
		if s.peek() == '}' {
			s.i++
			return true
		}
		if !s.keyval(path, depth) {
			return false
		}
		s.skipBlank()
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		default:
			return false
		}
	}
}

// scalar skips a number, bool, date or time. A date followed by a space and
// a time is one value (1979-05-27 07:32:00Z).
func (s *scanner) scalar() {
	src, start := s.src, s.i
	for s.i < len(src) && isScalar(src[s.i]) {
		s.i++
	}
	if s.i-start == 10 && isDate(src[start:s.i]) && s.i+3 < len(src) &&
		src[s.i] == ' ' && isDigit(src[s.i+1]) && isDigit(src[s.i+2]) && src[s.i+3] == ':' {
		s.i++
		for s.i < len(src) && isScalar(src[s.i]) {
			s.i++
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isDate reports whether b has the shape YYYY-MM-DD.
func isDate(b []byte) bool {
	for k, c := range b {
		if k == 4 || k == 7 {
			if c != '-' {
				return false
			}
		} else if !isDigit(c) {
			return false
		}
	}
	return true
}

// skipWS skips spaces and tabs.
func (s *scanner) skipWS() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// skipBlank skips whitespace, newlines and comments.
func (s *scanner) skipBlank() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		case '#':
			s.i = skipComment(s.src, s.i)
		default:
			return
		}
	}
}

// endOfLine skips trailing whitespace and a comment and reports whether the
// line ends there, as it must after a header or a top-level key/value.
func (s *scanner) endOfLine() bool {
	s.skipWS()
	if s.peek() == '#' {
		s.i = skipComment(s.src, s.i)
	}
	if s.peek() == '\r' {
		s.i++
	}
	switch {
	case s.i >= len(s.src):
		return true
	case s.src[s.i] == '\n':
		s.i++
		return true
	}
	return false
}

// skipComment returns the offset of the newline (or end) ending the comment
// that starts at i.
func skipComment(src []byte, i int) int {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(src)
}

// skipString returns the offset just past the string starting at src[i]
// (a quote), and whether it was terminated. An unterminated string stops
// at the end of its line (single-line) or of the source (multi-line).
func skipString(src []byte, i int) (int, bool) {
	q := src[i]
	if i+2 < len(src) && src[i+1] == q && src[i+2] == q {
		// Multi-line: ends at the last three of a run of 3+ quotes, so up to
		// two quotes may end the content.
		for i += 3; i < len(src); {
			switch c := src[i]; {
			case c == '\\' && q == '"':
				i += 2
			case c == q:
				n := 1
				for i+n < len(src) && src[i+n] == q {
					n++
				}
				i += n
				if n >= 3 {
					return i, true
				}
			default:
				i++
			}
		}
		return len(src), false
	}
	for i++; i < len(src); {
		switch c := src[i]; {
		case c == '\n':
			return i, false
		case c == '\\' && q == '"':
			if i+1 < len(src) && src[i+1] == '\n' {
				return i + 1, false
			}
			i += 2
		case c == q:
			return i + 1, true
		default:
			i++
		}
	}
	return len(src), false
}

// unescape decodes the escapes of a basic-string key. Malformed escapes are
// kept as written; the decoder reports them.
func unescape(b []byte) string {
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' || i+1 >= len(b) {
			out = append(out, c)
			continue
		}
		i++
		switch e := b[i]; e {
		case 'b':
			out = append(out, '\b')
		case 't':
			out = append(out, '\t')
		case 'n':
			out = append(out, '\n')
		case 'f':
			out = append(out, '\f')
		case 'r':
			out = append(out, '\r')
		case 'e':
			out = append(out, 0x1b)
		case '"', '\\':
			out = append(out, e)
		case 'x', 'u', 'U':
			n := 2
			if e == 'u' {
				n = 4
			} else if e == 'U' {
				n = 8
			}
			if i+n < len(b) {
				if v, err := strconv.ParseUint(string(b[i+1:i+1+n]), 16, 32); err == nil {
					out = utf8.AppendRune(out, rune(v))
					i += n
					continue
				}
			}
			out = append(out, '\\', e)
		default:
			out = append(out, '\\', e)
		}
	}
	return string(out)
}

// Depth reports the deepest nesting of arrays and inline tables in src
// (values only; table headers do not count), ignoring brackets in strings
// and comments. It is meant to refuse hostile input before decoding, so it
// only counts brackets and never fails.
func Depth(src []byte) int {
	d, _ := Deepest(src, 0)
	return d
}

// Deepest is Depth that also reports the byte offset of the first bracket
// that takes the nesting past limit (-1 if none does), so that a refusal
// can point at it.
func Deepest(src []byte, limit int) (deepest, over int) {
	depth, over := 0, -1
	lineStart := true // only whitespace so far on this line
	for i := 0; i < len(src); {
		switch c := src[i]; c {
		case '#':
			i = skipComment(src, i)
		case '"', '\'':
			i, _ = skipString(src, i)
			lineStart = false
		case '\n':
			lineStart = true
			i++
		case ' ', '\t', '\r':
			i++
		case '[':
			if depth == 0 && lineStart {
				i = skipHeader(src, i)
				continue
			}
			fallthrough
		case '{':
			depth++
			deepest = max(deepest, depth)
			if depth > limit && over < 0 {
				over = i
			}
			lineStart = false
			i++
		case ']', '}':
			if depth > 0 {
				depth--
			}
			lineStart = false
			i++
		default:
			lineStart = false
			i++
		}
	}
	return deepest, over
}

// skipHeader returns the offset of the newline (or end) ending the header
// line starting at src[i], skipping quoted keys.
func skipHeader(src []byte, i int) int {
	for i < len(src) {
		switch src[i] {
		case '\n':
			return i
		case '#':
			return skipComment(src, i)
		case '"', '\'':
			i, _ = skipString(src, i)
		default:
			i++
		}
	}
	return i
}
