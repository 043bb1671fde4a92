package diag

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	keys := []string{"title", "kind", "theme", "team", "horizon", "window", "estimate", "depends_on", "public_title"}
	tests := []struct{ word, want string }{
		{"tittle", "title"},
		{"thme", "theme"},
		{"tema", "team"},
		{"horizn", "horizon"},
		{"dependson", "depends_on"},
		{"depends-on", "depends_on"},
		{"publictitle", "public_title"},
		{"windw", "window"},
		{"x", ""},
		{"colour", ""},
		{"title", ""}, // the word itself is no suggestion
		{"est", "estimate"},
		{"Title", "title"},
		{"WINDOW", "window"},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, keys); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Suggest("feat", []string{"feature", "research"}); got != "feature" {
		t.Errorf("abbreviation: got %q", got)
	}
	// Ties go to the first candidate in sort order, whatever the input order.
	if a, b := Suggest("ab", []string{"ac", "aa"}), Suggest("ab", []string{"aa", "ac"}); a != "aa" || b != "aa" {
		t.Errorf("tie: got %q and %q, want aa", a, b)
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"title", "tilte", 1}, {"abc", "abc", 0},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSortedOrderAndDedup(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.md", Line: 1, Col: 1}, "w")
	l.Errorf(Pos{File: "a.md", Line: 10, Col: 2}, "late")
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 9}, "early %d", 1)
	l.Errorf(Pos{File: "a.md", Line: 2, Col: 9}, "early %d", 1)
	l.Warnf(Pos{File: "a.md", Line: 2, Col: 3}, "col")
	var got []string
	for _, d := range l.Sorted() {
		got = append(got, d.Pos.String()+" "+d.Message)
	}
	want := []string{"a.md:2:3 col", "a.md:2:9 early 1", "a.md:10:2 late", "b.md:1:1 w"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if !l.HasErrors() || l.Count(Warning) != 2 {
		t.Errorf("counts wrong: %d warnings", l.Count(Warning))
	}
}

