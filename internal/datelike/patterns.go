package datelike

import (
	"fmt"
	"regexp"
	"strings"
)

// Kinds reported in Match.Kind.
const (
	kindDate     = "date"
	kindMonth    = "month"
	kindWeekday  = "weekday"
	kindQuarter  = "quarter"
	kindHalf     = "half year"
	kindFiscal   = "fiscal year"
	kindYear     = "year"
	kindRelative = "relative time"
	kindSeason   = "season"
	kindHoliday  = "holiday"
)

// fragments returns the named building blocks used in patterns as {NAME}.
// Every pattern is compiled case-insensitive; (?-i:...) marks the few places
// where case carries meaning ("May" the month versus "may" the verb).
func fragments() map[string]string {
	return map[string]string{
		// One or more spaces, including the no-break space common in HTML.
		"S":    `(?:[\s\x{00A0}]+)`,
		"DASH": `[-\x{2010}\x{2011}\x{2013}\x{2014}]`,
		// A space or a hyphen between words: "second half", "second-half".
		"SD":   `(?:{S}|{DASH})`,
		"YEAR": `(?:19|20)\d{2}`,
		// Two-digit year after an apostrophe: '27 or ’27.
		"YY":   `['\x{2018}\x{2019}]\d{2}`,
		"DAY":  `(?:3[01]|[12]\d|0?[1-9])`,
		"DAY2": `(?:3[01]|[12]\d|0[1-9])`,
		"MON":  `(?:1[0-2]|0?[1-9])`,
		"MON2": `(?:1[0-2]|0[1-9])`,
		"ORD":  `(?:st|nd|rd|th)`,
		// "May" and "March" are ordinary words in lower case.
		"FULLMONTH": `(?:january|february|april|june|july|august|september|october|november|december|(?-i:May|MAY|March|MARCH))`,
		"ABBR":      `(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`,
		"MONTH":     `(?:{FULLMONTH}|{ABBR})`,
		"WEEKDAY":   `(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)`,
		"SEASON":    `(?:spring|summer|autumn|fall|winter)`,
		// Units that take a count ("in 3 weeks"); used with an optional s.
		"UNIT": `(?:day|week|fortnight|month|quarter|year|sprint)`,
		// Abbreviated units, only after a number ("in 2 wks", "in 6mo"):
		// "in a mo" is a moment.
		"UABBR": `(?:wks?|mos?|mths?|yrs?|qtrs?)`,
		// A number and a unit, abbreviated or glued: "6 mos", "2wks".
		"DIGUNIT": `\d{1,3}(?:{DASH}\d{1,3})?(?:{S}(?:more{S})?)?(?:{UNIT}s?|{UABBR})`,
		// What may follow next/this/last. "day" is left out on purpose:
		// "next day delivery" and "the last day of the trial" are not dates.
		"RELUNIT": `(?:(?:fiscal|calendar){S})?(?:weekend|week|fortnight|month|quarter|half|year|sprint|season|holiday{S}season|{SEASON}|{WEEKDAY}|{FULLMONTH})`,
		"QUAL":    `(?:next|this|last|coming|following|past|previous|upcoming|current)`,
		"NUMWORD": `(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an|a)`,
		// Larger numbers in words, not used in ranges ("two or three").
		// Patterns past 500 instructions run much slower in Go's regexp,
		// so COUNT must stay small.
		"BIGNUM": `(?:(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:{SD}(?:one|two|three|four|five|six|seven|eight|nine))?|(?:(?:a|one){S})?hundred|(?:thir|four|fif|six|seven|eigh|nine)teen)`,
		"COUNT":  `(?:\d{1,3}(?:{DASH}\d{1,3})?|(?:a{S})?few|(?:a{S})?couple(?:{S}of)?|several|{BIGNUM}|{NUMWORD}(?:{S}(?:or|to){S}{NUMWORD})?)`,
		// The tail of "in 3 weeks from now" style expressions.
		"FROMNOW": `{S}(?:from{S}(?:now|today)|away|ago)`,
		"FYX":     `fy{S}?['\x{2019}-]?(?:{YEAR}|\d{2})`,
		// Calendar year: CY27, CY2027, CY 2027.
		"CYX": `cy{S}?['\x{2019}-]?(?:{YEAR}|\d{2})`,
		// A year after a quarter or half: Q3'26, Q3 2026, Q3-27, Q3.2027,
		// Q3 FY27, Q3FY27, Q3 CY27, Q3 next year. YSUFFIX makes it optional.
		"YSUF1":   `(?:{S}?{YY}|{S}?{YEAR}|[-/](?:{YEAR}|\d{2})|\.{YEAR}|{S}of{S}{YEAR}|(?:{S}(?:of{S})?)?(?:{FYX}|{CYX})|{S}(?:of{S})?(?:next|this|last|current|coming){S}year)`,
		"YSUFFIX": `(?:{YSUF1})?`,
		// "of (the) (next) year|2027|FY27" after "first quarter"; OFYEAR
		// makes it optional.
		"OFYEAR1": `{S}of(?:{S}the)?(?:{S}(?:next|this|last|current|coming|fiscal|calendar))?{S}(?:year|{YEAR}|{FYX})`,
		"OFYEAR":  `(?:{OFYEAR1})?`,
		// Optional year after a season: summer 2027, summer of 2027,
		// Summer '27, summer of ’27.
		"SEASONYEAR": `(?:{S}(?:of{S})?{YEAR}|(?:{S}(?:of{S})?)?{YY})`,
		// "end of (the) (next)" and friends.
		"EDGEOF": `(?:end|beginning|start|middle)(?:{S}|{DASH})of(?:{S}|{DASH})(?:the{S})?(?:(?:{QUAL}|fiscal|calendar){S})?`,
		// early/late/mid followed by a space or hyphen.
		"ELM": `(?:early|late|mid)(?:{S}|{DASH})`,
	}
}

