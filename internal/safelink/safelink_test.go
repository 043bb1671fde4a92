package safelink

import "testing"

func TestUnsafe(t *testing.T) {
	tests := []struct {
		dest   string
		unsafe bool
	}{
		{"https://example.com", false},
		{"http://example.com/a?b=javascript:x", false},
		{"mailto:a@example.com", false},
		{"/relative/path", false},
		{"../up", false},
		{"#anchor", false},
		{"page?x=1:2", false},
		{"javascript:alert(1)", true},
		{"JavaScript:alert(1)", true},
		{" javascript:alert(1)", true},
		{"java\tscript:alert(1)", true},
		{"java\nscript:alert(1)", true},
		{"&#106;avascript:alert(1)", true},
		{"&#x6A;avascript:alert(1)", true},
		{"jav&#x09;ascript:alert(1)", true},
		{"vbscript:msgbox", true},
		{"VBScript:msgbox", true},
		{"file:///etc/passwd", true},
		{"data:text/html;base64,PHNjcmlwdD4=", true},
		{"DATA:text/html,x", true},
		{"data:image/png;base64,iVBOR", false},
		{"data:image/svg+xml,<svg onload=alert(1)>", true},
	}
	for _, tt := range tests {
		if got := Unsafe(tt.dest); got != tt.unsafe {
			t.Errorf("Unsafe(%q) = %v, want %v", tt.dest, got, tt.unsafe)
		}
	}
}

func TestFeedback(t *testing.T) {
	for u, want := range map[string]bool{
		"https://example.com/feedback": true,
		"http://example.com":           true,
		"mailto:roadmap@example.com":   true,
		"HTTPS://EXAMPLE.COM":          true,
		"javascript:alert(1)":          false,
		"not a url":                    false,
		"https://":                     false,
		"mailto:nobody":                false,
		"ftp://example.com":            false,
		"//example.com":                false,
		"/feedback":                    false,
	} {
		if got := Feedback(u); got != want {
			t.Errorf("Feedback(%q) = %v, want %v", u, got, want)
		}
	}
}
