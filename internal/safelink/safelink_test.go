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

func TestEscapes(t *testing.T) {
	tests := []struct {
		dest   string
		depth  int
		escape bool
	}{
		{"../internal/index.html", 0, true},
		{"..", 0, true},
		{"./../x", 0, true},
		{"a/../../x", 0, true},
		{"%2e%2e/internal/", 0, true},
		{"%2E%2e/internal/", 0, true},
		{"&#46;&#46;/internal/", 0, true},
		{"..\\internal\\", 0, true},
		{".\t./internal/", 0, true},
		{"../../x", 1, true},
		{"../x", 1, false},
		{"../../x", 2, false},
		{"a/../x", 0, false},
		{"assets/style.css", 0, false},
		{"#now", 0, false},
		{"?q=../../x", 0, false},
		{"x#../../y", 0, false},
		{"/internal/", 0, false},
		{"//example.com/../x", 0, false},
		{"https://example.com/../../x", 0, false},
		{"mailto:a@example.com", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		if got := Escapes(tt.dest, tt.depth); got != tt.escape {
			t.Errorf("Escapes(%q, %d) = %v, want %v", tt.dest, tt.depth, got, tt.escape)
		}
	}
}