// Trigger groups for digit-led rules. A digit rule lists the bytes that may
// follow the leading digit run; a leading "*" stands for the end of the text
// and any byte that is not an ASCII letter or digit.
const (
	trigYear4 = "#year4"        // a 19xx or 20xx digit run
	trigShort = "#short"        // a 1-3 digit run
	ws        = " \t\n\r\f\xc2" // \xc2 leads U+00A0
)

// ruleDef declares one rule: the words (or digit groups) it may start at, its
// pattern (anchored and case-insensitive once compiled) and what it reports.
type ruleDef struct {
	triggers []string // keywords, or trigYear4/trigShort
	after    string   // digit rules: bytes allowed after the digit run
	kind     string
	pat      string
	ctx      func(s string, start, end int) bool
}

// words splits a space-separated keyword list.
func words(s string) []string { return strings.Fields(s) }

const (
	monthWords   = "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"
	weekdayWords = "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays"
	seasonWords  = "spring summer autumn fall winter"
	qualWords    = "next this last coming following past previous upcoming current"
	unitWords    = "day days week weeks fortnight fortnights month months quarter quarters year years sprint sprints"
	countWords   = "a an few couple several one two three four five six seven eight nine ten eleven twelve " +
		"thirteen fourteen fifteen sixteen seventeen eighteen nineteen " +
		"twenty thirty forty fourty fifty sixty seventy eighty ninety hundred"
)

