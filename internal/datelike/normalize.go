package datelike

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text may hide a date behind characters a reader never sees as such: a
// thin or ideographic space between words ("next\u2009quarter"), or an
// invisible format character inside a number ("20\u00ad27" renders as
// "2027"), or fullwidth forms ("Ｑ３"), or the digits of another script
// ("Q٣ ٢٠٢٧", "२०२७"), or digits, numbers and letters of another style
// ("𝟐𝟎𝟐𝟕", "²⁰²⁷", "⑳㉗", "𝐌𝐚𝐫𝐜𝐡"). The rules only know ASCII and the
// no-break space, so such text is first rewritten into a normalized copy
// in which
//   - every other space separator (unicode.Zs) becomes ' ', and U+0085,
//     U+2028, U+2029 and '\v' become '\n';
//   - fullwidth ASCII forms (U+FF01 to U+FF5E) become ASCII;
//   - every other decimal digit (unicode.Nd: Arabic-Indic, Devanagari,
//     Bengali, Thai and the other scripts' digits, mathematical and
//     segmented digits) becomes the ASCII digit of the same value;
//   - a styled Latin letter (letterForm: the bold, italic, script,
//     fraktur, double-struck, sans-serif and monospace alphabets of the
//     Mathematical Alphanumeric Symbols, and their letters encoded among
//     the Letterlike Symbols, such as "ℚ" and "ℎ") becomes the ASCII letter;
//   - a number drawn as a decorated number (numberForms: superscript and
//     subscript digits; circled, double circled and negative circled
//     numbers from 0 to 50; parenthesized numbers and numbers with a full
//     stop or comma) becomes its ASCII digits, with the parentheses, full
//     stop or comma that NFKC gives it ("⑳" is "20", "⑴" is "(1)", "⒈" is
//     "1."), when it stands with no letter or digit on either side: a run
//     of them reads as a number ("²⁰²⁷", "⑳㉗"), but one after a word or a
//     number is a footnote, an exponent or a formula ("next quarter¹",
//     "2027²", "H₂O") and is kept, so that it does not glue itself to the
//     date before it;
//   - format characters (unicode.Cf: soft hyphen, zero-width space and
//     joiners, word joiner, BOM, bidi marks), the other default-ignorable
//     code points (variation selectors, combining grapheme joiner, Hangul
//     fillers) and control characters (unicode.Cc) other than whitespace are
//     removed (ignorable).
//
// Other compatibility characters (circled and squared Latin letters, Roman
// numerals, modifier letters) are kept as they are.
//
// The detection runs on the copy and the matches are mapped back, so that
// s[Start:End] == Text still holds on the original text; Text keeps the
// original bytes, invisible characters included. A match never starts or
// ends with a removed character, and a character the copy rewrites as
// several bytes ("⑳" as "20") is inside a match whole or not at all.
//
// Text that needs none of this (ASCII text without control characters,
// and most other text) is scanned once and searched as it is, without
// allocating.
//
// The copy holds the text in the order it is stored, not in the order it
// is displayed: bidirectional controls are removed like any format
// character, so "\u202e7202" (shown as "2027") reads "7202". The check
// package refuses such characters in public text instead.

// classify returns the text the normalized copy holds for the character
// at s[i] and the character's length n in s. kept reports that the text is
// the character itself, s[i:i+n]; the text of a removed character is "".
// Invalid UTF-8 is kept, one byte at a time.
func classify(s string, i int) (text string, n int, kept bool) {
	c := s[i]
	if c < utf8.RuneSelf {
		switch {
		case c == '\v':
			return "\n", 1, false
		case ignorable(rune(c)):
			return "", 1, false
		}
		return s[i : i+1], 1, true
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == 0xa0: // the rules understand the no-break space
		return s[i : i+n], n, true
	case r == 0x85 || r == 0x2028 || r == 0x2029:
		return "\n", n, false
	case unicode.IsSpace(r):
		return " ", n, false
	case 0xff01 <= r && r <= 0xff5e:
		return asciiText(byte(r - 0xfee0)), n, false
	case ignorable(r):
		return "", n, false
	}
	if v := decimal(r); v >= 0 {
		return asciiText(byte('0' + v)), n, false
	}
	if c := letterForm(r); c != 0 {
		return asciiText(c), n, false
	}
	if t := numberForm(r); t != "" && !besideWord(s, i, i+n) {
		return t, n, false
	}
	return s[i : i+n], n, true
}

