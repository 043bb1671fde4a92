// Package datelike finds text that reads as a date or a point in time:
// numeric dates, month and weekday names, quarters, halves, fiscal and
// calendar years, bare years, seasons, holidays and relative expressions
// such as "next quarter" or "in 3 weeks".
//
// The public roadmap must never show a date of any kind, because customers
// read any date as a promise. The detector therefore favours recall on real
// date expressions while keeping ordinary product copy ("SAML 2.0",
// "24/7 support", "we may add", "weekly digest") clean. It is used both by the
// content linter on author-written fields and by tests that scan the built
// public site.
//
// How it works: the text is walked word by word. Only a word that can begin a
// date expression (a digit run of a plausible shape, or one of a fixed set of
// keywords such as month names, "next", "in", "Q") runs the small anchored
// regular expressions registered for it, and common keywords ("a", "in",
// "this") first check the word that follows, so ordinary prose costs little
// more than a table lookup per word. Word boundaries are checked by hand on
// both sides of every match, with stricter rules for numbers (no decimals,
// thousands separators, versions or longer digit runs).
//
// Text is searched as a reader sees it: Unicode spaces (a thin space in
// "next\u2009quarter") count as spaces, invisible characters (a soft
// hyphen or zero-width space in "20\u00ad27") are ignored, digits of
// other scripts and styles read as ASCII digits ("२०२७", "𝟐𝟎𝟐𝟕" and
// "²⁰²⁷" are "2027"), decorated numbers as their digits ("⑳㉗" is
// "2027"), and fullwidth and mathematical letters as ASCII letters
// ("Ｑ３" and "𝐐𝟑" are "Q3"), so matches are found on a normalized copy
// and mapped back to the original text (see normalize.go and forms.go).
// ASCII text skips this with one pass over its bytes.
//
// Known trade-offs:
//   - A bare four-digit number from 1900 to 2099 is reported as a year, so
//     "2000 users", "RSA 2048" and "z-index: 2000" match ("2,000 users" does
//     not). Recall on years matters more than the occasional count. Numbers
//     followed by a unit ("2000 ms", "2048-bit"), or in a space-separated run
//     of numbers (SVG coordinates), are not reported.
//   - "first half", "second half" and "first quarter" match even outside a
//     calendar sense ("the first half of the video", "first-half
//     results"). "back half" and "front half" need "of the year" or a year
//     after them ("the back half of the room" is clean).
//   - "in 3 weeks" matches even when it describes effort ("built in 3
//     weeks"); "3 weeks" on its own does not, nor does "in weeks". "within
//     days", "within weeks" and "within months" match, but "within minutes"
//     and "within hours" do not: they state speed or a service level, not
//     when something ships.
//   - Abbreviated units (wk, mo, mth, yr, qtr, with or without s) count
//     only after a number ("in 6 mo", "in 2wks", "next 6 mos"): "in a mo"
//     is a moment. "next qtr", "last wk" and "this yr" match too.
//   - "next Q" and "this Q" need an upper-case Q that does not start
//     "Q&A", "Q/A" or "Q-learning"; "last Q" does not match (the last
//     question), "last qtr" does.
//   - "3 weeks out" and "two months out" match, but not before "of" ("carve
//     two weeks out of the plan"). "the months ahead" and "the years to
//     come" match only after "the" ("months ahead of schedule" is clean).
//   - "May" and "March" are common English words: they match only when
//     capitalized and next to a number ("May 2027", "3 March"), or after a
//     time word such as "in", "by", "until" or "mid-". Bare "August" must be
//     capitalized. Person names like "June", "April" or "Hello from May"
//     still match.
//   - A bare month abbreviation ("Sept", "Dec") matches only when
//     capitalized, after a time word other than "to" and not before another
//     capitalized word: "Beta in Sept" matches, "talk to Jan", "by Jan Novak"
//     and "in dec" (decimal) do not, but "a note from Jan" does.
//   - "Coming May" is relative time, but when the month (or season or
//     weekday) after "coming", "next", "this" and the like starts a longer
//     expression of its own, that one is reported: "Coming May 2027" is the
//     month "May 2027".
//   - Day and month without a year: "3/15" or "15/3" match on their own
//     when one part is above 12; "1/2" and "3/4" read as fractions and match
//     only after a time word ("by 1/2", "on 3/4"), which also makes "reduce
//     it by 1/2" match. "24/7", a fraction followed by "of" or a unit
//     ("1/2 of teams", "1/16 inch"), a path ("/12/25/") and arithmetic stay
//     clean. The dotted form needs the closing dot and a day above 12, and
//     nothing but a time word or punctuation before it: "15.3." and "Ready
//     15.3." match, "1.3." and "Postgres 16.2." (versions) do not.
//   - Holidays match on their own ("Christmas", "Thanksgiving", "Black
//     Friday", "Lunar New Year"), in any case except "New Year", which must be
//     capitalized ("a new year of features" is clean, "in the new year" is
//     relative time); "Easter egg" and "Easter Island" do not match,
//     "Christmas tree" does.
//   - Bare "1H"/"2H" and "1Q" to "4Q" match only in upper case ("1h" is an
//     hour, "2H2" a molecule), so "3Q reagent" matches.
//   - "CY27", "CY 2027" (calendar year) are years; "CY" inside a word
//     ("CYCLE") is not.
//   - Seasons need a year or a time word: "by summer" and "in the fall."
//     match, "in the summer we ship" does not (it cannot be told apart from
//     "in the winter theme"). A bare two-digit year must be 20 to 39
//     ("summer 27", "Fall-26"), and "fall" must then be capitalized:
//     "prices fall 20 percent" is clean.
//   - Dotted numbers with two-digit parts ("10.12.26") read as dates, even
//     when they are versions; "1.2.26" does not.
//   - Bare "H1"/"H2" match only in upper case and never after "<" or "/", so
//     HTML headings and CSS selectors stay clean; "the H2 database" matches.
//   - Not covered: weekday abbreviations ("Mon–Fri"), times of day ("10am"),
//     week numbers ("Week 42"), day and month with dashes ("12-25") and
//     lesser-known holidays (only a fixed list is known).
//   - Input is treated as plain text: HTML entities (such as "&nbsp;") should
//     be decoded by the caller. Every Unicode space is understood, and
//     format characters (unicode.Cf), other default-ignorable characters and
//     control characters are ignored wherever they appear, even between the
//     digits of a version ("2.0\u200b1" reads "2.01"). Fullwidth forms
//     ("Ｑ３ ２０２６") read as ASCII, and so do the decimal digits of every
//     script and style ("Q٣ ٢٠٢٧", "२०२७", "𝟐𝟎𝟐𝟕"), the letters of the
//     mathematical alphabets ("𝐌𝐚𝐫𝐜𝐡 𝟐𝟎𝟐𝟕", "𝚀𝟹", "ℚ𝟛") and runs of
//     superscript, subscript and circled digits and numbers up to 50
//     ("²⁰²⁷", "②⓪②⑦", "⑳㉗"); one such number after a word or number is
//     a footnote or an exponent ("Q3 2027¹" is "Q3 2027"). Parenthesized
//     numbers and numbers with a full stop read as NFKC writes them ("⑴"
//     is "(1)", "⒖⒊" is the date "15.3."). Circled and squared letters
//     ("Ⓠ③"), Roman numerals and modifier letters are not understood.
//   - Text is read in the order it is stored, not as it is displayed: a
//     bidirectional override ("\u202e7202", shown as "2027"), or a
//     right-to-left mark that moves a space ("20\u200f \u200f27", shown as
//     "2027 "), is not understood. The check package refuses those
//     characters in public text. Right-to-left letters also reorder the
//     digits beside them ("20א27" shows as "2027א"); check also reads
//     public text with them taken out.
//   - English only.
package datelike

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is one date-like piece of text: s[Start:End] == Text, invisible
// characters inside it included (see normalize.go). Kind names what
// it is, in words an author understands: "date", "month", "weekday",
// "quarter", "half year", "fiscal year", "year", "relative time", "season",
// "holiday".
type Match struct {
	Start, End int
	Text, Kind string
}

