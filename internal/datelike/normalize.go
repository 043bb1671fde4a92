package datelike

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text may hide a date behind characters a reader never sees as such: a
// thin or ideographic space between words ("next\u2009quarter"), or an
// invisible format character inside a number ("20\u00ad27" renders as
// "2027"), or fullwidth forms ("Ｑ３"). The rules only know ASCII and the
// no-break space, so such text is first rewritten into a normalized copy in
// which
//   - every other space separator (unicode.Zs) becomes ' ', and U+0085,
//     U+2028, U+2029 and '\v' become '\n';
//   - fullwidth ASCII forms (U+FF01 to U+FF5E) become ASCII;
//   - format characters (unicode.Cf: soft hyphen, zero-width space and
//     joiners, word joiner, BOM, bidi marks), the other default-ignorable
//     code points (variation selectors, combining grapheme joiner, Hangul
//     fillers) and control characters (unicode.Cc) other than whitespace are
//     removed.
//
// The detection runs on the copy and the matches are mapped back, so that
// s[Start:End] == Text still holds on the original text; Text keeps the
// original bytes, invisible characters included. A match never starts or
// ends with a removed character.
//
// Text that needs none of this (ASCII text without control characters,
// and most other text) is scanned once and searched as it is, without
// allocating.

// What the normalized copy holds for one character of the original, when
// it is not a single ASCII byte.
const (
	normKeep = -1 // the character itself
	normDrop = -2 // nothing
)

// classify reports what the normalized copy holds for the character at s[i]
// (normKeep, normDrop or an ASCII byte) and the character's length in s.
// Invalid UTF-8 is kept, one byte at a time.
func classify(s string, i int) (int, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		switch {
		case c == '\v':
			return '\n', 1
		case c < ' ' && !isSpace(c), c == 0x7f:
			return normDrop, 1
		}
		return normKeep, 1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == 0xa0: // the rules understand the no-break space
		return normKeep, n
	case r == 0x85 || r == 0x2028 || r == 0x2029:
		return '\n', n
	case unicode.IsSpace(r):
		return ' ', n
	case 0xff01 <= r && r <= 0xff5e:
		return int(r - 0xfee0), n
	case r <= 0x9f, // C1 controls
		unicode.Is(unicode.Cf, r),
		unicode.Is(unicode.Variation_Selector, r),
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r):
		return normDrop, n
	}
	return normKeep, n
}

// normalize returns the normalized copy of s and true, or s and false when
// the copy would equal s.
func normalize(s string) (string, bool) {
	i := 0
	for i < len(s) {
		// Eight bytes at a time while all are printable ASCII: a byte
		// below 0x20, from 0x7f or above sets its top bit in x-0x20..., x
		// or y-0x01... (a borrow only spreads from such a byte).
		if i+8 <= len(s) {
			t := s[i : i+8]
			x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
			y := x ^ 0x7f7f7f7f7f7f7f7f
			if ((x-0x2020202020202020)|x|(y-0x0101010101010101))&0x8080808080808080 == 0 {
				i += 8
				continue
			}
		}
		// Printable ASCII (one comparison: below 0x20 wraps around) and
		// common whitespace stay as they are.
		if c := s[i]; c-0x20 < 0x5f || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		act, n := classify(s, i)
		if act != normKeep {
			break
		}
		i += n
	}
	if i == len(s) {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		act, n := classify(s, i)
		switch act {
		case normKeep:
			b.WriteString(s[i : i+n])
		case normDrop:
		default:
			b.WriteByte(byte(act))
		}
		i += n
	}
	return b.String(), true
}

// offsetMap maps offsets in the normalized copy of s back to s. It walks
// both texts once, so it must be asked for offsets in increasing order.
type offsetMap struct {
	s    string
	o, n int // matching offsets in s and in the copy
}

// advance moves past the characters of s that make up the copy up to
// offset n. It stops right after the character that produced the copy's
// byte n-1, so characters removed after it are not passed.
func (m *offsetMap) advance(n int) {
	for m.n < n && m.o < len(m.s) {
		act, size := classify(m.s, m.o)
		m.o += size
		switch act {
		case normKeep:
			m.n += size
		case normDrop:
		default:
			m.n++
		}
	}
}

// start returns the offset in s of the character that produced the copy's
// byte n, skipping any removed characters before it.
func (m *offsetMap) start(n int) int {
	m.advance(n)
	for m.o < len(m.s) {
		act, size := classify(m.s, m.o)
		if act != normDrop {
			break
		}
		m.o += size
	}
	return m.o
}

// end returns the offset in s just after the character that produced the
// copy's byte n-1.
func (m *offsetMap) end(n int) int {
	m.advance(n)
	return m.o
}

// remap rewrites matches found in the normalized copy of s in terms of s.
// The matches must be in order and must not overlap.
func remap(s string, ms []Match) {
	m := offsetMap{s: s}
	for k := range ms {
		start := m.start(ms[k].Start)
		end := m.end(ms[k].End)
		ms[k].Start, ms[k].End, ms[k].Text = start, end, s[start:end]
	}
}
