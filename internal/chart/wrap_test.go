package chart

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// wrapBuilt is wrap as it was before its lines became parts of the text:
// each line built in a strings.Builder. TestWrapLinesAreParts and
// FuzzWrapLinesAreParts require wrap to give the same lines.
func wrapBuilt(s string, maxW float64, st style, maxLines int) (lines []string, cut bool) {
	s = clean(s)
	if s == "" || maxLines < 1 {
		return nil, s != ""
	}
	scale := st.size() * weightFactor(st)
	spaceW := runeEm(' ') * scale
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
	}
	rest := s
	for rest != "" {
		word := rest
		next := ""
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			word, next = rest[:i], rest[i+1:]
		}
		wordW := textWidth(word, st)
		switch {
		case line.Len() > 0 && lineW+spaceW+wordW <= maxW:
			line.WriteByte(' ')
			line.WriteString(word)
			lineW += spaceW + wordW
			rest = next
			continue
		case line.Len() > 0:
			flush()
			if len(lines) == maxLines {
				return finishCut(lines, maxW, st), true
			}
		}
		if wordW <= maxW {
			line.WriteString(word)
			lineW = wordW
			rest = next
			continue
		}
		// A word wider than a line is broken after its hyphens where it
		// can be ("Voice-to-job-" / "notes"), and between characters
		// where a piece is still too wide.
		for piece := range hyphenPieces(word) {
			if pw := textWidth(piece, st); line.Len() > 0 && lineW+pw > maxW && pw <= maxW {
				flush()
				if len(lines) == maxLines {
					return finishCut(lines, maxW, st), true
				}
			}
			for _, r := range piece {
				w := runeEm(r) * scale
				if lineW+w > maxW && line.Len() > 0 {
					flush()
					if len(lines) == maxLines {
						return finishCut(lines, maxW, st), true
					}
				}
				line.WriteRune(r)
				lineW += w
			}
		}
		rest = next
	}
	if line.Len() > 0 {
		flush()
	}
	if len(lines) > maxLines {
		return finishCut(lines[:maxLines], maxW, st), true
	}
	return lines, false
}

var wrapSeeds = []string{
	"", "a", "Single sign-on", "  a \n\t b  ", "one two three four five six seven eight nine ten",
	"Supercalifragilisticexpialidocious", "Voice-to-job-notes feasibility", "Supercalifragilistic-expialidocious",
	"Add-on- catalogue", "a\x00b\x1bc\u009fd", "Платформа надёжности и сокращения инцидентов во всех регионах",
	"統合認証の導入と企業向けの管理機能の強化と監査ログの出力", "WWWWWWWWWWWWWWWWWWWWWWWWW MMMMMMMMMMMMM",
	"e\u0301e\u0301e\u0301 combining marks and emoji 🚀🚀🚀 in a row", "\xff\xfe invalid UTF-8 \xc3",
	"--- -a- b--c --", "x-y-z-" + strings.Repeat("w", 60) + "-end",
}

// wrapCase compares wrap with wrapBuilt on s at several widths, styles
// and line counts.
func wrapCase(t *testing.T, s string) {
	for _, st := range []style{sTitle, sLane, sMeta} {
		for _, maxW := range []float64{0, 8, 30, 80, 100, 180, 400} {
			for _, maxLines := range []int{0, 1, 2, 3, 20} {
				got, cut := wrap(s, maxW, st, maxLines)
				want, wantCut := wrapBuilt(s, maxW, st, maxLines)
				if !slices.Equal(got, want) || cut != wantCut {
					t.Fatalf("wrap(%q, %v, %v, %d) = %q, %v; built lines give %q, %v", s, maxW, st, maxLines, got, cut, want, wantCut)
				}
			}
		}
	}
}

// TestWrapLinesAreParts: wrap's lines, parts of the text, are the lines
// a builder made, for the seeds and 300 generated labels.
func TestWrapLinesAreParts(t *testing.T) {
	for _, s := range wrapSeeds {
		wrapCase(t, s)
	}
	words := []string{"Unified", "billing", "for", "field-service", "teams", "Q3", "v2.0", "Ärger", "—", "x", "verylongwordwithoutanybreaks", "a-b-c-d"}
	for i := range 300 {
		var b strings.Builder
		for j := range i%17 + 1 {
			fmt.Fprintf(&b, "%s ", words[(i*7+j*3)%len(words)])
		}
		wrapCase(t, b.String())
	}
}

// FuzzWrapLinesAreParts: wrap and wrapBuilt give the same lines.
func FuzzWrapLinesAreParts(f *testing.F) {
	for _, s := range wrapSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { wrapCase(t, s) })
}

// TestRuneEmTable: the ASCII table gives what runeEmSlow works out, and
// runes past it are worked out.
func TestRuneEmTable(t *testing.T) {
	for r := rune(-1); r < 0x3000; r++ {
		if got, want := runeEm(r), runeEmSlow(r); got != want {
			t.Fatalf("runeEm(%U) = %v, runeEmSlow says %v", r, got, want)
		}
	}
}