// Detector finds date-like text. It is safe for concurrent use; build one
// with New and reuse it.
type Detector struct {
	// words maps a lower-case keyword (the leading letters of a word) to the
	// rules that may start there.
	words map[string]*trigger
	// keyMask[first letter][second letter or 26] has bit n set when some
	// keyword of length n starts that way; it rejects most words without a
	// map lookup.
	keyMask [26][27]uint16
	// year4 and short hold the rules for words starting with a 19xx/20xx digit
	// run and with a 1-3 digit run, indexed by the byte that follows the run
	// (0 at the end of the text), so most numbers run no regexp at all.
	year4 [256][]*rule
	short [256][]*rule
	// noGates makes every keyword run all its rules; tests use it to prove
	// that the gates never lose a match.
	noGates bool
}

// trigger is what a keyword may start.
type trigger struct {
	rules []*rule
	// next, when set, lists the tokens that may follow the keyword for any
	// of its rules to match (see nextToken); it saves running regexps on
	// every "a" and "in".
	next map[string]bool
	// capital requires an upper-case first letter ("May", not "may").
	capital bool
}

// rule is one anchored pattern with the kind it reports.
type rule struct {
	re   *regexp.Regexp
	kind string
	// ctx, if set, vetoes a candidate match by looking at its surroundings.
	ctx func(s string, start, end int) bool
}

