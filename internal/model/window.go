package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quarter counts quarters from year 0: year*4 + (quarter-1). Consecutive
// quarters are consecutive numbers, so windows compare as integers.
type Quarter int

// QuarterOf returns the quarter of year y, number q (1-4).
func QuarterOf(y, q int) Quarter { return Quarter(y*4 + q - 1) }

// Year returns the calendar year of q.
func (q Quarter) Year() int { return int(q) / 4 }

// Number returns 1 to 4.
func (q Quarter) Number() int { return int(q)%4 + 1 }

// String formats q as "2026-Q4".
func (q Quarter) String() string { return fmt.Sprintf("%d-Q%d", q.Year(), q.Number()) }

// Window is a target window: a quarter, a half or a year. The zero Window
// means no window was given.
type Window struct {
	// Text is the window as written ("2027-H1").
	Text string
	// Start and End are the first and last quarter of the window.
	Start, End Quarter
}

// IsZero reports whether no window was given.
func (w Window) IsZero() bool { return w.Text == "" }

// Contains reports whether quarter q falls inside w.
func (w Window) Contains(q Quarter) bool { return !w.IsZero() && w.Start <= q && q <= w.End }

const windowSyntax = `expected a quarter ("2026-Q4"), a half ("2027-H1") or a year ("2027"); a window is never a day`

// ParseWindow parses "YYYY-Qn", "YYYY-Hn" or "YYYY".
func ParseWindow(s string) (Window, error) {
	year, rest, _ := strings.Cut(s, "-")
	y, err := strconv.Atoi(year)
	if err != nil || len(year) != 4 || y < 1900 || y > 2999 {
		return Window{}, fmt.Errorf("invalid window %q: %s", s, windowSyntax)
	}
	w := Window{Text: s}
	switch {
	case rest == "" && !strings.Contains(s, "-"):
		w.Start, w.End = QuarterOf(y, 1), QuarterOf(y, 4)
	case len(rest) == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4':
		w.Start = QuarterOf(y, int(rest[1]-'0'))
		w.End = w.Start
	case len(rest) == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2'):
		h := int(rest[1] - '0')
		w.Start, w.End = QuarterOf(y, 2*h-1), QuarterOf(y, 2*h)
	default:
		return Window{}, fmt.Errorf("invalid window %q: %s", s, windowSyntax)
	}
	return w, nil
}

// ParseQuarter parses "YYYY-Qn".
func ParseQuarter(s string) (Quarter, error) {
	w, err := ParseWindow(s)
	if err != nil || w.Start != w.End {
		return 0, fmt.Errorf("invalid quarter %q: expected a quarter such as \"2026-Q4\"", s)
	}
	return w.Start, nil
}

// Estimate is effort in engineer-weeks, a single figure or a range. The zero
// Estimate means no estimate was given.
type Estimate struct {
	// Text is the estimate as written ("4-6w").
	Text      string
	Low, High float64
}

// IsZero reports whether no estimate was given.
func (e Estimate) IsZero() bool { return e.Text == "" }

// Mid returns the midpoint of the range.
func (e Estimate) Mid() float64 { return (e.Low + e.High) / 2 }

const estimateSyntax = `expected engineer-weeks such as "3w" or a range such as "4-6w"`

// MaxEstimate bounds an estimate: an item larger than this many
// engineer-weeks is a program, not an item.
const MaxEstimate = 10000

// ParseEstimate parses "3w", "2.5w" or "4-6w" (spaces allowed around the
// numbers).
func ParseEstimate(s string) (Estimate, error) {
	bad := func(why string) (Estimate, error) {
		return Estimate{}, fmt.Errorf("invalid estimate %q: %s", s, why)
	}
	body, ok := strings.CutSuffix(strings.TrimSpace(s), "w")
	if !ok {
		body, ok = strings.CutSuffix(strings.TrimSpace(s), "W")
	}
	if !ok {
		return bad(estimateSyntax)
	}
	lo, hi, isRange := strings.Cut(body, "-")
	low, err := parseWeeks(lo)
	if err != nil {
		return bad(estimateSyntax)
	}
	high := low
	if isRange {
		if high, err = parseWeeks(hi); err != nil {
			return bad(estimateSyntax)
		}
	}
	switch {
	case low <= 0:
		return bad("effort must be more than zero")
	case high < low:
		return bad("the low end is above the high end")
	case high > MaxEstimate:
		return bad(fmt.Sprintf("more than %d engineer-weeks; split the item", MaxEstimate))
	}
	return Estimate{Text: s, Low: low, High: high}, nil
}

func parseWeeks(s string) (float64, error) {
	s = strings.TrimSpace(s)
	dots := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '.':
			dots++
		case s[i] < '0' || s[i] > '9':
			return 0, fmt.Errorf("not a number")
		}
	}
	if s == "" || dots > 1 || s[0] == '.' || s[len(s)-1] == '.' {
		return 0, fmt.Errorf("not a number")
	}
	return strconv.ParseFloat(s, 64)
}

// suggestWindow guesses what an invalid window meant: "Q3 2027", "2027q3"
// and "H2 2027" become "2027-Q3" and "2027-H2"; a day or month becomes the
// quarter that holds it. It returns a hint, or "".
func suggestWindow(s string) string {
	u := strings.ToUpper(strings.TrimSpace(s))
	var year, part string
	for _, f := range strings.FieldsFunc(u, func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '_' }) {
		switch {
		case len(f) == 4 && isDigits(f):
			year = f
		case len(f) == 2 && (f[0] == 'Q' || f[0] == 'H') && isDigits(f[1:]):
			part = f
		case len(f) == 6 && isDigits(f[:4]) && (f[4] == 'Q' || f[4] == 'H') && isDigits(f[5:]):
			year, part = f[:4], f[4:]
		case len(f) == 6 && (f[0] == 'Q' || f[0] == 'H') && isDigits(f[1:]):
			year, part = f[2:], f[:2]
		}
	}
	if year != "" && part != "" {
		if (part[0] == 'Q' && (part[1] < '1' || part[1] > '4')) || (part[0] == 'H' && part[1] != '1' && part[1] != '2') {
			return "quarters are Q1 to Q4 and halves H1 and H2"
		}
		return fmt.Sprintf("did you mean %q?", year+"-"+part)
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return fmt.Sprintf("%s is a day; the quarter that holds it is %q", s, QuarterOf(t.Year(), int(t.Month()-1)/3+1).String())
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return fmt.Sprintf("%s is a month; the quarter that holds it is %q", s, QuarterOf(t.Year(), int(t.Month()-1)/3+1).String())
	}
	return ""
}

// suggestEstimate guesses what an invalid estimate meant: "3 weeks", "3",
// "4-6" and "4w-6w" become "3w" and "4-6w". It returns a hint, or "".
func suggestEstimate(s string) string {
	l := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.Contains(l, "day"):
		return "estimates are in engineer-weeks: 5 working days are 1w"
	case strings.Contains(l, "month"):
		return "estimates are in engineer-weeks: a month is about 4w"
	}
	for _, unit := range []string{"weeks", "week", "wks", "wk"} {
		l = strings.ReplaceAll(l, unit, "w")
	}
	l = strings.ReplaceAll(strings.ReplaceAll(l, " ", ""), "w-", "-")
	if !strings.HasSuffix(l, "w") {
		l += "w"
	}
	if e, err := ParseEstimate(l); err == nil && e.Text != s {
		return fmt.Sprintf("did you mean %q?", l)
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