// asciiChars holds every ASCII character at its own offset, so that the
// text of a character the copy rewrites as one is a slice, not an
// allocation.
var asciiChars = func() string {
	b := make([]byte, utf8.RuneSelf)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}()

// asciiText returns the one-byte text of c, an ASCII character.
func asciiText(c byte) string {
	return asciiChars[c : c+1]
}

// ignorable reports whether the copy leaves r out: control characters
// other than whitespace, format characters and the other default-ignorable
// code points.
func ignorable(r rune) bool {
	if r < utf8.RuneSelf {
		return r < ' ' && !isSpace(byte(r)) && r != '\v' || r == 0x7f
	}
	return r <= 0x9f && r != 0x85 || // C1 controls
		unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// decimal returns the value of r, a decimal digit (unicode.Nd) other than
// an ASCII one, or -1. Unicode encodes each script's decimal digits as a
// run of ten code points from zero to nine, and the unicode.Nd table holds
// adjacent runs as one range of stride 1 (TestDigits checks both), so the
// value is the distance from the start of r's range, modulo ten.
func decimal(r rune) int {
	const first = 0x660 // ARABIC-INDIC DIGIT ZERO, the first non-ASCII one
	if r < first {
		return -1
	}
	if r <= 0xffff {
		rs := unicode.Nd.R16
		k, _ := slices.BinarySearchFunc(rs, uint16(r), func(x unicode.Range16, r uint16) int { return cmp.Compare(x.Hi, r) })
		if k < len(rs) && rs[k].Lo <= uint16(r) {
			return int(uint16(r)-rs[k].Lo) % 10
		}
		return -1
	}
	rs := unicode.Nd.R32
	k, _ := slices.BinarySearchFunc(rs, uint32(r), func(x unicode.Range32, r uint32) int { return cmp.Compare(x.Hi, r) })
	if k < len(rs) && rs[k].Lo <= uint32(r) {
		return int(uint32(r)-rs[k].Lo) % 10
	}
	return -1
}

// besideWord reports whether the character s[i:j] has a letter or digit
// (isWordRune) right before or after it, ignorable characters passed over.
func besideWord(s string, i, j int) bool {
	for k := i; k > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:k])
		if !ignorable(r) {
			if isWordRune(r) {
				return true
			}
			break
		}
		k -= n
	}
	for k := j; k < len(s); {
		r, n := utf8.DecodeRuneInString(s[k:])
		if !ignorable(r) {
			return isWordRune(r)
		}
		k += n
	}
	return false
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
		_, n, kept := classify(s, i)
		if !kept {
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
		text, n, _ := classify(s, i)
		b.WriteString(text)
		i += n
	}
	return b.String(), true
}

// offsetMap maps offsets in the normalized copy of s back to s. It walks
// both texts once, so it must be asked for offsets in increasing order.
type offsetMap struct {
	s    string
	o, n int // matching offsets in s and in the copy
	last int // the offset in s of the last character passed
	// floor is the end of the last match: a start never goes back past it.
	floor int
}

// advance moves past the characters of s that make up the copy up to
// offset n. It stops right after the character that produced the copy's
// byte n-1, so characters removed after it are not passed.
func (m *offsetMap) advance(n int) {
	for m.n < n && m.o < len(m.s) {
		text, size, _ := classify(m.s, m.o)
		m.last = m.o
		m.o += size
		m.n += len(text)
	}
}

// start returns the offset in s of the character that produced the copy's
// byte n, skipping any removed characters before it. When that character
// produced several bytes ("⑳" is "20") the match takes it whole, unless
// the previous match already took it.
func (m *offsetMap) start(n int) int {
	m.advance(n)
	if m.n > n && m.last >= m.floor {
		return m.last // byte n is inside the character's text
	}
	for m.o < len(m.s) {
		text, size, _ := classify(m.s, m.o)
		if text != "" {
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
	m.floor = m.o
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
