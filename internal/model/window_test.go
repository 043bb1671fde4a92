package model

import "testing"

func TestParseWindow(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
		err        bool
	}{
		{in: "2026-Q4", start: "2026-Q4", end: "2026-Q4"},
		{in: "2027-Q1", start: "2027-Q1", end: "2027-Q1"},
		{in: "2027-H1", start: "2027-Q1", end: "2027-Q2"},
		{in: "2027-H2", start: "2027-Q3", end: "2027-Q4"},
		{in: "2027", start: "2027-Q1", end: "2027-Q4"},
		{in: "2026-10-01", err: true},
		{in: "2026-10", err: true},
		{in: "2026-Q5", err: true},
		{in: "2026-Q0", err: true},
		{in: "2026-H3", err: true},
		{in: "2026-q4", err: true},
		{in: "Q4-2026", err: true},
		{in: "26-Q4", err: true},
		{in: "2026-", err: true},
		{in: "", err: true},
		{in: "+2026", err: true},
	}
	for _, tt := range tests {
		w, err := ParseWindow(tt.in)
		if tt.err {
			if err == nil {
				t.Errorf("ParseWindow(%q) accepted", tt.in)
			}
			continue
		}
		if err != nil || w.Start.String() != tt.start || w.End.String() != tt.end || w.Text != tt.in {
			t.Errorf("ParseWindow(%q) = %v..%v, %v; want %s..%s", tt.in, w.Start, w.End, err, tt.start, tt.end)
		}
	}
	if _, err := ParseQuarter("2027-H1"); err == nil {
		t.Error("a half is not a quarter")
	}
	w, _ := ParseWindow("2027-H1")
	q, _ := ParseQuarter("2027-Q2")
	if !w.Contains(q) || w.Contains(q+1) || (Window{}).Contains(q) {
		t.Error("Contains is wrong")
	}
}

func TestParseEstimate(t *testing.T) {
	tests := []struct {
		in        string
		low, high float64
		err       string
	}{
		{in: "3w", low: 3, high: 3},
		{in: "4-6w", low: 4, high: 6},
		{in: "2.5w", low: 2.5, high: 2.5},
		{in: " 4 - 6 w", low: 4, high: 6},
		{in: "6", err: `invalid estimate "6": expected engineer-weeks such as "3w" or a range such as "4-6w"`},
		{in: "6-4w", err: `invalid estimate "6-4w": the low end is above the high end`},
		{in: "0w", err: `invalid estimate "0w": effort must be more than zero`},
		{in: "3d", err: `invalid estimate "3d": expected engineer-weeks such as "3w" or a range such as "4-6w"`},
		{in: "nanw", err: `invalid estimate "nanw": expected engineer-weeks such as "3w" or a range such as "4-6w"`},
		{in: "infw", err: `invalid estimate "infw": expected engineer-weeks such as "3w" or a range such as "4-6w"`},
		{in: "1e3w", err: `invalid estimate "1e3w": expected engineer-weeks such as "3w" or a range such as "4-6w"`},
		{in: "-3w", err: `invalid estimate "-3w": expected engineer-weeks such as "3w" or a range such as "4-6w"`},
		{in: "1-2-3w", err: `invalid estimate "1-2-3w": expected engineer-weeks such as "3w" or a range such as "4-6w"`},
		{in: "20000w", err: `invalid estimate "20000w": more than 10000 engineer-weeks; split the item`},
	}
	for _, tt := range tests {
		e, err := ParseEstimate(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseEstimate(%q) error = %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || e.Low != tt.low || e.High != tt.high {
			t.Errorf("ParseEstimate(%q) = %v-%v, %v", tt.in, e.Low, e.High, err)
		}
	}
	if m := (Estimate{Low: 4, High: 6}).Mid(); m != 5 {
		t.Errorf("Mid = %v", m)
	}
}

func TestFamiliesAndDefaults(t *testing.T) {
	for k, want := range map[Kind]Family{KindFeature: FamilyProduct, KindResearch: FamilyInnovation, KindPlatform: FamilyTech, KindInfrastructure: FamilyTech, KindTechDebt: FamilyTech, KindSecurity: FamilyTech} {
		if got := k.Family(); got != want {
			t.Errorf("%s.Family() = %s, want %s", k, got, want)
		}
	}
	c := DefaultCapacity()
	if c.Share(FamilyProduct) != 60 || c.Share(FamilyTech) != 20 || c.Share(FamilyInnovation) != 10 || c.Share("other") != 0 || len(Families()) != 3 {
		t.Errorf("capacity shares by family: %+v", c)
	}
	for h, want := range map[Horizon]Confidence{HorizonNow: ConfidenceHigh, HorizonNext: ConfidenceMedium, HorizonLater: ConfidenceLow, HorizonShipped: ConfidenceHigh} {
		if got := h.DefaultConfidence(); got != want {
			t.Errorf("%s default confidence = %s, want %s", h, got, want)
		}
	}
}
