// Package jsonesc appends JSON strings and numbers exactly as
// encoding/json writes them, for the one file of a build too large for
// reflection: the internal roadmap.json, whose item bodies are tens of
// megabytes of Markdown at 10,000 items. encoding/json's byte-at-a-time
// string loop and its reflection over every item took about a tenth of a
// second of such a build; AppendString skips eight plain bytes at a time.
// Differential tests and a fuzz target hold both functions to
// encoding/json itself.
package jsonesc

import (
	"encoding/binary"
	"errors"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// Masks for the word-at-a-time scan: a byte of ones, and of high bits.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// needsWork returns a word with the high bit set in each byte of x that
// AppendString cannot copy as it is: a control byte, '"', '\\', '<', '>',
// '&' or a byte of a multi-byte UTF-8 sequence (which may be invalid, or
// U+2028 or U+2029). Bytes above a flagged byte may be flagged too (a
// subtraction's borrow), never bytes below one, so the lowest flagged
// byte is always one to handle.
func needsWork(x uint64) uint64 {
	// (v-ones) &^ v has the high bit set in each zero byte of v.
	q, bs, lt, gt, amp := x^('"'*ones), x^('\\'*ones), x^('<'*ones), x^('>'*ones), x^('&'*ones)
	return (x | // high bit: not ASCII
		(x - 0x20*ones) | // below 0x20, or borrowed from one
		(q-ones)&^q | (bs-ones)&^bs | (lt-ones)&^lt | (gt-ones)&^gt | (amp-ones)&^amp) & highs
}

// load64 reads s[i:i+8] as a little-endian word; the compiler makes it
// one load.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// AppendString appends s as a JSON string, as encoding/json writes it
// with HTML escaping (its default): '<', '>' and '&' as \u003c, \u003e
// and \u0026, U+2028 and U+2029 escaped, and each byte of invalid UTF-8
// as \ufffd.
//
// Plain bytes are copied a word at a time into room reserved up front:
// bodies break for a line feed or a quote every few dozen bytes, and
// appending each run between them cost more than scanning it.
func AppendString(b []byte, s string) []byte {
	// out is b with its spare capacity; n bytes of it are written. It
	// always has room for what is left of s unescaped and the closing
	// quote, so a word stored whole (when fewer of its bytes are kept)
	// fits: at least eight bytes of s are left then.
	out := slices.Grow(b, len(s)+2)
	n := len(out)
	out = out[:cap(out)]
	out[n] = '"'
	n++
	i := 0
	for i < len(s) {
		if i+8 <= len(s) {
			x := load64(s, i)
			// The plain bytes up to the first that needs work, maybe
			// all eight, are stored as a word and kept.
			binary.LittleEndian.PutUint64(out[n:], x)
			w := needsWork(x)
			if w == 0 {
				n, i = n+8, i+8
				continue
			}
			k := bits.TrailingZeros64(w) / 8
			n, i = n+k, i+k
		}
		c := s[i]
		if c < utf8.RuneSelf && plain[c] {
			out[n] = c
			n, i = n+1, i+1
			continue
		}
		// An escape writes at most six bytes for one to three read.
		if room := len(s) - i + 1 + 6; len(out)-n < room {
			out = slices.Grow(out[:n], room)
			out = out[:cap(out)]
		}
		if c < utf8.RuneSelf {
			switch c {
			case '\\', '"':
				n += copy(out[n:], []byte{'\\', c})
			case '\b':
				n += copy(out[n:], `\b`)
			case '\f':
				n += copy(out[n:], `\f`)
			case '\n':
				n += copy(out[n:], `\n`)
			case '\r':
				n += copy(out[n:], `\r`)
			case '\t':
				n += copy(out[n:], `\t`)
			default:
				n += copy(out[n:], []byte{'\\', 'u', '0', '0', hex[c>>4], hex[c&0xF]})
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			n += copy(out[n:], `\ufffd`)
		case r == '\u2028' || r == '\u2029':
			n += copy(out[n:], []byte{'\\', 'u', '2', '0', '2', hex[r&0xF]})
		default:
			n += copy(out[n:], s[i:i+size])
		}
		i += size
	}
	out[n] = '"'
	return out[:n+1]
}

// plain says which ASCII bytes a JSON string holds as they are with
// encoding/json's HTML escaping: all but control bytes, '"', '\\', '<',
// '>' and '&'.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&` {
		t[c] = false
	}
	return t
}()

// ErrNotFinite is returned for infinities and NaN, which JSON cannot
// hold (encoding/json refuses them too).
var ErrNotFinite = errors.New("json: a number is infinite or not a number")

// AppendFloat appends f as encoding/json writes a float64: the shortest
// decimal that reads back as f, in exponent form below 1e-6 and from
// 1e21 on, with the exponent unpadded.
func AppendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, ErrNotFinite
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as in encoding/json.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}
