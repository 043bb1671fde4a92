package model

import "testing"

func TestSuggestWindow(t *testing.T) {
	tests := map[string]string{
		"Q3 2027":    `did you mean "2027-Q3"?`,
		"2027q3":     `did you mean "2027-Q3"?`,
		"2027 Q3":    `did you mean "2027-Q3"?`,
		"H2 2027":    `did you mean "2027-H2"?`,
		"2027/h1":    `did you mean "2027-H1"?`,
		"q1-2027":    `did you mean "2027-Q1"?`,
		"2027-Q5":    "quarters are Q1 to Q4 and halves H1 and H2",
		"2027-H3":    "quarters are Q1 to Q4 and halves H1 and H2",
		"2026-11":    `2026-11 is a month; the quarter that holds it is "2026-Q4"`,
		"2027-03-31": `2027-03-31 is a day; the quarter that holds it is "2027-Q1"`,
		"soon":       "",
		"Q3":         "", // no year: nothing to suggest
	}
	for in, want := range tests {
		if got := suggestWindow(in); got != want {
			t.Errorf("suggestWindow(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSuggestEstimate(t *testing.T) {
	tests := map[string]string{
		"3 weeks":  `did you mean "3w"?`,
		"3":        `did you mean "3w"?`,
		"4-6":      `did you mean "4-6w"?`,
		"4w-6w":    `did you mean "4-6w"?`,
		"2 wks":    `did you mean "2w"?`,
		"10 days":  "estimates are in engineer-weeks: 5 working days are 1w",
		"2 months": "estimates are in engineer-weeks: a month is about 4w",
		"big":      "",
		"6-4":      "", // still invalid with a unit: no suggestion
	}
	for in, want := range tests {
		if got := suggestEstimate(in); got != want {
			t.Errorf("suggestEstimate(%q) = %q, want %q", in, got, want)
		}
	}
}
