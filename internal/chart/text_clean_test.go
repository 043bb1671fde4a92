package chart

import (
	"strings"
	"testing"
	"unicode"
)

// cleanReference is clean without its shortcut for text already clean.
func cleanReference(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r < 0x20, r >= 0x7f && r < 0xa0, r == 0xfffe, r == 0xffff, r >= 0xd800 && r <= 0xdfff:
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

var cleanCases = []string{
	"", " ", "a", "Audit log v1", " lead", "trail ", "two  spaces", "tab\there", "new\nline",
	"bell\x07", "del\x7f", "nbsp\u00a0x", "é accent", "\u2028sep", "a b c d", "~!@#$%^&*()_+{}|:\"<>?",
	"\xff invalid", "x\u200by", "  ", "a ", " a",
}

// TestCleanShortcut: clean's shortcut returns what the full walk returns.
func TestCleanShortcut(t *testing.T) {
	kept := 0
	for _, s := range cleanCases {
		if got, want := clean(s), cleanReference(s); got != want {
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
		if got, want := clean(s), cleanReference(s); got != want {
			t.Fatalf("clean(%q) = %q, want %q", s, got, want)
		}
	})
}
