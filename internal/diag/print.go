package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Sources holds the text of the files diagnostics point into, keyed by the
// path used in Pos.File, so that a printed problem can show its line.
type Sources map[string][]byte

// Line returns line n (1-based) of file without its line ending, and whether
// it exists.
func (s Sources) Line(file string, n int) (string, bool) {
	return (&lines{src: s, starts: map[string][]int{}}).line(file, n)
}

// Format is an output format of diagnostics.
type Format string

// The formats WriteAll understands.
const (
	// Text is for people: file:line:col: severity: message, the source line
	// and a caret.
	Text Format = "text"
	// JSON is one JSON document with every diagnostic, for tools.
	JSON Format = "json"
	// GitHub is GitHub Actions workflow commands, which annotate the
	// pull request diff.
	GitHub Format = "github"
)

// ParseFormat validates a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Text, JSON, GitHub:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: expected text, json or github", s)
}

// WriteAll prints ds (already sorted) in format f.
func WriteAll(w io.Writer, ds []Diagnostic, f Format, src Sources) error {
	switch f {
	case JSON:
		return writeJSON(w, ds, src)
	case GitHub:
		return writeGitHub(w, ds)
	default:
		return writeText(w, ds, src)
	}
}

// lines finds source lines by binary search over an index of line starts
// built once per file, so that printing many diagnostics of one large file
// stays linear.
type lines struct {
	src    Sources
	starts map[string][]int
}

func (ls *lines) line(file string, n int) (string, bool) {
	src, ok := ls.src[file]
	if !ok || n < 1 {
		return "", false
	}
	starts, ok := ls.starts[file]
	if !ok {
		starts = []int{0}
		for i, c := range src {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		ls.starts[file] = starts
	}
	if n > len(starts) {
		return "", false
	}
	end := len(src)
	if n < len(starts) {
		end = starts[n] - 1
	}
	return strings.TrimSuffix(string(src[starts[n-1]:end]), "\r"), true
}

func writeText(w io.Writer, ds []Diagnostic, src Sources) error {
	var b strings.Builder
	ls := &lines{src: src, starts: map[string][]int{}}
	for _, d := range ds {
		ls.writeText(&b, d)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Texts returns each of ds as WriteAll prints it in the Text format, its
// source line from src included, so that a caller can let the files go
// and print later (build prints once its pages, which find more, are
// written).
func Texts(ds []Diagnostic, src Sources) []string {
	ls := &lines{src: src, starts: map[string][]int{}}
	out := make([]string, len(ds))
	var b strings.Builder
	for i, d := range ds {
		b.Reset()
		ls.writeText(&b, d)
		out[i] = b.String()
	}
	return out
}

func (ls *lines) writeText(b *strings.Builder, d Diagnostic) {
	fmt.Fprintf(b, "%s: %s: %s\n", d.Pos, d.Severity, d.Message)
	if line, ok := ls.line(d.Pos.File, d.Pos.Line); ok && d.Pos.Line > 0 {
		line, col := excerpt(line, max(d.Pos.Col, 1))
		num := fmt.Sprint(d.Pos.Line)
		gutter := strings.Repeat(" ", len(num))
		fmt.Fprintf(b, " %s | %s\n", num, display(line))
		fmt.Fprintf(b, " %s | %s^\n", gutter, caretPad(line, col))
	}
	if d.Hint != "" {
		fmt.Fprintf(b, "    = hint: %s\n", d.Hint)
	}
}

// Summary counts errors and warnings in words: "1 error, 2 warnings" or
// "no problems".
func Summary(ds []Diagnostic) string {
	var e, wn int
	for _, d := range ds {
		if d.Severity == Error {
			e++
		} else {
			wn++
		}
	}
	if e == 0 && wn == 0 {
		return "no problems"
	}
	return Plural(e, "error") + ", " + Plural(wn, "warning")
}

// JoinAnd joins words as a sentence lists them: "a", "a and b",
// "a, b and c".
func JoinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// Plural counts a noun in words: "1 item", "3 items".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// maxExcerpt is the most characters of a source line printed: a minified
// or hostile line of megabytes would otherwise flood the terminal.
const maxExcerpt = 120

// excerpt cuts a long line to a window around column col, marking the cuts
// with "…", and returns the column within the window.
func excerpt(line string, col int) (string, int) {
	r := []rune(line)
	if len(r) <= maxExcerpt {
		return line, col
	}
	start := max(0, min(col-1-maxExcerpt/2, len(r)-maxExcerpt))
	end := min(len(r), start+maxExcerpt)
	out := string(r[start:end])
	if start > 0 {
		out, col = "…"+out, col-start+1
	}
	if end < len(r) {
		out += "…"
	}
	return out, col
}

// display makes a source line safe and aligned for a terminal: tabs become
// four spaces, other control characters (a stray carriage return, an
// escape sequence) a space, and characters a terminal shows as nothing or
// that reorder the line (see hidden) a visible U+FFFD, one cell wide like
// the column the caret counts for them.
func display(line string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return ' '
		case hidden(r):
			return '\ufffd'
		}
		return r
	}, strings.ReplaceAll(line, "\t", "    "))
}