const (
	// maxWindow bounds how far a pattern may look from its start; the longest
	// expressions ("Wednesday, September 30th, 2026") are far shorter.
	maxWindow = 64
	// maxKeyLen is the longest keyword ("wednesdays" and "following" fit).
	maxKeyLen = 12
)

// Find returns the first (leftmost) match.
func (d *Detector) Find(s string) (Match, bool) {
	n, changed := normalize(s)
	m, ok := d.next(n, 0)
	if ok && changed {
		ms := []Match{m}
		remap(s, ms)
		m = ms[0]
	}
	return m, ok
}

// FindAll returns all non-overlapping matches, leftmost first.
func (d *Detector) FindAll(s string) []Match {
	n, changed := normalize(s)
	out := d.findAll(n)
	if changed {
		remap(s, out)
	}
	return out
}

// findAll is FindAll on normalized text.
func (d *Detector) findAll(s string) []Match {
	var out []Match
	for from := 0; from < len(s); {
		m, ok := d.next(s, from)
		if !ok {
			break
		}
		out = append(out, m)
		from = m.End
	}
	return out
}

// next returns the leftmost match starting at or after from.
func (d *Detector) next(s string, from int) (Match, bool) {
	for i := from; i < len(s); {
		if c := s[i]; !isAlnum(c) {
			if c == '\'' || c == 0xe2 { // 0xe2 leads U+2018 and U+2019
				if end := apostropheYear(s, i); end > i {
					return Match{Start: i, End: end, Text: s[i:end], Kind: kindYear}, true
				}
			}
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isAlnum(s[j]) {
			j++
		}
		if wordStart(s, i) {
			if end, kind := d.matchAt(s, i, j); end > i {
				return Match{Start: i, End: end, Text: s[i:end], Kind: kind}, true
			}
		}
		i = j
	}
	return Match{}, false
}

// matchAt tries every rule that may start at the word s[i:j] and returns the
// end and kind of the longest valid match, or end -1.
func (d *Detector) matchAt(s string, i, j int) (int, string) {
	var rules []*rule
	if isDigit(s[i]) {
		k := i
		for k < j && isDigit(s[k]) {
			k++
		}
		if !digitStartOK(s, i) {
			return -1, ""
		}
		var after byte
		if k < len(s) {
			after = s[k]
		}
		switch n := k - i; {
		case n == 4 && (s[i:i+2] == "19" || s[i:i+2] == "20"):
			rules = d.year4[after]
		case n <= 3:
			rules = d.short[after]
			if !d.noGates && !shortMayMatch(s, k) {
				return -1, ""
			}
		}
	} else {
		k := i
		for k < j && isLetter(s[k]) {
			k++
		}
		n := k - i
		if n > maxKeyLen {
			return -1, ""
		}
		second := 26
		if n > 1 {
			second = int(s[i+1]|0x20) - 'a'
		}
		if d.keyMask[(s[i]|0x20)-'a'][second]&(1<<n) == 0 {
			return -1, ""
		}
		var buf [maxKeyLen]byte
		for x := i; x < k; x++ {
			buf[x-i] = s[x] | 0x20 // ASCII letters only, so this lower-cases
		}
		t := d.words[string(buf[:n])]
		if t == nil {
			return -1, ""
		}
		if !d.noGates {
			if t.capital && !isUpper(s[i]) {
				return -1, ""
			}
			// A gated keyword is always followed by a separator, so
			// digits glued to it ("in2026") end the search too.
			if t.next != nil && (k != j || !t.next[nextToken(s, j)]) {
				return -1, ""
			}
		}
		rules = t.rules
	}
	if len(rules) == 0 {
		return -1, ""
	}
	hi := min(len(s), i+maxWindow)
	for hi < len(s) && isAlnum(s[hi]) {
		hi++
	}
	best, kind := -1, ""
	for _, r := range rules {
		if e := r.match(s, i, hi); e > best {
			best, kind = e, r.kind
		}
	}
	return best, kind
}

// match returns the end of the longest-preferred match of r at s[i:] that
// passes the boundary and context checks, or -1. When the regexp's preferred
// match fails a check (say "Jan 15" in "Jan 150"), shorter matches are tried
// by cutting the window just before the failed end.
func (r *rule) match(s string, i, hi int) int {
	win := s[i:hi]
	for {
		loc := r.re.FindStringIndex(win)
		if loc == nil || loc[1] == 0 {
			return -1
		}
		e := i + loc[1]
		if endOK(s, e) && (r.ctx == nil || r.ctx(s, i, e)) {
			return e
		}
		win = win[:loc[1]-1]
	}
}

// shortMayMatch is a cheap gate for a 1-3 digit run ending at k, which is
// common in markup ("6.48", "0 0 24 24", "10-4"): it reports whether what
// follows has the shape of some short-number rule, so most numbers never run
// a regexp. It must stay in step with the trigShort rules.
func shortMayMatch(s string, k int) bool {
	if k >= len(s) {
		return false
	}
	switch c := s[k]; c {
	case ' ', '\t', '\n', '\r', '\f':
		// Only a word continues a date here ("15 Sep", "3 weeks from now").
		t := nextToken(s, k)
		return t != "" && t[0] != '#'
	case '.', '/', '-':
		p := k + 1
		q := p
		for q < len(s) && isDigit(s[q]) {
			q++
		}
		switch n := q - p; {
		case n == 0:
			return c == '-' && p < len(s) && isLetter(s[p]) // 15-Sep-2026
		case c == '/' && n == 4:
			return true // 10/2026
		case c == '/' && n <= 2 && (q == len(s) || !isAlnum(s[q])):
			return true // 3/15, and 2/10/26 too
		case q == len(s):
			return false
		case s[q] == c && n <= 2:
			return true // 2/10/26, 31.12.2026, 31-12-2026
		case c == '-' && n <= 3 && (isSpace(s[q]) || s[q] == 0xc2):
			return true // 2-3 weeks from now
		}
		return false
	}
	if isLetter(s[k]) && k+1 < len(s) {
		switch string([]byte{s[k] | 0x20, s[k+1] | 0x20}) {
		case "st", "nd", "rd", "th": // 1st, 2nd quarter
			return k+2 == len(s) || !isAlnum(s[k+2])
		}
		c := s[k] | 0x20
		return c == 'q' || c == 'h' // 1Q27, 2H 2026
	}
	return true
}

// apostropheYear returns the end of a two-digit year written with an
// apostrophe at s[i], or -1. A decade ("'90s") always counts; a bare year
// ("'27") only after a time word ("in '27", "by '27"), since on its own it
// is as likely a quotation.
func apostropheYear(s string, i int) int {
	p := i + 1
	if s[i] != '\'' {
		if !strings.HasPrefix(s[i:], "\u2019") && !strings.HasPrefix(s[i:], "\u2018") {
			return -1
		}
		p = i + 3
	}
	if p+2 > len(s) || !isDigit(s[p]) || !isDigit(s[p+1]) || !wordStart(s, i) {
		return -1
	}
	e := p + 2
	if s[p+1] == '0' && e < len(s) && s[e] == 's' && endOK(s, e+1) {
		return e + 1
	}
	if endOK(s, e) && afterTimeWord(s, i, e) {
		return e
	}
	return -1
}

// wordStart reports whether s[i] begins a word: the rune before it, if any,
// is not a letter, digit or underscore.
func wordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isWordRune(r)
}

