package chart

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		maxW     float64
		maxLines int
		want     []string
		cut      bool
	}{
		{"fits", "Single sign-on", 200, 2, []string{"Single sign-on"}, false},
		{"empty", "", 200, 2, nil, false},
		{"only spaces", "  \t\n ", 200, 2, nil, false},
		{"wraps at spaces", "Enterprise-ready identity for large customers", 180, 3,
			[]string{"Enterprise-ready", "identity for large", "customers"}, false},
		{"ellipsis past the last line", "one two three four five six seven eight nine ten", 80, 2,
			[]string{"one two", "three fou…"}, true},
		{"long word broken between characters", "Supercalifragilisticexpialidocious", 100, 3,
			[]string{"Supercalifra", "gilisticexpial", "idocious"}, false},
		{"long word broken after its hyphens", "Voice-to-job-notes feasibility", 100, 3,
			[]string{"Voice-to-job-", "notes", "feasibility"}, false},
		{"hyphen piece wider than a line broken between characters", "Supercalifragilistic-expialidocious", 100, 3,
			[]string{"Supercalifra", "gilistic-expia", "lidocious"}, false},
		{"trailing hyphen kept with its word", "Add-on- catalogue", 200, 2, []string{"Add-on- catalogue"}, false},
		{"control characters dropped", "a\x00b\x1bc\u009fd", 200, 1, []string{"abcd"}, false},
		{"white space collapsed", "  a \n\t b  ", 200, 1, []string{"a b"}, false},
		{"no room for one line", "abc", 200, 0, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cut := wrap(tt.in, tt.maxW, sTitle, tt.maxLines)
			if !slices.Equal(got, tt.want) || cut != tt.cut {
				t.Errorf("wrap(%q) = %q, %v; want %q, %v", tt.in, got, cut, tt.want, tt.cut)
			}
			for _, l := range got {
				if w := textWidth(l, sTitle); w > tt.maxW {
					t.Errorf("line %q is %.1f wide, more than %.1f", l, w, tt.maxW)
				}
			}
		})
	}
}

func TestWrapNeverOverflows(t *testing.T) {
	inputs := []string{
		"Платформа надёжности и сокращения инцидентов во всех регионах",
		"統合認証の導入と企業向けの管理機能の強化と監査ログの出力",
		"WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW MMMMMMMMMMMMM",
		"e\u0301e\u0301e\u0301 combining marks and emoji 🚀🚀🚀 in a row",
		strings.Repeat("long ", 5000),
		"\xff\xfe invalid UTF-8 \xc3",
	}
	for _, st := range []style{sTitle, sNote, sMeta, sHead} {
		for _, in := range inputs {
			for _, w := range []float64{20, 60, 150, 276} {
				lines, _ := wrap(in, w, st, 3)
				if len(lines) > 3 {
					t.Fatalf("%d lines for %q", len(lines), in)
				}
				for _, l := range lines {
					if !utf8.ValidString(l) {
						t.Errorf("invalid UTF-8 line %q", l)
					}
					if textWidth(l, st) > w && utf8.RuneCountInString(l) > 2 {
						t.Errorf("style %d width %v: line %q overflows (%.1f)", st, w, l, textWidth(l, st))
					}
				}
			}
		}
	}
}

func TestTextWidthCountsRunesAndWideGlyphs(t *testing.T) {
	tests := []struct {
		name          string
		narrow, wider string
	}{
		{"runes, not bytes", "ééééé", "eeeeee"},
		{"capitals are wider", "abcdef", "ABCDEF"},
		{"wide glyphs are wider", "abcd", "統合認証"},
		{"m is wider than i", "iiii", "mmmm"},
		{"bold is wider", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.narrow == "" {
				if textWidth("Release", sTitle) <= textWidth("Release", sNote)*13/12 {
					t.Error("bold 13px is not wider than regular 13px")
				}
				return
			}
			if a, b := textWidth(tt.narrow, sTitle), textWidth(tt.wider, sTitle); a >= b {
				t.Errorf("width(%q) = %.1f, not less than width(%q) = %.1f", tt.narrow, a, tt.wider, b)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"a longer label here", 8, "a longer…"},
		{"ééééé", 3, "ééé…"},
	}
	for _, tt := range tests {
		if got := shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