// ruleDefs declares the rules of d; a few context checks need d itself.
func ruleDefs(d *Detector) []ruleDef {
	y4, sh := []string{trigYear4}, []string{trigShort}
	return []ruleDef{
		// ---- Led by a 19xx/20xx digit run.
		{y4, "-", kindDate, `{YEAR}-{MON2}-{DAY2}[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?`, nil},
		{y4, "-/.", kindDate, `{YEAR}(?:-{MON}-{DAY}|/{MON}/{DAY}|\.{MON}\.{DAY})`, nil},
		{y4, "-", kindMonth, `{YEAR}-{MON2}`, nil},
		{y4, "-/qQ" + ws, kindQuarter, `{YEAR}(?:[-/]|{S})?q[1-4]`, nil},
		{y4, "-/hH" + ws, kindHalf, `{YEAR}(?:[-/]|{S})?h[12]`, nil},
		{y4, "-wW", kindDate, `{YEAR}-?w(?:5[0-3]|[1-4]\d|0[1-9])(?:-?[1-7])?`, nil},
		{y4, "*sS", kindYear, `(?:(?:19|20)\d0['\x{2019}]?s|{YEAR})`, yearCtx},

		// ---- Led by a 1-3 digit run.
		{sh, "/", kindDate, `{DAY}/{DAY}/(?:{YEAR}|\d{2})`, nil},
		// Dots and dashes with a two-digit year need two-digit parts, so
		// versions like "1.2.26" stay clean.
		{sh, ".-", kindDate, `(?:{DAY}\.{DAY}\.{YEAR}|{DAY2}\.{DAY2}\.\d{2}|{DAY}-{DAY}-{YEAR}|{DAY2}-{DAY2}-\d{2})`, nil},
		{sh, "/", kindMonth, `{MON}/{YEAR}`, nil},
		// Day and month without a year, either way round ("3/15", "15/3")
		// or day.month. with the closing dot ("15.3."); dayMonthCtx keeps
		// fractions ("1/2"), "24/7" and versions ("Python 3.12.") out.
		{sh, "/", kindDate, `(?:{MON}/{DAY}|{DAY}/{MON})`, dayMonthCtx},
		{sh, ".", kindDate, `{DAY}\.{MON}\.`, dayMonthCtx},
		// Compact 1Q27 and 2H27 need an upper-case letter: "1h30" is a time.
		{sh, "qQ", kindQuarter, `[1-4](?:(?-i:Q)\d{2}|q{S}?{YY}|q{S}?{YEAR})`, nil},
		{sh, "hH", kindHalf, `[12](?:(?-i:H)\d{2}|h{S}?{YY}|h{S}?{YEAR})`, nil},
		// Bare 1H/2H, upper case only: "1h" is an hour, "2H2" a molecule.
		{sh, "H", kindHalf, `[12](?-i:H)`, nil},
		// Bare 1Q-4Q, upper case only as for halves.
		{sh, "Q", kindQuarter, `[1-4](?-i:Q)`, nil},
		{sh, "sntrSNTR", kindQuarter, `[1-4]{ORD}{SD}(?:fiscal{S})?quarter{OFYEAR}`, nil},
		{sh, "sntrSNTR", kindHalf, `[12]{ORD}{SD}half{OFYEAR}`, nil},
		{sh, "sntrSNTR-" + ws, kindDate, `{DAY}{ORD}?(?:{S}of)?(?:{S}|-){MONTH}(?:\.?(?:,?{S}|-)(?:{YEAR}|{YY}))?`, nil},
		// "3 weeks from now", "3 weeks out" (but not "carve 2 weeks out of
		// the plan").
		{sh, "-\xe2" + ws, kindRelative, `\d{1,3}(?:{DASH}\d{1,3})?{S}(?:more{S})?(?:{UNIT}s?|{UABBR})(?:{FROMNOW}|{S}out)`, notBeforeOf},

		// ---- Month names.
		{words(monthWords), "", kindDate, `{MONTH}(?:\.?{S}(?:the{S})?|\.?-|\.){DAY}{ORD}?(?:(?:,?{S}|-)(?:{YEAR}|{YY}))?`, nil},
		{words(monthWords), "", kindMonth, `{MONTH}(?:\.?,?{S}(?:of{S})?|\.?-|\.|/)?(?:{YEAR}|{YY})`, nil},
		{words(monthWords), "", kindMonth, `(?:january|february|april|june|july|september|october|november|december|(?-i:August|AUGUST))`, nil},
		{words(monthWords), "", kindMonth, `{ABBR}\.`, nil},
		{words("may march august"), "", kindMonth, `(?:(?-i:May|MAY|March|MARCH)|august)`, afterTimeWord},
		// A bare abbreviation ("Beta in Sept") needs a capital and a time word.
		{words("jan feb mar apr jun jul aug sep sept oct nov dec"), "", kindMonth, `{ABBR}`, abbrCtx},

		// ---- Weekdays.
		{words(weekdayWords), "", kindDate, `{WEEKDAY},?{S}(?:{MONTH}\.?{S}{DAY}{ORD}?(?:,?{S}{YEAR})?|(?:the{S})?{DAY}{ORD}?(?:{S}of)?{S}{MONTH}\.?(?:,?{S}{YEAR})?)`, nil},
		{words(weekdayWords), "", kindWeekday, `{WEEKDAY}s?`, nil},

		// ---- Quarters, halves, fiscal years.
		{words("q"), "", kindQuarter, `q[1-4]{YSUFFIX}`, nil},
		// Bare H1/H2 only in upper case and never in markup (<h1>, </h2>).
		{words("h"), "", kindHalf, `(?-i:H)[12]`, notMarkup},
		{words("h"), "", kindHalf, `h[12]{YSUF1}`, notMarkup},
		{words("fy"), "", kindFiscal, `{FYX}(?:{S}?[-/]?{S}?(?:q[1-4]|h[12]))?`, nil},
		{words("cy"), "", kindYear, `{CYX}(?:{S}?[-/]?{S}?(?:q[1-4]|h[12]))?`, nil},
		{words("fiscal"), "", kindFiscal, `fiscal{S}(?:year{S})?(?:{YEAR}|{YY})`, nil},
		{words("first second third fourth final"), "", kindQuarter, `(?:first|second|third|fourth|final){SD}(?:fiscal{S})?quarter{OFYEAR}`, nil},
		{words("first second"), "", kindHalf, `(?:first|second){SD}half{OFYEAR}`, nil},
		// "the back half of the year"; "the back half of the room" is clean.
		{words("back front"), "", kindHalf, `(?:back|front){SD}half{OFYEAR1}`, nil},
		{words("eoq"), "", kindQuarter, `eoq`, nil},
		{words("eofy"), "", kindFiscal, `eofy`, nil},
		{words("quarter"), "", kindQuarter, `quarter(?:{S}|-)end`, nil},
		{words("midyear"), "", kindHalf, `midyear`, nil},
		{words("mid"), "", kindHalf, `mid(?:{S}|{DASH})?year`, nil},
		{words("mid"), "", kindQuarter, `mid(?:{S}|{DASH})?quarter`, nil},

		// ---- Relative times.
		{words("today tomorrow yesterday tonight"), "", kindRelative, `(?:today|tomorrow|yesterday|tonight)`, nil},
		{words("eoy eom eow eod"), "", kindRelative, `(?:eoy|eom|eow|eod)`, nil},
		{words("year"), "", kindRelative, `year(?:{S}|-)end`, nil},
		{words("month"), "", kindRelative, `month(?:{S}|-)end`, nil},
		{words("yearend"), "", kindRelative, `yearend`, nil},
		// The month or season may start a longer expression of its own:
		// "Coming May 2027" is the month "May 2027" (see lastWordYields).
		{words(qualWords), "", kindRelative, `{QUAL}{SD}{RELUNIT}`, d.lastWordYields},
		// Abbreviated: "this qtr", "next wk", "next Q". A bare Q must be
		// upper case and not start "Q&A" (see notQAndA), and "the last
		// Q" may be the last question.
		{words(qualWords), "", kindRelative, `(?:{QUAL}{S}(?:qtr|wk|mth|yr)|(?:next|this|coming|following|upcoming|current){S}(?-i:Q))`, notQAndA},
		{words(qualWords), "", kindRelative, `{QUAL}{S}{COUNT}{S}(?:more{S})?{UNIT}s?`, nil},
		{words(qualWords), "", kindRelative, `{QUAL}{S}(?:{UNIT}s|{DIGUNIT})`, nil},
		{words("later"), "", kindRelative, `later{S}(?:this|next|in{S}the){S}{RELUNIT}`, d.lastWordYields},
		// One pattern small enough to run fast, so inCtx rejects a unit
		// right after "in" ("in weeks") and an abbreviated unit after
		// anything but a number ("in a mo").
		{words("in within"), "", kindRelative, `(?:in|within){S}(?:(?:the{S})?(?:next|coming|following|upcoming){S})?(?:{COUNT}{S}?(?:more{S})?)?(?:{UNIT}s?|{UABBR})`, inCtx},
		// "within weeks", "within the year"; "within minutes" and "within
		// hours" are service levels, not timing.
		{words("within"), "", kindRelative, `within{S}(?:days|weeks|months|(?:the|this){S}(?:year|quarter|half|month))`, nil},
		{words("in over during"), "", kindRelative, `(?:in|over|during){S}the{S}(?:new{S}year|(?:coming{S})?(?:days|weeks|months|quarters|years|year){S}(?:ahead|to{S}come))`, nil},
		{words("days weeks months quarters years year"), "", kindRelative, `(?:days|weeks|months|quarters|years|year){S}(?:ahead|to{S}come)`, afterThe},
		{words("over"), "", kindRelative, `over{S}the{S}(?:next|coming|following|upcoming|past|last){S}(?:{COUNT}{S}(?:more{S})?)?{UNIT}s?`, nil},
		{words("over"), "", kindRelative, `over{S}the{S}(?:next|coming|following|upcoming|past|last){S}{DIGUNIT}`, nil},
		{words("by before after until till over during around ahead"), "", kindRelative, `(?:by|before|after|until|till|over|during|around|ahead{S}of){S}the{S}(?:holidays?(?:{S}season)?|new{S}year)`, nil},
		{words(countWords), "", kindRelative, `{COUNT}{S}(?:more{S})?{UNIT}s?(?:{FROMNOW}|{S}out)`, notBeforeOf},
		// "at the turn of the year"; "a turn of phrase" is clean.
		{words("turn"), "", kindRelative, `turn{SD}of{SD}the{SD}(?:year|quarter|month)`, nil},
		{words(unitWords), "", kindRelative, `{UNIT}s?{FROMNOW}`, nil},
		{words("mid"), "", kindRelative, `mid(?:{S}|{DASH})?(?:month|week|sprint)`, nil},
		{words("early late"), "", kindRelative, `(?:early|late)(?:{S}in)?{S}the{S}(?:year|month|week|quarter|sprint|season)`, nil},

		// ---- early/late/mid + something.
		{words("early late mid"), "", kindRelative, `{ELM}(?:next|this|last){S}{RELUNIT}`, d.lastWordYields},
		{words("early late mid"), "", kindYear, `{ELM}(?:(?:19|20)\d0['\x{2019}]?s|{YEAR}|{YY})`, nil},
		{words("early late mid"), "", kindSeason, `{ELM}{SEASON}{SEASONYEAR}?`, nil},
		{words("early late mid"), "", kindMonth, `{ELM}{MONTH}(?:\.?,?{S}{YEAR}|{S}?{YY})?`, nil},
		{words("early late mid"), "", kindQuarter, `{ELM}q[1-4]{YSUFFIX}`, nil},
		{words("early late mid"), "", kindHalf, `{ELM}h[12]{YSUFFIX}`, nil},

		// ---- end/beginning/start/middle of something. "end of (the) day"
		// is left out: "at the end of the day" means "ultimately".
		{words("end beginning start middle"), "", kindQuarter, `{EDGEOF}(?:quarter|q[1-4]{YSUFFIX})`, nil},
		{words("end beginning start middle"), "", kindHalf, `{EDGEOF}h[12]{YSUFFIX}`, nil},
		{words("end beginning start middle"), "", kindYear, `{EDGEOF}{YEAR}`, nil},
		{words("end beginning start middle"), "", kindFiscal, `{EDGEOF}(?:{FYX}|fiscal{S}year)`, nil},
		{words("end beginning start middle"), "", kindMonth, `{EDGEOF}{MONTH}(?:\.?,?{S}{YEAR}|{S}?{YY})?`, nil},
		{words("end beginning start middle"), "", kindSeason, `{EDGEOF}{SEASON}{SEASONYEAR}?`, nil},
		{words("end beginning start middle"), "", kindRelative, `{EDGEOF}(?:(?:fiscal|calendar){S})?(?:weekend|week|month|year|half|sprint|season|holidays?|{WEEKDAY})`, nil},

		// ---- Seasons: with a year, or after a time preposition. Bare
		// season words ("fall back", "the winter theme") stay clean.
		{words(seasonWords), "", kindSeason, `{SEASON}{SEASONYEAR}`, nil},
		// A bare two-digit year from 20 to 39: "summer 27", "Fall-26".
		// "fall" must be capitalized: "prices fall 20 percent".
		{words(seasonWords), "", kindSeason, `(?:spring|summer|autumn|winter|(?-i:Fall|FALL))(?:{S}|-)[23]\d`, nil},
		{words(seasonWords), "", kindSeason, `{SEASON}`, seasonCtx},

		// ---- Holidays. "Easter egg" is a hidden feature, not a date;
		// "New Year" must be capitalized ("a new year of features").
		{words("christmas xmas"), "", kindHoliday, `(?:christmas|xmas)(?:{S}(?:eve|day))?`, nil},
		{words("thanksgiving halloween hanukkah chanukah diwali passover ramadan"), "", kindHoliday, `(?:thanksgiving|halloween|hanukkah|chanukah|diwali|passover|ramadan)`, nil},
		{words("easter"), "", kindHoliday, `easter`, notEasterEgg},
		{words("black"), "", kindHoliday, `black{S}friday`, nil},
		{words("cyber"), "", kindHoliday, `cyber{S}monday`, nil},
		{words("new"), "", kindHoliday, `(?-i:New{S}Year|NEW{S}YEAR)(?:['\x{2019}]?s)?(?:{S}(?:day|eve))?`, nil},
		{words("lunar chinese"), "", kindHoliday, `(?:lunar|chinese){S}new{S}year`, nil},
		{words("labor labour memorial boxing independence"), "", kindHoliday, `(?:labou?r|memorial|boxing|independence){S}day`, nil},
		{words("valentine valentines"), "", kindHoliday, `valentine['\x{2019}]?s{S}day`, nil},
	}
}

