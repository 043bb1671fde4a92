package chart

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// style is a text style: each one is a CSS class in charts.css whose font
// size and weight the measurements here assume.
type style int

// The text styles. Their sizes must match charts.css.
const (
	sHead   style = iota // column header of a board, 17px bold
	sGroup               // group (theme) title on a board, 14px bold
	sTitle               // card, bar and node titles, 13px semibold
	sNote                // secondary text, 12px
	sMeta                // family, confidence and status labels, 11px semibold
	sAxis                // quarter labels and axis ticks, 12px semibold
	sLane                // swimlane and row labels, 13px bold
	sLegend              // legend text, 12px
	sEmpty               // the message of an empty chart, 14px
)

// size is the font size in user units (CSS px inside the SVG).
func (s style) size() float64 {
	switch s {
	case sHead:
		return 17
	case sGroup:
		return 14
	case sTitle, sLane:
		return 13
	case sMeta:
		return 11
	case sEmpty:
		return 14
	}
	return 12
}

// bold reports whether the style is set in a heavy weight, which is wider.
func (s style) bold() bool {
	switch s {
	case sHead, sGroup, sTitle, sMeta, sAxis, sLane:
		return true
	}
	return false
}

// lineHeight is the distance between baselines of wrapped lines.
func (s style) lineHeight() float64 { return float64(int(s.size()*1.3 + 0.5)) }

// class is the CSS class that sets the font of the style.
func (s style) class() string {
	switch s {
	case sHead:
		return "t-head"
	case sGroup:
		return "t-group"
	case sTitle:
		return "t-title"
	case sMeta:
		return "t-meta"
	case sAxis:
		return "t-axis"
	case sLane:
		return "t-lane"
	case sLegend:
		return "t-legend"
	case sEmpty:
		return "t-empty"
	}
	return "t-note"
}

// runeEm approximates the advance width of r in em for a sans-serif font.
// It errs on the wide side (fonts such as DejaVu Sans are wider than
// system-ui), because text that falls short of its box looks fine and text
// that runs over does not.
func runeEm(r rune) float64 {
	if r >= 0 && r < utf8.RuneSelf {
		return asciiEm[r]
	}
	return runeEmSlow(r)
}

// asciiEm is runeEmSlow of each ASCII rune, looked up instead of worked
// out: most labels are ASCII, and each of their runes is measured.
var asciiEm = func() (em [utf8.RuneSelf]float64) {
	for r := range rune(utf8.RuneSelf) {
		em[r] = runeEmSlow(r)
	}
	return em
}()

// runeEmSlow is runeEm worked out.
func runeEmSlow(r rune) float64 {
	switch {
	case r == ' ':
		return 0.32
	case strings.ContainsRune("il.,:;'|!`", r):
		return 0.3
	case strings.ContainsRune("fjtrI()[]{}\"-/\\", r):
		return 0.4
	case r == 'm' || r == 'w':
		return 0.86
	case r == 'M' || r == 'W' || r == '@' || r == '%' || r == '—':
		return 0.95
	case r < 0x80 && unicode.IsUpper(r):
		return 0.72
	case r < 0x80 && unicode.IsDigit(r):
		return 0.64
	case r < 0x80:
		return 0.6
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200d || (r >= 0xfe00 && r <= 0xfe0f):
		return 0 // combining marks, joiners and variation selectors take no room
	case wide(r):
		return 1.05
	case unicode.IsUpper(r):
		return 0.74
	}
	return 0.64
}

// wide reports whether r is an East Asian wide character or a pictograph.
func wide(r rune) bool {
	return (r >= 0x1100 && r <= 0x115f) ||
		(r >= 0x2e80 && r <= 0xa4cf) ||
		(r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe30 && r <= 0xfe4f) ||
		(r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) ||
		(r >= 0x2600 && r <= 0x27bf) ||
		(r >= 0x1f300 && r <= 0x1faff) ||
		(r >= 0x20000 && r <= 0x3fffd)
}

// textWidth approximates the rendered width of s in user units.
func textWidth(s string, st style) float64 {
	em := 0.0
	for _, r := range s {
		em += runeEm(r)
	}
	return em * st.size() * weightFactor(st)
}

// weightFactor widens bold styles and adds a few percent of slack, so that
// text measured here fits in DejaVu Sans, one of the widest common fonts.
func weightFactor(st style) float64 {
	if st.bold() {
		return 1.16
	}
	return 1.04
}

// clean makes source text safe to lay out and valid in XML: it drops
// control characters (XML 1.0 forbids most of them) and collapses runs of
// white space into one space. Escaping is left to html/template.
func clean(s string) string {
	if isClean(s) {
		return s // most labels: no copy
	}
	return cleanCopy(s)
}

