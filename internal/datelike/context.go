package datelike

import (
	"strings"
	"unicode/utf8"
)

// Context checks veto candidate matches that read as dates only in some
// surroundings. They run only on candidates, so they may allocate.

// yearCtx rejects a bare year that is really a measurement ("2000 ms",
// "1920 px") or one number in a space-separated run of numbers, as in SVG
// coordinates ("0 0 2000 1000").
func yearCtx(s string, start, end int) bool {
	if start >= 2 && s[start-1] == ' ' && isDigit(s[start-2]) {
		return false
	}
	if end+1 < len(s) && s[end] == ' ' && isDigit(s[end+1]) {
		return false
	}
	next := nextWord(s, end)
	if end < len(s) && s[end] == '-' {
		next = wordAt(s, end+1) // "2048-bit"
	}
	switch next {
	case "ms", "s", "sec", "secs", "px", "pt", "em", "rem", "x",
		"bit", "bits", "byte", "bytes", "kb", "mb", "gb", "tb", "kbps", "mbps", "gbps",
		"char", "chars", "characters", "pixel", "pixels", "dpi", "ppi",
		"hz", "khz", "mhz", "rpm", "rps", "qps", "km", "kg", "mph":
		return false
	}
	return true
}

// afterTimeWord accepts a word ("May", "March", "August") only after a word
// that makes it a point in time: "in May", "by March", "mid-May",
// "end of March".
func afterTimeWord(s string, start, _ int) bool {
	w, at := prevWord(s, start)
	switch w {
	case "in", "by", "until", "till", "til", "before", "after", "since", "from", "to",
		"through", "thru", "during", "around", "between", "early", "late", "mid":
		return true
	case "of":
		switch w2, _ := prevWord(s, at); w2 {
		case "end", "beginning", "start", "middle":
			return true
		}
	}
	return false
}

// seasonCtx accepts a bare season word after a time preposition ("by
// summer", "in winter"), but not when it starts a proper name ("in Spring
// Boot") or follows "from" (frameworks again: "migrate from Spring").
//
// "in the fall" also counts, but only at the end of a phrase: "in the winter
// theme" names a theme, not a time.
func seasonCtx(s string, start, end int) bool {
	w, at := prevWord(s, start)
	if w == "the" {
		k := end
		for k < len(s) && isSpace(s[k]) {
			k++
		}
		if k > end && k < len(s) && isAlnum(s[k]) {
			return false
		}
		w, _ = prevWord(s, at)
		return w != "from" && w != "to" && afterTimeWord(s, at, end)
	}
	if w == "from" || w == "to" || !afterTimeWord(s, start, end) {
		return false
	}
	if isUpper(s[start]) {
		k := end
		for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
			k++
		}
		if k > end && k < len(s) && isUpper(s[k]) {
			return false
		}
	}
	return true
}

// notMarkup rejects H1/H2 inside HTML tags and CSS-like paths ("<h1>",
// "</H2>").
func notMarkup(s string, start, _ int) bool {
	return start == 0 || (s[start-1] != '<' && s[start-1] != '/')
}

// notBeforeOf rejects "in a quarter of the time" and similar fractions.
func notBeforeOf(s string, _, end int) bool {
	return nextWord(s, end) != "of"
}

// prevWord returns the lower-cased ASCII word before s[start], skipping
// spaces and hyphens, and where it starts. Any other punctuation in between
// (a full stop, a comma) yields "".
func prevWord(s string, start int) (string, int) {
	k := start
	for k > 0 {
		switch c := s[k-1]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-':
			k--
			continue
		case c == 0xa0 && k >= 2 && s[k-2] == 0xc2: // U+00A0
			k -= 2
			continue
		case strings.HasSuffix(s[:k], "\u2013") || strings.HasSuffix(s[:k], "\u2014"):
			k -= 3
			continue
		}
		break
	}
	if k == start {
		return "", start
	}
	e := k
	for k > 0 && e-k <= maxKeyLen && isLetter(s[k-1]) {
		k--
	}
	if k == e || e-k > maxKeyLen {
		return "", start
	}
	if k > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:k]); isWordRune(r) {
			return "", start
		}
	}
	return strings.ToLower(s[k:e]), k
}

// nextWord returns the lower-cased ASCII word after s[:end] and at least
// one space, or "" if something else comes first.
func nextWord(s string, end int) string {
	k := end
	for k < len(s) && isSpace(s[k]) {
		k++
	}
	if k == end {
		return ""
	}
	return wordAt(s, k)
}

// wordAt returns the lower-cased ASCII word starting at s[k], or "" if there
// is none or it is longer than any keyword.
func wordAt(s string, k int) string {
	b := k
	for k < len(s) && k-b <= maxKeyLen && isLetter(s[k]) {
		k++
	}
	if k == b || k-b > maxKeyLen {
		return ""
	}
	if k < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[k:]); isWordRune(r) {
			return ""
		}
	}
	return strings.ToLower(s[b:k])
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