// expand replaces {NAME} fragment references (matched by fragRef) until none
// remain. Regexp repetition counts like {2} never match fragRef.
func expand(pat string, frags map[string]string, fragRef *regexp.Regexp) string {
	for range 10 {
		if !fragRef.MatchString(pat) {
			return pat
		}
		pat = fragRef.ReplaceAllStringFunc(pat, func(ref string) string {
			f, ok := frags[ref[1:len(ref)-1]]
			if !ok {
				panic(fmt.Sprintf("datelike: unknown fragment %s", ref))
			}
			return f
		})
	}
	panic("datelike: fragments nest too deep")
}

// gateDefs lists, for keywords that are common English words, the tokens
// (see nextToken) that must follow for any of their rules to match. They
// must stay in step with ruleDefs; TestGates and FuzzFind check that a
// Detector without gates finds exactly the same matches.
func gateDefs() []struct{ keywords, next string } {
	count := "#digit few couple several more of or to " + countWords + " " + unitWords
	relUnits := "weekend week fortnight month quarter half year sprint season holiday fiscal calendar " +
		"q qtr wk mth yr " + seasonWords + " " + weekdayWords + " " + monthWords
	return []struct{ keywords, next string }{
		{countWords, count},
		{"in", "the next coming following upcoming " + count},
		{"within", "the this next coming following upcoming days weeks months " + count},
		{"over", "the"},
		{"by before after until till during around", "the"},
		{"ahead", "of"},
		{unitWords, "from away ago end ahead to"},
		{qualWords, relUnits + " " + count},
		{"back front", "half"},
		{"turn", "of"},
		{"later", "this next in"},
		{"early late mid", "#digit #apos next this last in the q h year quarter month week sprint " + seasonWords + " " + monthWords},
		{"end beginning start middle", "of"},
		{"first second third fourth final", "quarter half fiscal"},
		{"fiscal", "year #digit #apos"},
		{"new lunar chinese", "new year years"},
		{"black", "friday"},
		{"cyber", "monday"},
		{"labor labour memorial boxing independence", "day"},
	}
}

