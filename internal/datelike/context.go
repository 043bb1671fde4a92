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

// inCtx rejects "in weeks" and "in month 3", where no count or qualifier
// comes between "in" (or "within") and the unit, an abbreviated unit after
// anything but a number ("in a mo", "in a few yrs") and "in a quarter of
// the time" (see notBeforeOf).
func inCtx(s string, start, end int) bool {
	k := start
	for k < end && isLetter(s[k]) {
		k++
	}
	switch nextToken(s, k) {
	case "day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months",
		"quarter", "quarters", "year", "years", "sprint", "sprints":
		return false
	}
	// The unit is the last word; anything but a whole unit word (an
	// abbreviation, or a unit glued to a word: "in amonth") needs a number
	// before it.
	w := end
	for w > start && isLetter(s[w-1]) {
		w--
	}
	switch strings.ToLower(s[w:end]) {
	case "day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months",
		"quarter", "quarters", "year", "years", "sprint", "sprints":
	default:
		for w > start && (isSpace(s[w-1]) || s[w-1] == 0xa0 || s[w-1] == 0xc2) {
			w--
		}
		if w == start || !isDigit(s[w-1]) {
			return false
		}
	}
	return notBeforeOf(s, start, end)
}

// notQAndA rejects "next Q" and "this Q" when the Q starts "Q&A", "Q/A",
// "Q-learning" or the like.
func notQAndA(s string, _, end int) bool {
	switch nextByte(s, end) {
	case '&', '/', '-', '+':
		return false
	}
	return true
}

// afterThe accepts "months ahead" and "weeks to come" only after "the":
// "the months ahead" is a time, "months ahead of schedule" is not.
func afterThe(s string, start, _ int) bool {
	w, _ := prevWord(s, start)
	return w == "the"
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
		case k >= 3 && isLongDash(s[k-3:k]):
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

// abbrCtx accepts a bare month abbreviation ("Beta in Sept", "mid-Dec") only
// when it is capitalized and follows a time word. "to" does not count, as in
// "talk to Jan", nor does a capitalized word after it ("by Jan Novak"), and
// lower case is left alone: "in dec" may mean decimal.
func abbrCtx(s string, start, end int) bool {
	if !isUpper(s[start]) {
		return false
	}
	if w, _ := prevWord(s, start); w == "to" {
		return false
	}
	k := end
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	if k > end && k < len(s) && isUpper(s[k]) {
		return false
	}
	return afterTimeWord(s, start, end)
}

// dayMonthCtx accepts a day and month without a year ("3/15", "15/3",
// "15.3.") only where it cannot be read as something else:
//   - "24/7" and "7/24" are never dates, and a number followed by "of", a
//     unit or "split" ("1/2 of teams", "1/16 inch", "50/50 split") is a
//     fraction or ratio;
//   - a slash inside a path ("/items/12/25/edit") or arithmetic ("x**3/16",
//     "16/8 == 2") is not a date;
//   - "1/2" and "3/4" read as fractions, so with both parts 12 or less the
//     slash form needs a time word before it ("by 1/2");
//   - the dotted form ends many sentences that close on a version ("Python
//     3.12.", "Postgres 16.2."), so it needs a day above 12 and either a time
//     word or nothing but punctuation before it ("Ready 15.3.", "(15.3.)").
func dayMonthCtx(s string, start, end int) bool {
	a, k := 0, start
	for ; isDigit(s[k]); k++ {
		a = a*10 + int(s[k]-'0')
	}
	sep := s[k]
	b := 0
	for k++; k < end && isDigit(s[k]); k++ {
		b = b*10 + int(s[k]-'0')
	}
	if sep == '/' && (a == 24 && b == 7 || a == 7 && b == 24) {
		return false
	}
	if (start > 0 && s[start-1] == '/') || (end < len(s) && s[end] == '/') {
		return false
	}
	if isOperator(prevByte(s, start)) || isOperator(nextByte(s, end)) {
		return false
	}
	next := nextWord(s, end)
	if end < len(s) && s[end] == '-' {
		next = wordAt(s, end+1)
	}
	switch next {
	case "of", "split", "ratio", "aspect", "scale", "inch", "inches", "mile", "miles", "hour", "hours":
		return false
	}
	w, _ := prevWord(s, start)
	timeWord := false
	switch w {
	case "by", "on", "until", "till", "til", "before", "after", "from", "since", "due", "ready", "starting":
		timeWord = true
	}
	if sep == '.' {
		return a > 12 && (timeWord || w == "" && !precededByWord(s, start))
	}
	return timeWord || max(a, b) > 12
}

// precededByWord reports whether a word (letters or digits) comes before
// s[start] with only spaces in between, which prevWord reports as "" when
// it is not a plain ASCII word ("PG16 16.2.", "Node 2 15.3.").
func precededByWord(s string, start int) bool {
	k := start
	for k > 0 && (isSpace(s[k-1]) || s[k-1] == '-') {
		k--
	}
	if k == start || k == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:k])
	return isWordRune(r)
}

// notEasterEgg rejects "Easter egg", a hidden feature rather than a
// holiday, and "Easter Island".
func notEasterEgg(s string, _, end int) bool {
	next := nextWord(s, end)
	if end < len(s) && s[end] == '-' {
		next = wordAt(s, end+1)
	}
	return next != "egg" && next != "eggs" && next != "island"
}

// prevByte returns the byte before s[i], skipping spaces, or 0.
func prevByte(s string, i int) byte {
	for i > 0 && isSpace(s[i-1]) {
		i--
	}
	if i == 0 {
		return 0
	}
	return s[i-1]
}

// nextByte returns the byte at or after s[i], skipping spaces, or 0.
func nextByte(s string, i int) byte {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i == len(s) {
		return 0
	}
	return s[i]
}

func isOperator(c byte) bool { return c == '*' || c == '^' || c == '=' || c == '+' }

// lastWordYields rejects a match whose last word starts a longer date
// expression of its own, so that expression is reported instead: "Coming
// May 2027" is the month "May 2027" (not "Coming May" and a year), "this
// Fall 2026" the season "Fall 2026" and "next Friday, October 2" a date.
func (d *Detector) lastWordYields(s string, start, end int) bool {
	w := end
	for w > start && isLetter(s[w-1]) {
		w--
	}
	if w == start || w == end {
		return true
	}
	e, _ := d.matchAt(s, w, end)
	return e <= end
}
