package chart

import "testing"

var cleanCases = []string{
	"", " ", "a", "Audit log v1", " lead", "trail ", "two  spaces", "tab\there", "new\nline",
	"bell\x07", "del\x7f", "nbsp\u00a0x", "é accent", "\u2028sep", "a b c d", "~!@#$%^&*()_+{}|:\"<>?",
	"\xff invalid", "x\u200by", "  ", "a ", " a",
}

// TestCleanShortcut: clean's shortcut returns what the full walk
// (cleanCopy) returns.
func TestCleanShortcut(t *testing.T) {
	kept := 0
	for _, s := range cleanCases {
		if got, want := clean(s), cleanCopy(s); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
		if isClean(s) {
			kept++
		}
	}
	if kept < 4 {
		t.Errorf("only %d cases take the shortcut", kept)
	}
}

// FuzzCleanShortcut: clean's shortcut returns what the full walk returns.
func FuzzCleanShortcut(f *testing.F) {
	for _, s := range cleanCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := clean(s), cleanCopy(s); got != want {
			t.Fatalf("clean(%q) = %q, want %q", s, got, want)
		}
	})
}