// New compiles the patterns and returns a Detector.
func New() *Detector {
	frags := fragments()
	fragRef := regexp.MustCompile(`\{[A-Z][A-Z0-9]*\}`)
	d := &Detector{words: make(map[string]*trigger)}
	for _, def := range ruleDefs(d) {
		r := &rule{
			re:   regexp.MustCompile(`(?i)^(?:` + expand(def.pat, frags, fragRef) + `)`),
			kind: def.kind,
			ctx:  def.ctx,
		}
		for _, t := range def.triggers {
			switch t {
			case trigYear4, trigShort:
				table := &d.short
				if t == trigYear4 {
					table = &d.year4
				}
				rest, anySep := strings.CutPrefix(def.after, "*")
				for b := range 256 {
					if (anySep && !isAlnum(byte(b))) || (b != 0 && strings.IndexByte(rest, byte(b)) >= 0) {
						table[b] = append(table[b], r)
					}
				}
			default:
				if len(t) > maxKeyLen {
					panic("datelike: keyword too long: " + t)
				}
				if d.words[t] == nil {
					d.words[t] = &trigger{}
					second := 26
					if len(t) > 1 {
						second = int(t[1] - 'a')
					}
					d.keyMask[t[0]-'a'][second] |= 1 << len(t)
				}
				d.words[t].rules = append(d.words[t].rules, r)
			}
		}
	}
	for _, g := range gateDefs() {
		next := make(map[string]bool)
		for _, w := range words(g.next) {
			next[w] = true
		}
		for _, k := range words(g.keywords) {
			if d.words[k] == nil {
				panic("datelike: gate for unknown keyword " + k)
			}
			d.words[k].next = next
		}
	}
	// "may" and "march" are months only when capitalized.
	d.words["may"].capital = true
	d.words["march"].capital = true
	// So is "new"; only "New Year" is a holiday.
	d.words["new"].capital = true
	return d
}