func TestWriteText(t *testing.T) {
	src := Sources{"items/x.md": []byte("+++\n\ttheme = \"ops\"\ntitle = \"é ok\"\n+++\n")}
	ds := []Diagnostic{
		{Pos: Pos{File: "items/x.md", Line: 2, Col: 10}, Severity: Error, Message: `unknown theme "ops"`, Hint: `did you mean "opz"?`},
		{Pos: Pos{File: "items/x.md", Line: 3, Col: 10}, Severity: Warning, Message: "w"},
		{Pos: Pos{File: "items/x.md"}, Severity: Error, Message: "whole file"},
	}
	var b strings.Builder
	if err := WriteAll(&b, ds, Text, src); err != nil {
		t.Fatal(err)
	}
	want := `items/x.md:2:10: error: unknown theme "ops"
 2 |     theme = "ops"
   |             ^
    = hint: did you mean "opz"?
items/x.md:3:10: warning: w
 3 | title = "é ok"
   |          ^
items/x.md: error: whole file
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteGitHubEscapes(t *testing.T) {
	ds := []Diagnostic{{Pos: Pos{File: "a,b:c.md", Line: 3, Col: 4}, Severity: Warning, Message: "50% done\n::error::injected", Hint: "h"}}
	var b strings.Builder
	if err := WriteAll(&b, ds, GitHub, nil); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=a%2Cb%3Ac.md,line=3,col=4::50%25 done%0A::error::injected (h)\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	src := Sources{"r.toml": []byte("a = 1\nb = 2\n")}
	ds := []Diagnostic{{Pos: Pos{File: "r.toml", Line: 2, Col: 1}, Severity: Error, Message: "m"}}
	var b strings.Builder
	if err := WriteAll(&b, ds, JSON, src); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"errors": 1`, `"warnings": 0`, `"file": "r.toml"`, `"line": 2`, `"source": "b = 2"`, `"severity": "error"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b.String())
		}
	}
}

func TestSourcesLine(t *testing.T) {
	s := Sources{"f": []byte("one\r\ntwo\nthree")}
	for n, want := range map[int]string{1: "one", 2: "two", 3: "three"} {
		if got, ok := s.Line("f", n); !ok || got != want {
			t.Errorf("Line(%d) = %q, %v", n, got, ok)
		}
	}
	for _, n := range []int{0, 4, -1} {
		if _, ok := s.Line("f", n); ok {
			t.Errorf("Line(%d) should not exist", n)
		}
	}
	if _, ok := s.Line("nope", 1); ok {
		t.Error("unknown file has no lines")
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range []string{"text", "json", "github"} {
		if _, err := ParseFormat(f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("xml accepted")
	}
}

func TestWriteTextLongAndWideLines(t *testing.T) {
	long := strings.Repeat("a", 500) + "X" + strings.Repeat("b", 500)
	src := Sources{"f": []byte(long + "\n漢字 = \"x\"\r\n")}
	ds := []Diagnostic{
		{Pos: Pos{File: "f", Line: 1, Col: 501}, Message: "long"},
		{Pos: Pos{File: "f", Line: 2, Col: 6}, Message: "wide"},
	}
	var b strings.Builder
	if err := WriteAll(&b, ds, Text, src); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	// The long line is cut to a window around the column, and the caret
	// still sits under the X.
	if len([]rune(lines[1])) > maxExcerpt+10 || !strings.Contains(lines[1], "…") {
		t.Errorf("long line not cut: %d characters", len([]rune(lines[1])))
	}
	if x, caret := strings.IndexRune(lines[1], 'X'), strings.IndexRune(lines[2], '^'); len([]rune(lines[1][:x])) != len([]rune(lines[2][:caret])) {
		t.Errorf("caret not under X:\n%s\n%s", lines[1], lines[2])
	}
	// Two wide characters take four cells: col 6, the quote, is in cell 8.
	if want := "   |        ^"; lines[5] != want {
		t.Errorf("wide caret line %q, want %q", lines[5], want)
	}
}

// TestWriteTextShowsHiddenCharacters: bidirectional controls and
// zero-width characters in an excerpt are shown, so that the line reads
// as it is stored and the caret sits under the character it names.
func TestWriteTextShowsHiddenCharacters(t *testing.T) {
	tests := []struct {
		name, line string
		col        int
		want       string
	}{
		{"right-to-left override", "s = \"Ready \u202e7202\u202c\"", 12, "s = \"Ready \ufffd7202\ufffd\""},
		{"isolates and marks", "t = \"\u2066a\u2069 \u200fb\u200e\"", 6, "t = \"\ufffda\ufffd \ufffdb\ufffd\""},
		{"zero-width space, soft hyphen, byte order mark", "u = \"20\u200b2\u00ad7\ufeff\"", 8, "u = \"20\ufffd2\ufffd7\ufffd\""},
		{"joiners kept for emoji", "v = \"\U0001f469\u200d\U0001f4bb\"", 5, "v = \"\U0001f469\u200d\U0001f4bb\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			ds := []Diagnostic{{Pos: Pos{File: "f", Line: 1, Col: tt.col}, Message: "m"}}
			if err := WriteAll(&b, ds, Text, Sources{"f": []byte(tt.line + "\n")}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(b.String(), "\n")
			if got := strings.TrimPrefix(lines[1], " 1 | "); got != tt.want {
				t.Errorf("excerpt %q, want %q", got, tt.want)
			}
			if caret := strings.TrimPrefix(lines[2], "   | "); len(caret) != tt.col {
				t.Errorf("caret at cell %d, want %d", len(caret), tt.col)
			}
		})
	}
}

func TestAddKeepsEveryField(t *testing.T) {
	kept := []Diagnostic{
		{Pos: Pos{File: "a.md", Line: 3, Col: 2}, Severity: Warning, Message: "w", Hint: "h"},
		{Pos: Pos{File: "b.md", Line: 1, Col: 1}, Severity: Error, Message: "e"},
	}
	var l List
	for _, d := range kept {
		l.Add(d)
	}
	kept[0].Message = "changed after Add" // the list holds its own copy
	got := l.Sorted()
	if len(got) != 2 || got[0] != (Diagnostic{Pos: Pos{File: "a.md", Line: 3, Col: 2}, Severity: Warning, Message: "w", Hint: "h"}) || got[1].Severity != Error || got[1].Message != "e" {
		t.Fatalf("Add gave %+v", got)
	}
	if l.Count(Warning) != 1 || !l.HasErrors() {
		t.Errorf("counts: %d warnings, errors %v", l.Count(Warning), l.HasErrors())
	}
}

func TestJoinAnd(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want string
	}{
		{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"}, {[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := JoinAnd(tt.in); got != tt.want {
			t.Errorf("JoinAnd(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