// digitStartOK rejects numbers that continue a larger number: decimals and
// thousands ("1.2027", "1,2027"), times ("10:2026"), phone-number and other
// dash or slash groups ("555-2026") unless the group before is itself a
// four-digit year ("2026-2027"), and hex colours or money ("#2026", "$2000").
func digitStartOK(s string, i int) bool {
	if i == 0 {
		return true
	}
	switch p := s[i-1]; p {
	case '#', '$', '+':
		return false
	case '.', ',', ':':
		return i < 2 || !isDigit(s[i-2])
	case '-', '/':
		n := 0
		for k := i - 2; k >= 0 && isDigit(s[k]); k-- {
			n++
		}
		return n == 0 || n == 4
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r != '€' && r != '£' && r != '¥'
}

// endOK reports whether a match may end at e: the next rune must not continue
// a word, and a match ending in a digit must not continue as a decimal,
// thousands group, time or percentage ("2027.5", "2026,000", "2000%").
func endOK(s string, e int) bool {
	if e >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[e:])
	if isWordRune(r) {
		return false
	}
	if isDigit(s[e-1]) {
		switch r {
		case '.', ',', ':':
			return e+1 >= len(s) || !isDigit(s[e+1])
		case '%':
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isAlnum(byte(r)) || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// nextToken describes the token after s[:j], skipping spaces and dashes:
// "#digit" for a number, "#apos" for an apostrophe ('26), the lower-cased
// letters of a word, or "" for anything else.
func nextToken(s string, j int) string {
	k := j
	for k < len(s) {
		if c := s[k]; isSpace(c) || c == '-' {
			k++
		} else if strings.HasPrefix(s[k:], "\u00a0") {
			k += 2
		} else if c == 0xe2 && k+3 <= len(s) && isLongDash(s[k:k+3]) {
			k += 3
		} else {
			break
		}
	}
	if k == len(s) {
		return ""
	}
	switch c := s[k]; {
	case isDigit(c):
		return "#digit"
	case c == '\'' || strings.HasPrefix(s[k:], "\u2019") || strings.HasPrefix(s[k:], "\u2018"):
		return "#apos"
	case !isLetter(c):
		return ""
	}
	e := k
	for e < len(s) && e-k <= maxKeyLen && isLetter(s[e]) {
		e++
	}
	if e-k > maxKeyLen {
		return ""
	}
	return strings.ToLower(s[k:e])
}

// isLongDash reports whether d is one of the three-byte dashes {DASH}
// accepts: hyphen, non-breaking hyphen, en dash or em dash.
func isLongDash(d string) bool {
	return d == "\u2010" || d == "\u2011" || d == "\u2013" || d == "\u2014"
}

func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }
