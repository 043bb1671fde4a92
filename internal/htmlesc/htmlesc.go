// Package htmlesc appends text escaped exactly as html/template escapes
// it, for the few hot fragments of a build that are written in Go
// instead of executed through a template (the pictures, the facts of an
// item page). html/template calls each escaper through reflection, about
// a microsecond per action; these are byte loops that write the same
// bytes, held to it by differential tests and a fuzz target against
// html/template itself.
//
// Only two contexts are covered, the ones those fragments use:
//
//   - text, RCDATA (<title>) and quoted attribute values of plain
//     strings: html/template's HTML escaper table, which unlike
//     template.HTMLEscapeString also escapes '+' and turns NUL into
//     U+FFFD (AppendText);
//   - a quoted href: html/template's URL filter (a scheme other than
//     http, https or mailto becomes #ZgotmplZ), then its URL normaliser,
//     then the attribute escaper (AppendHref).
package htmlesc

import "strings"

// AppendText appends s escaped with html/template's HTML replacement
// table, which it uses for text, RCDATA (<title>) and quoted attribute
// values of plain strings. Every byte it replaces is ASCII, and no byte of
// a multi-byte UTF-8 sequence is, so a byte loop gives the same result as
// html/template's rune loop, invalid UTF-8 included (passed through).
func AppendText(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		repl := textEscapes[s[i]]
		if repl == "" {
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, repl...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// textEscapes is html/template's HTML replacement table, by byte: one
// lookup per byte of text, where a switch compared each byte with each
// escaped one.
var textEscapes = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// FilterFailsafe is what html/template writes for a link it refuses.
const FilterFailsafe = "#ZgotmplZ"

// AppendHref appends a link as html/template writes href="{{.}}":
// filtered, normalised, then attribute-escaped.
func AppendHref(b []byte, u string) []byte {
	if !SafeURL(u) {
		return append(b, FilterFailsafe...)
	}
	return appendNormalizedURL(b, u)
}

// SafeURL is html/template's URL filter: a link with a scheme (text
// before the first ':' holding no '/') is allowed only for http, https
// and mailto, in any case.
func SafeURL(u string) bool {
	for i := 0; i < len(u); i++ {
		switch u[i] {
		case '/':
			return true // a relative path before any ':'
		case ':':
			p := u[:i]
			return strings.EqualFold(p, "http") || strings.EqualFold(p, "https") || strings.EqualFold(p, "mailto")
		}
	}
	return true
}

// appendNormalizedURL appends u as html/template's URL normaliser writes
// it (percent-encoding, in lower-case hex, every byte that is neither
// unreserved nor a reserved delimiter, and any '%' that does not start a
// valid escape), then escapes the result for a quoted attribute. Of the
// bytes the normaliser keeps, the attribute escaper changes '&' and '+'.
func appendNormalizedURL(b []byte, u string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~',
			c == '!', c == '#', c == '$', c == '*', c == ',', c == '/', c == ':',
			c == ';', c == '=', c == '?', c == '@', c == '[', c == ']':
			b = append(b, c)
		case c == '&':
			b = append(b, "&amp;"...)
		case c == '+':
			b = append(b, "&#43;"...)
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&0xf])
		}
	}
	return b
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
