package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's html.Writer with a quick path: it writes the
// longest prefix of a text that holds none of the bytes goldmark's writer
// acts on as it is, and hands goldmark only the rest. goldmark's writer
// looks at every byte twice (once for backslash escapes, entities and NUL,
// once for the characters HTML escapes), a tenth of converting a body;
// most text is plain words. Its output is goldmark's, byte for byte:
// neither of goldmark's passes carries anything from one byte to the next
// but from a backslash or an '&', so the prefix reads the same alone
// (TestTextWriterMatchesGoldmark, FuzzTextWriterMatchesGoldmark).
type textWriter struct{ html.Writer }

// rawActs marks the bytes goldmark's RawWrite escapes (util.EscapeHTMLByte:
// NUL and the four HTML escapes), and writeActs those its Write acts on:
// those, a backslash (an escape) and '&' (an entity).
var rawActs, writeActs = actsOn(""), actsOn("\\&")

// actsOn returns a set of the bytes util.EscapeHTMLByte escapes and those
// in more.
func actsOn(more string) (set [256]bool) {
	for b := range 256 {
		set[b] = util.EscapeHTMLByte(byte(b)) != nil
	}
	for i := range len(more) {
		set[more[i]] = true
	}
	return set
}

// plain returns the length of the prefix of s holding no byte of set.
func plain(s []byte, set *[256]bool) int {
	for i, c := range s {
		if set[c] {
			return i
		}
	}
	return len(s)
}

// Write implements html.Writer.
func (t textWriter) Write(w util.BufWriter, source []byte) {
	n := plain(source, &writeActs)
	_, _ = w.Write(source[:n])
	if n < len(source) {
		t.Writer.Write(w, source[n:])
	}
}

// RawWrite implements html.Writer.
func (t textWriter) RawWrite(w util.BufWriter, source []byte) {
	n := plain(source, &rawActs)
	_, _ = w.Write(source[:n])
	if n < len(source) {
		t.Writer.RawWrite(w, source[n:])
	}
}
