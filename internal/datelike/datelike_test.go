package datelike

import (
	"fmt"
	"os"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// findCase is one row of the table: the Kind and Text Find should report for
// in, or Kind "" when nothing must match.
type findCase struct {
	in, kind, text string
}

var positiveCases = []findCase{
	// Numeric dates.
	{"Ships 2026-10-02.", kindDate, "2026-10-02"},
	{"target 2026-10", kindMonth, "2026-10"},
	{"2026/10/02", kindDate, "2026/10/02"},
	{"on 10/02/2026 we", kindDate, "10/02/2026"},
	{"2/10/26", kindDate, "2/10/26"},
	{"due 31.12.2026", kindDate, "31.12.2026"},
	{"due 31.12.26", kindDate, "31.12.26"},
	{"2026.10.02", kindDate, "2026.10.02"},
	{"at 2026-10-02T10:00:00Z sharp", kindDate, "2026-10-02T10:00:00Z"},
	{"2026-10-02T10:00:00.123+02:00", kindDate, "2026-10-02T10:00:00.123+02:00"},
	{"2026-10-02 10:00", kindDate, "2026-10-02 10:00"},
	{"by 10/2026", kindMonth, "10/2026"},
	{"week 2026-W12", kindDate, "2026-W12"},
	{`{"released":"2026-10-02"}`, kindDate, "2026-10-02"},
	// Day and month without a year: a day above 12 cannot be a common
	// fraction; otherwise a time word must come first.
	{"Ready by 3/15", kindDate, "3/15"},
	{"on 12/25", kindDate, "12/25"},
	{"by 15/3", kindDate, "15/3"},
	{"3/15", kindDate, "3/15"},
	{"ships 12/25.", kindDate, "12/25"},
	{"by 1/2", kindDate, "1/2"},
	{"due 4/5", kindDate, "4/5"},
	{"starting 11/3 for everyone", kindDate, "11/3"},
	{"15.3.", kindDate, "15.3."},
	{"Ready 15.3. then", kindDate, "15.3."},
	{"Launch: 15.3.", kindDate, "15.3."},
	{"Ready by 15.3.", kindDate, "15.3."},

	// Month names.
	{"Jan 2027", kindMonth, "Jan 2027"},
	{"planned for Oct. and later", kindMonth, "Oct."},
	{"Sep 15", kindDate, "Sep 15"},
	{"on 15 Sep", kindDate, "15 Sep"},
	{"in September", kindMonth, "September"},
	{"January", kindMonth, "January"},
	{"starting december", kindMonth, "december"},
	{"May 2027", kindMonth, "May 2027"},
	{"May 15", kindDate, "May 15"},
	{"3 March", kindDate, "3 March"},
	{"in May", kindMonth, "May"},
	{"by March we ship", kindMonth, "March"},
	{"between March and May", kindMonth, "March"},
	{"from April to May", kindMonth, "April"},
	{"mid-May", kindMonth, "mid-May"},
	{"until August", kindMonth, "August"},
	{"until august", kindMonth, "august"},
	{"the August release", kindMonth, "August"},
	{"end of March", kindMonth, "end of March"},
	{"September 15th, 2026", kindDate, "September 15th, 2026"},
	{"Sept. 2026", kindMonth, "Sept. 2026"},
	{"Jan '27", kindMonth, "Jan '27"},
	{"JAN 2027", kindMonth, "JAN 2027"},
	{"15th of March 2027", kindDate, "15th of March 2027"},
	{"1 Jun 2026", kindDate, "1 Jun 2026"},
	{"Dec 1-3", kindDate, "Dec 1"},
	{"Beta in Sept", kindMonth, "Sept"},
	{"Sept.", kindMonth, "Sept."},
	{"in Dec", kindMonth, "Dec"},
	{"GA by Mar", kindMonth, "Mar"},
	{"until Nov, then", kindMonth, "Nov"},
	{"after Jan", kindMonth, "Jan"},
	{"mid-Sept", kindMonth, "mid-Sept"},
	{"end of Oct", kindMonth, "end of Oct"},
	{"Coming May 2027", kindMonth, "May 2027"},
	{"Coming June 2027", kindMonth, "June 2027"},
	{"coming June 15", kindDate, "June 15"},
	{"Coming May", kindRelative, "Coming May"},

	// Weekdays.
	{"every Monday", kindWeekday, "Monday"},
	{"on Sundays", kindWeekday, "Sundays"},
	{"Friday, October 2, 2026", kindDate, "Friday, October 2, 2026"},
	{"wednesday", kindWeekday, "wednesday"},

	// Quarters.
	{"Q1", kindQuarter, "Q1"},
	{"in Q3 2026", kindQuarter, "Q3 2026"},
	{"2027-Q1", kindQuarter, "2027-Q1"},
	{"Q3'26", kindQuarter, "Q3'26"},
	{"Q3’26", kindQuarter, "Q3’26"},
	{"Q3-27", kindQuarter, "Q3-27"},
	{"2026Q4", kindQuarter, "2026Q4"},
	{"1Q27", kindQuarter, "1Q27"},
	{"Q1 FY27", kindQuarter, "Q1 FY27"},
	{"first quarter", kindQuarter, "first quarter"},
	{"the fourth quarter of 2026", kindQuarter, "fourth quarter of 2026"},
	{"3rd quarter", kindQuarter, "3rd quarter"},
	{"next quarter", kindRelative, "next quarter"},
	{"by end of quarter", kindQuarter, "end of quarter"},
	{"EOQ", kindQuarter, "EOQ"},
	{"quarter-end close", kindQuarter, "quarter-end"},
	{"Q3FY27", kindQuarter, "Q3FY27"},
	{"Q3 FY 27", kindQuarter, "Q3 FY 27"},
	{"Q3.2027", kindQuarter, "Q3.2027"},
	{"Q3 CY27", kindQuarter, "Q3 CY27"},
	{"Q3 next year", kindQuarter, "Q3 next year"},
	{"Q1 of this year", kindQuarter, "Q1 of this year"},
	{"3Q", kindQuarter, "3Q"},
	{"in 4Q.", kindQuarter, "4Q"},
	{"3Q reagent", kindQuarter, "3Q"},
	{"3Q26", kindQuarter, "3Q26"},
	{"3Q 2026", kindQuarter, "3Q 2026"},
	{"first-quarter", kindQuarter, "first-quarter"},
	{"3rd-quarter", kindQuarter, "3rd-quarter"},
	{"next-quarter", kindRelative, "next-quarter"},
	{"next Q", kindRelative, "next Q"},
	{"ships this Q.", kindRelative, "this Q"},
	{"next qtr", kindRelative, "next qtr"},
	{"this qtr", kindRelative, "this qtr"},
	{"last qtr", kindRelative, "last qtr"},
	{"next wk", kindRelative, "next wk"},

	// Halves.
	{"H1", kindHalf, "H1"},
	{"2026-H1", kindHalf, "2026-H1"},
	{"1H27", kindHalf, "1H27"},
	{"in 2H", kindHalf, "2H"},
	{"2H", kindHalf, "2H"},
	{"1H", kindHalf, "1H"},
	{"planned for 2H.", kindHalf, "2H"},
	{"2H 2026", kindHalf, "2H 2026"},
	{"H2'26", kindHalf, "H2'26"},
	{"first half", kindHalf, "first half"},
	{"second half of the year", kindHalf, "second half of the year"},
	{"mid-year", kindHalf, "mid-year"},
	{"midyear", kindHalf, "midyear"},
	{"second-half", kindHalf, "second-half"},
	{"first-half results", kindHalf, "first-half"},
	{"H2FY27", kindHalf, "H2FY27"},
	{"H2 this year", kindHalf, "H2 this year"},
	{"the back half of the year", kindHalf, "back half of the year"},
	{"back-half of 2027", kindHalf, "back-half of 2027"},
	{"front half of next year", kindHalf, "front half of next year"},

	// Fiscal years.
	{"FY27", kindFiscal, "FY27"},
	{"FY2027", kindFiscal, "FY2027"},
	{"FY 2027", kindFiscal, "FY 2027"},
	{"fiscal 2027", kindFiscal, "fiscal 2027"},
	{"FY27 Q2", kindFiscal, "FY27 Q2"},

	// Calendar years.
	{"CY27", kindYear, "CY27"},
	{"CY2027", kindYear, "CY2027"},
	{"CY 2027", kindYear, "CY 2027"},
	{"cy'27", kindYear, "cy'27"},
	{"CY27 Q3", kindYear, "CY27 Q3"},

	// Years.
	{"2027", kindYear, "2027"},
	{"in 2026", kindYear, "2026"},
	{"2026-2027", kindYear, "2026"},
	{"the 2020s", kindYear, "2020s"},
	{"the '90s", kindYear, "'90s"},
	{"Launching in '27", kindYear, "'27"},
	{"by ’27", kindYear, "’27"},
	{"mid-2026", kindYear, "mid-2026"},
	{"early 2027", kindYear, "early 2027"},
	{"late '26", kindYear, "late '26"},
	{"1999", kindYear, "1999"},
	// Known trade-off: a plain count in the year range reads as a year.
	{"2000 users", kindYear, "2000"},

	// Relative times.
	{"today", kindRelative, "today"},
	{"Tomorrow", kindRelative, "Tomorrow"},
	{"yesterday's build", kindRelative, "yesterday"},
	{"tonight", kindRelative, "tonight"},
	{"next week", kindRelative, "next week"},
	{"this month", kindRelative, "this month"},
	{"last year", kindRelative, "last year"},
	{"the coming sprint", kindRelative, "coming sprint"},
	{"the following quarter", kindRelative, "following quarter"},
	{"next spring", kindRelative, "next spring"},
	{"this fall", kindRelative, "this fall"},
	{"next half", kindRelative, "next half"},
	{"this season", kindRelative, "this season"},
	{"next Tuesday", kindRelative, "next Tuesday"},
	{"next fiscal year", kindRelative, "next fiscal year"},
	{"later this year", kindRelative, "later this year"},
	{"later this quarter", kindRelative, "later this quarter"},
	{"early next year", kindRelative, "early next year"},
	{"end of the week", kindRelative, "end of the week"},
	{"end of year", kindRelative, "end of year"},
	{"end-of-month", kindRelative, "end-of-month"},
	{"year-end", kindRelative, "year-end"},
	{"year end", kindRelative, "year end"},
	{"EOY", kindRelative, "EOY"},
	{"EOM", kindRelative, "EOM"},
	{"in 3 weeks", kindRelative, "in 3 weeks"},
	{"in two months", kindRelative, "in two months"},
	{"in a month", kindRelative, "in a month"},
	{"within a few weeks", kindRelative, "within a few weeks"},
	{"weeks from now", kindRelative, "weeks from now"},
	{"3 weeks from now", kindRelative, "3 weeks from now"},
	{"a few weeks from now", kindRelative, "a few weeks from now"},
	{"two years ago", kindRelative, "two years ago"},
	{"in the coming weeks", kindRelative, "in the coming weeks"},
	{"in the coming months", kindRelative, "in the coming months"},
	{"in the next few weeks", kindRelative, "in the next few weeks"},
	{"over the next 6 months", kindRelative, "over the next 6 months"},
	{"over the next two months", kindRelative, "over the next two months"},
	{"next 6 months", kindRelative, "next 6 months"},
	{"by the holidays", kindRelative, "by the holidays"},
	{"mid-month", kindRelative, "mid-month"},
	{"early in the year", kindRelative, "early in the year"},
	{"Coming this fall", kindRelative, "this fall"},
	{"in the new year", kindRelative, "in the new year"},
	{"by the New Year", kindRelative, "by the New Year"},
	{"over the holidays", kindRelative, "over the holidays"},
	{"this-year", kindRelative, "this-year"},
	{"next-year", kindRelative, "next-year"},
	{"next-week", kindRelative, "next-week"},
	{"within weeks", kindRelative, "within weeks"},
	{"within days", kindRelative, "within days"},
	{"within months of launch", kindRelative, "within months"},
	{"within the year", kindRelative, "within the year"},
	{"within this quarter", kindRelative, "within this quarter"},
	{"within 6 months", kindRelative, "within 6 months"},
	{"in the months ahead", kindRelative, "in the months ahead"},
	{"over the coming weeks ahead", kindRelative, "over the coming weeks ahead"},
	{"in the weeks to come", kindRelative, "in the weeks to come"},
	{"during the year ahead", kindRelative, "during the year ahead"},
	{"for the months ahead", kindRelative, "months ahead"},
	{"the years to come", kindRelative, "years to come"},
	{"two months out", kindRelative, "two months out"},
	{"3 weeks out", kindRelative, "3 weeks out"},
	{"a few weeks out from GA", kindRelative, "a few weeks out"},
	{"in a fortnight", kindRelative, "in a fortnight"},
	{"next fortnight", kindRelative, "next fortnight"},
	{"in 2 wks", kindRelative, "in 2 wks"},
	{"in 2wks", kindRelative, "in 2wks"},
	{"in 6 mo", kindRelative, "in 6 mo"},
	{"in 6mo", kindRelative, "in 6mo"},
	{"in 6 mos", kindRelative, "in 6 mos"},
	{"in 6 mths", kindRelative, "in 6 mths"},
	{"in 2 yrs", kindRelative, "in 2 yrs"},
	{"in 2 qtrs", kindRelative, "in 2 qtrs"},
	{"next 6 mos", kindRelative, "next 6 mos"},
	{"3 wks from now", kindRelative, "3 wks from now"},
	{"in ninety days", kindRelative, "in ninety days"},
	{"in twenty-five days", kindRelative, "in twenty-five days"},
	{"in forty five days", kindRelative, "in forty five days"},
	{"in eighteen months", kindRelative, "in eighteen months"},
	{"in a hundred days", kindRelative, "in a hundred days"},
	{"in one hundred days", kindRelative, "in one hundred days"},
	{"within thirty days", kindRelative, "within thirty days"},
	{"sixty days from now", kindRelative, "sixty days from now"},
	{"at the turn of the year", kindRelative, "turn of the year"},
	{"turn-of-the-year freeze", kindRelative, "turn-of-the-year"},

	// Holidays.
	{"by Christmas", kindHoliday, "Christmas"},
	{"before Thanksgiving", kindHoliday, "Thanksgiving"},
	{"after Easter", kindHoliday, "Easter"},
	{"by Black Friday", kindHoliday, "Black Friday"},
	{"Cyber Monday deals", kindHoliday, "Cyber Monday"},
	{"Lunar New Year", kindHoliday, "Lunar New Year"},
	{"New Year", kindHoliday, "New Year"},
	{"before New Year's Eve", kindHoliday, "New Year's Eve"},
	{"christmas tree lights", kindHoliday, "christmas"},
	{"by Labor Day", kindHoliday, "Labor Day"},
	{"Valentine's Day promo", kindHoliday, "Valentine's Day"},

	// Seasons.
	{"summer 2027", kindSeason, "summer 2027"},
	{"Fall '26", kindSeason, "Fall '26"},
	{"by summer", kindSeason, "summer"},
	{"in winter", kindSeason, "winter"},
	{"in the fall, we ship", kindSeason, "fall"},
	{"early spring", kindSeason, "early spring"},
	{"late summer 2027", kindSeason, "late summer 2027"},
	{"Winter 2026 release", kindSeason, "Winter 2026"},
	{"Summer '27", kindSeason, "Summer '27"},
	{"Summer ’27", kindSeason, "Summer ’27"},
	{"summer of '27", kindSeason, "summer of '27"},
	{"Fall ’26", kindSeason, "Fall ’26"},
	{"late summer of ’27", kindSeason, "late summer of ’27"},
	{"this Fall 2026", kindSeason, "Fall 2026"},
	{"summer 27", kindSeason, "summer 27"},
	{"Fall 26", kindSeason, "Fall 26"},
	{"Summer-27 launch", kindSeason, "Summer-27"},
	{"winter 30", kindSeason, "winter 30"},

	// Unicode spacing and dashes.
	{"May\u00a02027", kindMonth, "May\u00a02027"},
	{"mid\u2013May", kindMonth, "mid\u2013May"},
	{"café 2026", kindYear, "2026"},
	// Every Unicode space separator is a space, and invisible format
	// characters are ignored; Text keeps the original bytes.
	{"next\u2009quarter", kindRelative, "next\u2009quarter"},
	{"in\u202f3\u202fweeks", kindRelative, "in\u202f3\u202fweeks"},
	{"second\u2002half", kindHalf, "second\u2002half"},
	{"next\u3000week", kindRelative, "next\u3000week"},
	{"next\u1680year", kindRelative, "next\u1680year"},
	{"next\u2028year", kindRelative, "next\u2028year"},
	{"next\u0085year", kindRelative, "next\u0085year"},
	{"next\vyear", kindRelative, "next\vyear"},
	{"20\u00ad27", kindYear, "20\u00ad27"},
	{"Q\u00ad3", kindQuarter, "Q\u00ad3"},
	{"2\u200b0\u200c2\u200d7", kindYear, "2\u200b0\u200c2\u200d7"},
	{"Q3\u2060 2026", kindQuarter, "Q3\u2060 2026"},
	{"\ufeffMay 2027\ufeff", kindMonth, "May 2027"},
	{"\u200bQ3\u200b", kindQuarter, "Q3"},
	{"\u202a2027\u202c", kindYear, "2027"},
	{"Ma\u200ey 2027", kindMonth, "Ma\u200ey 2027"},
	{"in 3\ufe0f weeks", kindRelative, "in 3\ufe0f weeks"},
	{"20\x0027", kindYear, "20\x0027"},
	{"café\u2009“next\u00a0week”", kindRelative, "next\u00a0week"},
	{"Ｑ３\u3000２０２６", kindQuarter, "Ｑ３\u3000２０２６"},
	{"by ２０２７", kindYear, "２０２７"},
	// Digits of other scripts and styles read as ASCII digits; a run of
	// superscript, subscript or circled digits reads as a number, one
	// after a word or number as a footnote.
	{"Q٣ ٢٠٢٧", kindQuarter, "Q٣ ٢٠٢٧"},
	{"by ۲۰۲۷", kindYear, "۲۰۲۷"},
	{"launch २०२७", kindYear, "२०२७"},
	{"২০২৭", kindYear, "২০২৭"},
	{"๒๐๒๗", kindYear, "๒๐๒๗"},
	{"FY௨௭", kindFiscal, "FY௨௭"},
	{"٢٠٢٦-١٠-٠٢", kindDate, "٢٠٢٦-١٠-٠٢"},
	{"in ३ weeks", kindRelative, "in ३ weeks"},
	{"20٢٧", kindYear, "20٢٧"},
	{"𝟐𝟎𝟐𝟕", kindYear, "𝟐𝟎𝟐𝟕"},
	{"Q𝟛 𝟮𝟬𝟮𝟳", kindQuarter, "Q𝟛 𝟮𝟬𝟮𝟳"},
	{"H𝟸", kindHalf, "H𝟸"},
	{"Launch ²⁰²⁷", kindYear, "²⁰²⁷"},
	{"₂₀₂₇", kindYear, "₂₀₂₇"},
	{"②⓪②⑦", kindYear, "②⓪②⑦"},
	{"❷⓿❷❼", kindYear, "❷⓿❷❼"},
	{"in ③ weeks", kindRelative, "in ③ weeks"},
	{"next quarter¹", kindRelative, "next quarter"},
	{"Q3 2027¹", kindQuarter, "Q3 2027"},
	{"by 2027², then", kindYear, "2027"},
	{"GA ٢٠٢٧³", kindYear, "٢٠٢٧"},
	{"Launch\n²⁰²⁷", kindYear, "²⁰²⁷"},
	{"(²⁰²⁷)", kindYear, "²⁰²⁷"},
	// Circled numbers up to 50 read as their digits, under the same rule;
	// parenthesized numbers and numbers with a full stop read as NFKC
	// writes them ("⒖" is "15.").
	{"Coming ⑳㉗", kindYear, "⑳㉗"},
	{"⓴㉗", kindYear, "⓴㉗"},
	{"by ⑳㊱", kindYear, "⑳㊱"},
	{"➁⓪➁➆", kindYear, "➁⓪➁➆"},
	{"in ⑫ weeks", kindRelative, "in ⑫ weeks"},
	{"⑫/㉕", kindDate, "⑫/㉕"},
	{"Ready ⒖⒊ then", kindDate, "⒖⒊"},
	// Letters of the mathematical alphabets (and the letterlike symbols
	// that fill their holes) and fullwidth letters read as ASCII letters.
	{"𝐌𝐚𝐫𝐜𝐡 𝟐𝟎𝟐𝟕", kindMonth, "𝐌𝐚𝐫𝐜𝐡 𝟐𝟎𝟐𝟕"},
	{"GA in 𝐐𝟑", kindQuarter, "𝐐𝟑"},
	{"𝚀𝟹", kindQuarter, "𝚀𝟹"},
	{"ℚ𝟛 𝟚𝟘𝟚𝟟", kindQuarter, "ℚ𝟛 𝟚𝟘𝟚𝟟"},
	{"ℌ𝟐", kindHalf, "ℌ𝟐"},
	{"ℳ𝒶𝓎 𝟤𝟢𝟤𝟩", kindMonth, "ℳ𝒶𝓎 𝟤𝟢𝟤𝟩"},
	{"𝔇𝔢𝔠𝔢𝔪𝔟𝔢𝔯", kindMonth, "𝔇𝔢𝔠𝔢𝔪𝔟𝔢𝔯"},
	{"𝑖𝑛 𝟑 𝑤𝑒𝑒𝑘𝑠", kindRelative, "𝑖𝑛 𝟑 𝑤𝑒𝑒𝑘𝑠"},
	{"𝗡𝗲𝘅𝘁 𝗾𝘂𝗮𝗿𝘁𝗲𝗿", kindRelative, "𝗡𝗲𝘅𝘁 𝗾𝘂𝗮𝗿𝘁𝗲𝗿"},
	{"Ｍａｒｃｈ ２０２７", kindMonth, "Ｍａｒｃｈ ２０２７"},
	{"Ｑ３ ２０２７", kindQuarter, "Ｑ３ ２０２７"},
	// The hyphen and non-breaking hyphen are dashes like '-'.
	{"neXt\u2011quArter", kindRelative, "neXt\u2011quArter"},
	{"next\u2010year", kindRelative, "next\u2010year"},
}

var negativeCases = []string{
	"SAML 2.0",
	"OAuth 2",
	"HTTP/2",
	"IPv6",
	"99.99% uptime",
	"24/7 support",
	"SOC 2",
	"ISO 27001",
	"ISO 8601",
	"p95 latency under 200 ms",
	"5xx errors",
	"Q&A",
	"quarterly business reviews",
	"this quarterly report",
	"halve the time",
	"we may add",
	"May we suggest a fix?",
	"march forward",
	"teams march on",
	"fall back to SMS",
	"prices fall",
	"the winter theme",
	"in the winter theme",
	"the fall",
	"it's '27 here",
	"'27",
	"2048-bit keys",
	"up to 2048 characters",
	"spring cleaning",
	"built in Spring Boot",
	"the month view of your calendar",
	"in the month view",
	"annual plans",
	"monthly invoices",
	"weekly digest",
	"1,200 customers",
	"2,000 users",
	"version 3.2",
	"version 2026.1.0",
	"H.264",
	"Q-learning",
	"a secondsary",
	"mayday",
	"Decision log",
	"Junior",
	"Marching",
	"Octopus",
	"Augment",
	"an august institution",
	"Jan joined the team",
	"10 teams",
	"3 weeks of effort",
	"12 months of history",
	"v2027",
	"1.2027",
	"120270",
	"ES2020 modules",
	"$2000 credit",
	"color: #2026",
	"timeout of 2000 ms",
	`<svg viewBox="0 0 2000 1000">`,
	"<h1>Roadmap</h1>",
	"h1 { font-size: 2em }",
	"10.0.0.1",
	"release 1.2.26",
	"call 555-2026",
	"takes 1h30",
	"next steps",
	"the last mile",
	"next day delivery",
	"at the end of the day",
	"end of life",
	"cut it in a quarter of the time",
	"2FA and SSO",
	"a half-day workshop",
	"3.5x faster",
	"top 10 features",
	"in-app messages",
	"first-class support",
	"the second time",
	"summer intern program",
	"Python 3.12",
	"UTF-8",
	// Fractions, ratios, paths and versions next to day/month numbers.
	"1/2 of customers",
	"50/50 split",
	"3/4 of teams",
	"x/y",
	"1/2",
	"3/4 done",
	"2/3 majority",
	"by 1/2 of the cost",
	"on 3/4 of teams",
	"24/7/365",
	"available 24/7",
	"a 1/16 inch gap",
	"16/9 aspect ratio",
	"the 12/24 hour clock",
	"/items/12/25/edit",
	"scored 15/30",
	"Python 3.12.",
	"Postgres 16.2.",
	"Ubuntu 22.04.",
	"WCAG 2.2.",
	"section 1.3.",
	"grew by 1.5.",
	"on 1.3.",
	"Elasticsearch 15.3.",
	"x**3/16 + x",
	"16/8 == 2",
	"15.3.26",
	// Bare month abbreviations need a capital and a time word.
	"Sept",
	"Dec",
	"talk to Jan",
	"Reported by Jan Novak",
	"print it in dec and hex",
	"in oct",
	"to mar the launch",
	// Holiday look-alikes.
	"Easter egg",
	"hidden easter eggs",
	"an Easter-egg hunt",
	"Easter Island",
	"a new year of features",
	"New features",
	"the Black Friars",
	"cyber security",
	// Halves.
	"2H2",
	"H2O",
	"takes 1h",
	"2h of work",
	"4H club",
	// "Coming" without a time.
	"Coming soon",
	// Look-alikes of the quarter, calendar-year and abbreviation rules.
	"3q",
	"5Q",
	"Q3.1",
	"Q3.5 release",
	"CYCLE",
	"cy",
	"Cypress",
	"qtrly report",
	"mo",
	"just a mo",
	"back in a mo",
	"in Amo ",
	"in amonth",
	"3 mo",
	"next Q&A session",
	"our next Q & A",
	"this Q/A round",
	"next Q-learning model",
	"the last Q was about pricing",
	"2 wks of work",
	// Relative phrases that describe effort, speed or the past.
	"within minutes",
	"alerts within hours",
	"in the months since launch",
	"months ahead of schedule",
	"weeks ahead of the competition",
	"years to complete",
	"carve two weeks out of the plan",
	"three weeks out of four",
	"turn of phrase",
	"a turn of the screw",
	"back half of the room",
	"the back half",
	"front half of the page",
	"first-class support",
	"next-gen editor",
	"last-minute changes",
	"in twenty steps",
	"one hundred users",
	"ninety percent",
	// Seasons with a number that is not a year.
	"prices fall 20 percent",
	"spring 5",
	"Spring 6.1",
	"summer 10",
	"winter 2",
	// Unicode spaces and format characters outside dates.
	"SAML\u20092.0",
	"24\u200b/7 support",
	"we\u00a0may\u2009add",
	"\u200b\u200c\u200d\u2060\ufeff\u00ad",
	"in\u2009the\u2009winter\u2009theme",
	"ＳＡＭＬ ２.０",
	// Digits of other scripts and styles outside dates.
	"SAML ٢.٠",
	"٢٤/٧ support",
	"ISO ٢٧٠٠١",
	"v٢٠٢٧",
	"H₂O",
	"CO₂ per request",
	"x² + y²",
	"10⁶ requests",
	"E=mc²",
	"step ① then ②",
	"see note² on page 12³",
	"H₂ storage tanks",
	"step ⑫ then ⑬",
	"⑴ ⑵ ⑶",
	"⒈ Ship SSO ⒉ Audit log",
	"x⑳ + y⑳",
	"𝐒𝐀𝐌𝐋 𝟐.𝟎",
	"𝟐𝟒/𝟕 𝐬𝐮𝐩𝐩𝐨𝐫𝐭",
	"𝑤𝑒 𝑚𝑎𝑦 𝑎𝑑𝑑",
	"𝐰𝐞𝐞𝐤𝐥𝐲 𝐝𝐢𝐠𝐞𝐬𝐭",
	"ℝ² and ℤ₂",
	"ℎ𝜈 = 𝐸",
}

func TestFind(t *testing.T) {
	d := New()
	for _, c := range positiveCases {
		m, ok := d.Find(c.in)
		if !ok {
			t.Errorf("Find(%q): no match, want %s %q", c.in, c.kind, c.text)
			continue
		}
		if m.Kind != c.kind || m.Text != c.text {
			t.Errorf("Find(%q) = %s %q, want %s %q", c.in, m.Kind, m.Text, c.kind, c.text)
		}
		if c.in[m.Start:m.End] != m.Text {
			t.Errorf("Find(%q): Start/End %d:%d do not give Text %q", c.in, m.Start, m.End, m.Text)
		}
	}
	for _, in := range negativeCases {
		if m, ok := d.Find(in); ok {
			t.Errorf("Find(%q) = %s %q, want no match", in, m.Kind, m.Text)
		}
	}
}

func TestFindAll(t *testing.T) {
	d := New()
	s := "Ship in Q3 2026, then GA by March (next year at the latest) or in 3 weeks; 2026-10-02T10:00Z, Mon."
	want := []Match{
		{Start: 8, End: 15, Text: "Q3 2026", Kind: kindQuarter},
		{Start: 28, End: 33, Text: "March", Kind: kindMonth},
		{Start: 35, End: 44, Text: "next year", Kind: kindRelative},
		{Start: 63, End: 73, Text: "in 3 weeks", Kind: kindRelative},
		{Start: 75, End: 92, Text: "2026-10-02T10:00Z", Kind: kindDate},
	}
	got := d.FindAll(s)
	if !slices.Equal(got, want) {
		t.Fatalf("FindAll:\n got %+v\nwant %+v", got, want)
	}
	if d.FindAll("nothing to see here") != nil {
		t.Error("FindAll on clean text should return nil")
	}
}

// TestFindAllForms checks where matches in styled and decorated text start
// and end: a character read as several ("⑳" as "20", "🄁" as "0,") is
// inside a match whole, even when the match takes only part of its text.
func TestFindAllForms(t *testing.T) {
	d := New()
	for _, c := range []struct {
		in   string
		want []Match
	}{
		{"Coming ⑳㉗", []Match{{Start: 7, End: 13, Text: "⑳㉗", Kind: kindYear}}},
		{"𝐌𝐚𝐫𝐜𝐡 𝟐𝟎𝟐𝟕!", []Match{{Start: 0, End: 37, Text: "𝐌𝐚𝐫𝐜𝐡 𝟐𝟎𝟐𝟕", Kind: kindMonth}}},
		{"GA in 𝐐𝟑.", []Match{{Start: 6, End: 14, Text: "𝐐𝟑", Kind: kindQuarter}}},
		{"Ｑ３ ２０２７", []Match{{Start: 0, End: 19, Text: "Ｑ３ ２０２７", Kind: kindQuarter}}},
		{"by ⒛⒓ at the latest", []Match{{Start: 3, End: 9, Text: "⒛⒓", Kind: kindDate}}},
		{"②⓪②🄁 plan", []Match{{Start: 0, End: 13, Text: "②⓪②🄁", Kind: kindYear}}},
		{"Ship ℚ𝟛, ⑳\u00ad㉗ or in ⑫ weeks", []Match{
			{Start: 5, End: 12, Text: "ℚ𝟛", Kind: kindQuarter},
			{Start: 14, End: 22, Text: "⑳\u00ad㉗", Kind: kindYear},
			{Start: 26, End: 38, Text: "in ⑫ weeks", Kind: kindRelative},
		}},
	} {
		if got := d.FindAll(c.in); !slices.Equal(got, c.want) {
			t.Errorf("FindAll(%q):\n got %+v\nwant %+v", c.in, got, c.want)
		}
	}
}

// TestRemap checks how matches found on the normalized copy map back: a
// character whose text in the copy the match only partly covers is taken
// whole, at either end, and removed characters are left outside.
func TestRemap(t *testing.T) {
	for _, c := range []struct {
		in       string
		copyText []string // the matches' text in the copy
		want     []string // and in the original
	}{
		{"x ⒇ y", []string{"20"}, []string{"⒇"}},
		{"②⓪②🄁 plan", []string{"2020"}, []string{"②⓪②🄁"}},
		{"\u00ad⑳\u200b ok", []string{"20"}, []string{"⑳"}},
		{"⑴ and ⒛", []string{"1", "20"}, []string{"⑴", "⒛"}},
		{"𝐐𝟑 ⑳㉗", []string{"Q3", "2027"}, []string{"𝐐𝟑", "⑳㉗"}},
	} {
		norm, _ := normalize(c.in)
		var ms []Match
		from := 0
		for _, text := range c.copyText {
			k := from + strings.Index(norm[from:], text)
			ms = append(ms, Match{Start: k, End: k + len(text)})
			from = k + len(text)
		}
		remap(c.in, ms)
		for i, m := range ms {
			if m.Text != c.want[i] || c.in[m.Start:m.End] != m.Text {
				t.Errorf("%+q: match %q in %+q maps to %d:%d %+q, want %+q", c.in, c.copyText[i], norm, m.Start, m.End, m.Text, c.want[i])
			}
		}
	}
}

// TestFindAllAdjacent checks that touching matches are split, not merged or
// dropped.
func TestFindAllAdjacent(t *testing.T) {
	d := New()
	got := d.FindAll("Q1/Q2 2026-2027, H1–H2")
	var texts []string
	for _, m := range got {
		texts = append(texts, m.Text)
	}
	want := []string{"Q1", "Q2 2026", "2027", "H1", "H2"}
	if !slices.Equal(texts, want) {
		t.Fatalf("FindAll texts = %q, want %q", texts, want)
	}
}

// TestGates checks that the keyword gates (a cheap look at the next word
// before running any regexp) never change the result.
func TestGates(t *testing.T) {
	gated, open := New(), New()
	open.noGates = true
	inputs := []string{benchText()}
	for _, c := range positiveCases {
		inputs = append(inputs, c.in, "x "+c.in+" y", strings.ToUpper(c.in))
	}
	inputs = append(inputs, negativeCases...)
	// Every three-word phrase over a vocabulary of keywords and the tokens
	// they expect, joined by a space or a hyphen.
	vocab := strings.Fields("in within a few couple more next this last early mid end of the first half " +
		"quarter fiscal year by over later weeks month from now ago away 3 15 2026 Q3 H1 FY27 May March " +
		"Sep summer fall '26 2-3 10/2026 1st 31.12 Monday holidays " +
		"New Year Black Friday Sept 2H 3/15 1/2 15.3. Coming")
	// Later keywords and tokens, mixed with the most common of the above:
	// the whole cube would take seconds.
	more := strings.Fields("ahead out to come fortnight days wks 6mo qtr Q CY27 3Q back front turn ninety hundred twenty five " +
		"in within a next this last the of half quarter year weeks months 3 2026 Q3")
	if testing.Short() {
		vocab, more = vocab[:12], more[:12]
	}
	for _, v := range [][]string{vocab, more} {
		for _, a := range v {
			for _, b := range v {
				for _, c := range v {
					inputs = append(inputs, a+" "+b+" "+c, a+"-"+b+" "+c)
				}
			}
		}
	}
	for _, in := range inputs {
		if g, o := gated.FindAll(in), open.FindAll(in); !slices.Equal(g, o) {
			t.Errorf("FindAll(%q): gated %+v, ungated %+v", in, g, o)
		}
	}
}

// TestInvisible checks that every positive case is still found, with the
// same kind, when its spaces are other Unicode spaces or when invisible
// characters are put between all its characters, and that Start and End
// then span the original text without a leading or trailing invisible
// character.
func TestInvisible(t *testing.T) {
	d := New()
	spaces := []string{"\u2009", "\u202f", "\u2002", "\u3000", "\u205f"}
	invisible := []string{"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\ufe0f"}
	for _, c := range positiveCases {
		for _, sp := range spaces {
			in := strings.ReplaceAll(c.in, " ", sp)
			checkVariant(t, d, in, c.kind, strings.ReplaceAll(c.text, " ", sp), sp)
		}
		for _, inv := range invisible {
			var b strings.Builder
			for _, r := range c.in {
				b.WriteRune(r)
				b.WriteString(inv)
			}
			checkVariant(t, d, b.String(), c.kind, c.text, inv)
		}
	}
	for _, in := range negativeCases {
		for _, sp := range spaces {
			if m, ok := d.Find(strings.ReplaceAll(in, " ", sp)); ok {
				t.Errorf("Find(%q with %+q for spaces) = %s %q, want no match", in, sp, m.Kind, m.Text)
			}
		}
	}
}

// checkVariant checks the match in in, a variant of a positive case whose
// text, with extra removed, is text.
func checkVariant(t *testing.T, d *Detector, in, kind, text, extra string) {
	t.Helper()
	m, ok := d.Find(in)
	if !ok {
		t.Errorf("Find(%+q): no match, want %s %q", in, kind, text)
		return
	}
	if in[m.Start:m.End] != m.Text {
		t.Errorf("Find(%+q): Start/End %d:%d do not give Text %+q", in, m.Start, m.End, m.Text)
	}
	if got := strings.ReplaceAll(m.Text, extra, ""); m.Kind != kind || got != strings.ReplaceAll(text, extra, "") {
		t.Errorf("Find(%+q) = %s %+q, want %s %+q", in, m.Kind, m.Text, kind, text)
	}
	if strings.HasPrefix(m.Text, extra) || (strings.HasSuffix(m.Text, extra) && !strings.HasSuffix(text, extra)) {
		t.Errorf("Find(%+q) = %+q, starts or ends with %+q", in, m.Text, extra)
	}
	if all := d.FindAll(in); len(all) == 0 || all[0] != m {
		t.Errorf("FindAll(%+q)[0] differs from Find %+v", in, m)
	}
}

// TestNormalizeASCII checks the eight-bytes-at-a-time scan in normalize:
// every ASCII byte at every position of a longer text is kept or rewritten
// as refNormalize says.
func TestNormalizeASCII(t *testing.T) {
	for c := range 0x80 {
		for pos := range 12 {
			b := []byte("abcdefghijklmnopq")
			b[pos] = byte(c)
			got, _ := normalize(string(b))
			if want := refNormalize(string(b)); got != want {
				t.Errorf("normalize(%+q) = %+q, want %+q", b, got, want)
			}
		}
	}
}

// TestNormalizeDigits checks normalize against refNormalize where digits
// of other scripts and decorated digits meet letters, digits, spaces and
// invisible characters, and that normalizing twice changes nothing more.
func TestNormalizeDigits(t *testing.T) {
	for _, in := range []string{
		"Q٣ ٢٠٢٧", "²⁰²⁷", "x²", "x\u200b²", "²\u200bx", "x\n²", "x \u00ad²", "2027¹²", "¹²2027",
		"H₂O", "₂\u200d₀₂₇", "Ｑ３²", "＿²", "é²", "e\u0301²", "x\u034f²", "𝐐𝟑", "②⓪②⑦", "❶🄌➊🄋➀",
		"\u202e٧٢٠٢\u202c", "٢\ufe0f٠", "²\x00³", "\t⁴\v⁵\f⁶\r⁷\u0085⁸",
		"⑳㉗", "x⑳", "⑳x", "2027⑳", "⑳\u200b㉗", "⑴⒈🄁⒇", "𝐌𝐚𝐫𝐜𝐡", "ℎℚ²", "𝐐⑳", "Ｍａｒｃｈ",
	} {
		got, _ := normalize(in)
		if want := refNormalize(in); got != want {
			t.Errorf("normalize(%+q) = %+q, want %+q", in, got, want)
		}
		if again, _ := normalize(got); again != got {
			t.Errorf("normalize(%+q) = %+q, but normalized again %+q", in, got, again)
		}
	}
}

// refNormalize is an independent statement of the normalization the
// detector applies (see normalize.go), for valid UTF-8.
func refNormalize(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		form := refForms()[r]
		switch {
		case r == '\u00a0' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f':
			b.WriteRune(r)
		case r == '\v' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case '\uff01' <= r && r <= '\uff5e':
			b.WriteRune(r - 0xfee0)
		case refDropped(r):
		case unicode.IsDigit(r):
			b.WriteByte(byte('0' + refDigit(r)))
		case form.letter || form.text != "" && !refBesideWord(rs, i):
			b.WriteString(form.text)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// refDropped reports whether refNormalize leaves r out.
func refDropped(r rune) bool {
	return !unicode.IsSpace(r) && (unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point))
}

// refDigit is the value of the decimal digit r: Unicode encodes decimal
// digits in runs of ten from zero, so it is the number of digits right
// before r, modulo ten.
func refDigit(r rune) int {
	n := 0
	for unicode.IsDigit(r - rune(n) - 1) {
		n++
	}
	return n % 10
}

// refForm is what testdata/forms.txt says a reader reads a character as.
type refForm struct {
	text   string
	letter bool // a letter, read as text wherever it stands
}

// refForms returns testdata/forms.txt, which Python's unicodedata
// generated, by character.
var refForms = sync.OnceValue(func() map[rune]refForm { return loadRefForms("testdata/forms.txt") })

// loadRefForms reads a file in the format of testdata/forms.txt.
func loadRefForms(name string) map[rune]refForm {
	data, err := os.ReadFile(name)
	if err != nil {
		panic(err)
	}
	forms := make(map[rune]refForm)
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		r, err := strconv.ParseUint(f[0], 16, 32)
		if err != nil || len(f) != 4 {
			panic(fmt.Sprintf("%s: bad line %q", name, line))
		}
		forms[rune(r)] = refForm{text: f[2], letter: strings.HasPrefix(f[1], "L")}
	}
	return forms
}

// refBesideWord reports whether a letter, digit, nonspacing mark or
// underscore comes right before or after rs[i], ignored characters aside.
func refBesideWord(rs []rune, i int) bool {
	word := func(r rune) bool {
		return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
	}
	for j := i - 1; j >= 0; j-- {
		if !refDropped(rs[j]) {
			if word(rs[j]) {
				return true
			}
			break
		}
	}
	for j := i + 1; j < len(rs); j++ {
		if !refDropped(rs[j]) {
			return word(rs[j])
		}
	}
	return false
}

// TestDigits checks the values normalize gives to decimal digits other
// than ASCII (unicode.Nd, whose table must keep holding whole runs of ten
// for decimal to be right) against refDigit, and that nothing else is read
// as a decimal digit. TestForms checks the decorated ones.
func TestDigits(t *testing.T) {
	for _, r := range unicode.Nd.R16 {
		if r.Stride != 1 || (r.Hi-r.Lo+1)%10 != 0 {
			t.Errorf("unicode.Nd range %U-%U (stride %d) is not whole runs of ten", r.Lo, r.Hi, r.Stride)
		}
	}
	for _, r := range unicode.Nd.R32 {
		if r.Stride != 1 || (r.Hi-r.Lo+1)%10 != 0 {
			t.Errorf("unicode.Nd range %U-%U (stride %d) is not whole runs of ten", r.Lo, r.Hi, r.Stride)
		}
	}
	for _, digits := range []string{"٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "০১২৩৪৫৬৭৮৯", "๐๑๒๓๔๕๖๗๘๙", "௦௧௨௩௪௫௬௭௮௯", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "𝟶𝟷𝟸𝟹𝟺𝟻𝟼𝟽𝟾𝟿"} {
		for v, r := range []rune(digits) {
			if got := decimal(r); got != v {
				t.Errorf("decimal(%q) = %d, want %d", r, got, v)
			}
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := -1
		if unicode.IsDigit(r) && r > '9' {
			want = refDigit(r)
		}
		if got := decimal(r); got != want {
			t.Fatalf("decimal(%U) = %d, want %d", r, got, want)
		}
	}
}

// TestForms checks numberForm and letterForm, for every rune, against
// testdata/forms.txt (generated from Python's unicodedata: NFKC forms and
// numeric values), and against a few cases spelled out.
func TestForms(t *testing.T) {
	forms := refForms()
	if len(forms) < 800 {
		t.Fatalf("testdata/forms.txt holds %d characters, want all of them", len(forms))
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		ref := forms[r]
		wantNumber, wantLetter := ref.text, ""
		if ref.letter {
			wantNumber, wantLetter = "", ref.text
		}
		if number, letter := numberForm(r), letterText(r); number != wantNumber || letter != wantLetter {
			t.Errorf("%U %c: numberForm %q, letterForm %q, want %q, %q", r, r, number, letter, wantNumber, wantLetter)
		}
	}
	for k := 1; k < len(numberForms); k++ {
		if numberForms[k].lo <= numberForms[k-1].hi {
			t.Errorf("numberForms[%d] %U is out of order", k, numberForms[k].lo)
		}
	}
	for _, c := range []struct {
		in, want string
	}{
		{"⑩⑳㉑㉟㊱㊿", "10 20 21 35 36 50"},
		{"⑴⒇⒈⒛🄀🄁🄊", "(1) (20) 1. 20. 0. 0, 9,"},
		{"⓫⓴⓵⓾⓿❶❿➀➉➊➓🄋🄌", "11 20 1 10 0 1 10 1 10 1 10 0 0"},
		{"¹²³⁰⁹₀₉①⑨⓪", "1 2 3 0 9 0 9 1 9 0"},
		{"𝐀𝐳𝑨𝒛𝒜𝓏𝔄𝖟𝔸𝕫𝖠𝗓𝘈𝙯𝚀𝚣", "A z A z A z A z A z A z A z Q z"},
		{"ℎℬℰℱℋℐℒℳℛℯℊℴℭℌℑℜℨℂℍℕℙℚℝℤ", "h B E F H I L M R e g o C H I R Z C H N P Q R Z"},
		// Kept: not a Latin letter or digit, or no NFKC form and no
		// numeric value, or a hole (unassigned) in the alphabets.
		{"ℓ℘ℹⅅⅆK℃ⅫⒶⓠ🄰🅐㉈𝚤𝚥𝚨𝛂𝟊\U0001d455\U0001d49d", ""},
	} {
		var got []string
		for _, r := range c.in {
			if text := numberForm(r) + letterText(r); text != "" {
				got = append(got, text)
			}
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%+q reads %q, want %q", c.in, g, c.want)
		}
	}
}

// letterText returns letterForm(r) as text, or "".
func letterText(r rune) string {
	if c := letterForm(r); c != 0 {
		return string(rune(c))
	}
	return ""
}

// TestRuleSize keeps every pattern within the size Go's regexp runs with
// its backtracker (500 instructions, maxBacktrackProg in regexp/backtrack.go);
// a larger one runs on the NFA, several times slower.
func TestRuleSize(t *testing.T) {
	frags := fragments()
	fragRef := regexp.MustCompile(`\{[A-Z][A-Z0-9]*\}`)
	for _, def := range ruleDefs(New()) {
		re, err := syntax.Parse(`(?i)^(?:`+expand(def.pat, frags, fragRef)+`)`, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		if n := len(prog.Inst); n > 500 {
			t.Errorf("pattern %s compiles to %d instructions, more than 500", def.pat, n)
		}
	}
}

// TestConcurrent exercises one Detector from many goroutines; run with -race.
func TestConcurrent(t *testing.T) {
	d := New()
	text := benchText()
	want := d.FindAll(text)
	done := make(chan []Match)
	for range 8 {
		go func() { done <- d.FindAll(text) }()
	}
	for range 8 {
		if got := <-done; !slices.Equal(got, want) {
			t.Fatal("concurrent FindAll differs")
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, c := range positiveCases {
		f.Add(c.in)
	}
	for _, in := range negativeCases {
		f.Add(in)
	}
	f.Add(benchText()[:2000])
	f.Add("Q\u00ad3\u2009next\u200byear, in\u202f3\u3000weeks \ufeff20\u200d27\u2060")
	f.Add("Q٣ ٢٠٢٧, ²⁰²⁷¹ H₂O 2027² x\u200b²\u200b⓪ ②\u200b⓪②⑦ \u202e7202\u202c 20\u200f \u200f27 𝟐𝟎𝟐𝟕")
	f.Add("Coming ⑳㉗, 𝐌𝐚𝐫𝐜𝐡 𝟐𝟎𝟐𝟕 ℚ𝟛 Ｍａｒｃｈ ⒖⒊ ②⓪②🄁 ⑴⑵ x⑳ ⒛\u200b⒛")
	d, open := New(), New()
	open.noGates = true
	f.Fuzz(func(t *testing.T, s string) {
		all := d.FindAll(s)
		if o := open.FindAll(s); !slices.Equal(all, o) {
			t.Fatalf("gated %+v, ungated %+v", all, o)
		}
		prev := 0
		for i, m := range all {
			if m.Start < prev || m.Start >= m.End || m.End > len(s) {
				t.Fatalf("match %d %+v out of order or bounds (prev end %d, len %d)", i, m, prev, len(s))
			}
			if s[m.Start:m.End] != m.Text {
				t.Fatalf("match %d: s[%d:%d] = %q, Text %q", i, m.Start, m.End, s[m.Start:m.End], m.Text)
			}
			if m.Kind == "" {
				t.Fatalf("match %d has no Kind", i)
			}
			prev = m.End
		}
		// Matches on text with invisible characters and Unicode spaces are
		// the matches on its normalized form, mapped back.
		if utf8.ValidString(s) {
			norm := d.FindAll(refNormalize(s))
			if len(norm) != len(all) {
				t.Fatalf("%d matches, %d on the normalized text %+v", len(all), len(norm), norm)
			}
			for i, m := range all {
				if m.Kind != norm[i].Kind || !refCovers(m.Text, norm[i].Text) {
					t.Fatalf("match %d %+v, on the normalized text %+v", i, m, norm[i])
				}
				first, _ := utf8.DecodeRuneInString(m.Text)
				last, _ := utf8.DecodeLastRuneInString(m.Text)
				if refNormalize(string(first)) == "" || refNormalize(string(last)) == "" {
					t.Fatalf("match %d %+q starts or ends with an ignored character", i, m.Text)
				}
			}
		}
		first, ok := d.Find(s)
		if ok != (len(all) > 0) {
			t.Fatalf("Find ok=%v but FindAll has %d matches", ok, len(all))
		}
		if ok && first != all[0] {
			t.Fatalf("Find = %+v, FindAll[0] = %+v", first, all[0])
		}
	})
}

// refCovers reports whether text, a match in the original, normalizes to
// want, the match on the normalized text, give or take the part of the
// text of its first and last characters that the match leaves out ("🄁"
// reads "0,", and the match "2020" in "②⓪②🄁" covers it whole).
func refCovers(text, want string) bool {
	got := refNormalize(text)
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	head, tail := len(refNormalize(string(first))), len(refNormalize(string(last)))
	for k := 0; k == 0 || k < head && k <= len(got); k++ {
		if rest := len(got) - k - len(want); strings.HasPrefix(got[k:], want) && (rest == 0 || 0 < rest && rest < tail) {
			return true
		}
	}
	return false
}

// benchText returns about 10 KB of product copy of the kind a roadmap page
// carries, with a few dates mixed in.
func benchText() string {
	paras := []string{
		"Faster dashboards: we are rebuilding the query engine so that large workspaces load in under 200 ms at p95. Teams with more than 1,200 projects told us the overview felt sluggish, and this work removes the N+1 queries behind it.",
		"Single sign-on with SAML 2.0 and OAuth 2 for every plan. Admins can enforce SSO, map groups to roles, and audit logins. We may add SCIM provisioning after we learn how teams use group mapping.",
		"Offline mode for the mobile apps lets field teams capture notes, photos and signatures without a connection; changes sync when the device is back online and conflicts are shown side by side.",
		"Weekly digest emails summarise what changed in the projects you follow, with a link to each update. You can switch to a daily digest or turn digests off from your notification settings.",
		"The new month view of your calendar shows capacity per person, highlights overbooked days and lets you drag work between people. It replaces the old timeline for most planning tasks.",
		"Usage-based billing: annual plans and monthly invoices will show usage per workspace, with alerts before you pass a threshold. Finance teams asked for CSV exports and an API, and both are in scope.",
		"Reliability: we target 99.99% uptime with 24/7 support for Enterprise customers, and publish incident reviews. SOC 2 Type II and ISO 27001 reports are available on request under NDA.",
		"Templates for quarterly business reviews help account teams prepare decks from live data instead of screenshots, so numbers stay current when the review is shared.",
		"Accessibility: every screen will meet WCAG 2.2 AA. Keyboard navigation, focus order and screen-reader labels are being audited, and we are fixing issues in order of impact.",
		"We are exploring an assistant that drafts status updates from recent activity. It is early, and we will share more once we have tested it with design partners in Q3 2026.",
		"Fall back to SMS when push notifications fail, so on-call engineers never miss a page. Delivery receipts show which channel reached each person.",
		"Workflow automation: trigger actions on status changes, due-date moves and new comments, with a visual builder and a log of every run for debugging. Errors in the 5xx range are retried with backoff.",
	}
	var b strings.Builder
	for i := 0; b.Len() < 10*1024; i++ {
		b.WriteString(paras[i%len(paras)])
		b.WriteString("\n\n")
	}
	return b.String()
}

func BenchmarkFindAll(b *testing.B) {
	d := New()
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d.FindAll(text)
	}
}

// BenchmarkFindAllMarkup measures number-heavy markup (SVG paths, CSS, JSON),
// the slow case for a detector keyed on digits.
func BenchmarkFindAllMarkup(b *testing.B) {
	d := New()
	unit := `<svg viewBox="0 0 24 24"><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8z"/></svg>
.card{margin:0 0 16px;padding:12px 24px;z-index:10;transition:opacity .2s ease-in-out;color:#1a2b3c;font-size:1.125rem}
h1,h2{line-height:1.2}@media (min-width:768px){.grid{grid-template-columns:repeat(3,1fr)}}
{"items":[{"id":"a1b2","title":"Faster dashboards","status":"in progress","order":3,"weight":0.75}]}
`
	text := strings.Repeat(unit, 20)
	if m := d.FindAll(text); len(m) != 0 {
		b.Fatalf("markup should be clean, got %+v", m[0])
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d.FindAll(text)
	}
}