// cleanCopy is clean's walk over every rune, into a copy.
func cleanCopy(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r < 0x20, r >= 0x7f && r < 0xa0, r == 0xfffe, r == 0xffff, r >= 0xd800 && r <= 0xdfff:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isClean reports whether clean would return s as it is: printable ASCII
// with single spaces between words.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case c < 0x21 || c > 0x7e:
			return false
		}
	}
	return true
}

// ellipsis marks text that was cut short.
const ellipsis = "…"

// wrap breaks s into at most maxLines lines no wider than maxW, breaking at
// spaces and, for a word longer than a line, between characters. When s
// does not fit, the last line ends with an ellipsis and cut is true. The
// work stops once the lines are full, so a huge string costs no more than
// the part that is shown.
func wrap(s string, maxW float64, st style, maxLines int) (lines []string, cut bool) {
	s = clean(s)
	if s == "" || maxLines < 1 {
		return nil, s != ""
	}
	scale := st.size() * weightFactor(st)
	spaceW := runeEm(' ') * scale
	// Every line is a part of s: clean leaves one space between words, a
	// line breaks only at a space (which it drops) or inside a word, and
	// it takes the text in order. So a line is s[start:end], and no line
	// is copied.
	start, end := 0, 0 // the line is s[start:end]; empty when start == end
	lineW := 0.0
	flush := func() {
		lines = append(lines, s[start:end])
		start = end
		lineW = 0
	}
	for pos := 0; pos < len(s); {
		word := s[pos:]
		next := len(s)
		if i := strings.IndexByte(word, ' '); i >= 0 {
			word, next = word[:i], pos+i+1
		}
		wordW := textWidth(word, st)
		switch {
		case end > start && lineW+spaceW+wordW <= maxW:
			end = pos + len(word)
			lineW += spaceW + wordW
			pos = next
			continue
		case end > start:
			flush()
			if len(lines) == maxLines {
				return finishCut(lines, maxW, st), true
			}
		}
		start, end = pos, pos
		if wordW <= maxW {
			end = pos + len(word)
			lineW = wordW
			pos = next
			continue
		}
		// A word wider than a line is broken after its hyphens where it
		// can be ("Voice-to-job-" / "notes"), and between characters
		// where a piece is still too wide.
		at := pos // where the piece starts in s
		for piece := range hyphenPieces(word) {
			if pw := textWidth(piece, st); end > start && lineW+pw > maxW && pw <= maxW {
				flush()
				if len(lines) == maxLines {
					return finishCut(lines, maxW, st), true
				}
			}
			for i, r := range piece {
				w := runeEm(r) * scale
				if lineW+w > maxW && end > start {
					flush()
					if len(lines) == maxLines {
						return finishCut(lines, maxW, st), true
					}
				}
				if end == start {
					start = at + i
				}
				end = at + i + utf8.RuneLen(r) // s is valid UTF-8 (clean)
				lineW += w
			}
			at += len(piece)
		}
		pos = next
	}
	if end > start {
		flush()
	}
	if len(lines) > maxLines {
		return finishCut(lines[:maxLines], maxW, st), true
	}
	return lines, false
}

// hyphenPieces yields word in pieces that each end after a hyphen, the
// last with the rest: "a-b-c" gives "a-", "b-", "c".
func hyphenPieces(word string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for word != "" {
			i := strings.IndexByte(word, '-')
			if i < 0 || i == len(word)-1 {
				yield(word)
				return
			}
			if !yield(word[:i+1]) {
				return
			}
			word = word[i+1:]
		}
	}
}

// finishCut ends the last line with an ellipsis, dropping characters until
// it fits.
func finishCut(lines []string, maxW float64, st style) []string {
	last := lines[len(lines)-1]
	ellW := textWidth(ellipsis, st)
	for last != "" && textWidth(last, st)+ellW > maxW {
		_, size := utf8.DecodeLastRuneInString(last)
		last = last[:len(last)-size]
	}
	lines[len(lines)-1] = strings.TrimRight(last, " ") + ellipsis
	return lines
}

// fit returns s on one line no wider than maxW, cut with an ellipsis when
// it is too long.
func fit(s string, maxW float64, st style) string {
	lines, _ := wrap(s, maxW, st, 1)
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

// shorten cuts s to at most n characters for a text alternative, so that
// one huge label cannot make the description unbounded.
func shorten(s string, n int) string {
	s = clean(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return strings.TrimRight(s[:j], " ") + ellipsis
		}
		i++
	}
	return s
}