// hidden reports the invisible characters a source line may hold: the
// soft hyphen, zero-width spaces and the byte order mark, and the
// bidirectional controls, with which a hostile file's line could display
// as something else (check refuses them in public fields and names them;
// the excerpt must show where they are). The zero-width joiner and
// non-joiner are left: emoji and some scripts need them.
func hidden(r rune) bool {
	switch {
	case r == 0x00ad, r == 0x061c, r == 0xfeff,
		r == 0x200b, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2060 && r <= 0x2069:
		return true
	}
	return false
}

// caretPad returns the white space that puts a caret under column col
// (counted in characters) of line as display shows it: wide characters
// (CJK, emoji) take two cells in a terminal.
func caretPad(line string, col int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		switch {
		case r == '\t':
			b.WriteString("    ")
		case wide(r):
			b.WriteString("  ")
		default:
			b.WriteByte(' ')
		}
		i++
	}
	for ; i < col; i++ { // a column past the end of the line
		b.WriteByte(' ')
	}
	return b.String()
}

// wide reports whether a terminal shows r in two cells (East Asian wide
// and fullwidth characters, and emoji).
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f, r >= 0xac00 && r <= 0xd7a3,
		r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f, r >= 0x1f900 && r <= 0x1f9ff,
		r >= 0x20000 && r <= 0x3fffd:
		return true
	}
	return false
}

type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	Source   string `json:"source,omitempty"`
}

func writeJSON(w io.Writer, ds []Diagnostic, src Sources) error {
	out := struct {
		Errors      int        `json:"errors"`
		Warnings    int        `json:"warnings"`
		Diagnostics []jsonDiag `json:"diagnostics"`
	}{Diagnostics: make([]jsonDiag, 0, len(ds))}
	ls := &lines{src: src, starts: map[string][]int{}}
	for _, d := range ds {
		if d.Severity == Error {
			out.Errors++
		} else {
			out.Warnings++
		}
		line, _ := ls.line(d.Pos.File, d.Pos.Line)
		line, _ = excerpt(line, max(d.Pos.Col, 1))
		out.Diagnostics = append(out.Diagnostics, jsonDiag{
			File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col,
			Severity: d.Severity.String(), Message: d.Message, Hint: d.Hint, Source: line,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeGitHub prints workflow commands; see
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions.
func writeGitHub(w io.Writer, ds []Diagnostic) error {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "::%s file=%s", d.Severity, ghProperty(d.Pos.File))
		if d.Pos.Line > 0 {
			fmt.Fprintf(&b, ",line=%d,col=%d", d.Pos.Line, max(d.Pos.Col, 1))
		}
		msg := d.Message
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		fmt.Fprintf(&b, "::%s\n", ghData(msg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData and ghProperty escape as the Actions runner expects, so that a
// message cannot end the command early or inject another one.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// At returns the position of byte offset off in src, a text whose first
// line is line firstLine of file. Columns count characters.
func At(file string, src []byte, off, firstLine int) Pos {
	off = min(max(off, 0), len(src))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return Pos{File: file, Line: firstLine + bytes.Count(src[:off], []byte("\n")), Col: utf8.RuneCount(src[start:off]) + 1}
}
