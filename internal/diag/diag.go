// Package diag collects the problems found in a roadmap source and prints
// them the way compilers do: sorted by file, line and column, with the
// offending source line and a caret under the column.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a problem stops a build.
type Severity int

const (
	// Error is a problem that makes the plan unusable: check exits 1 and
	// build refuses to write anything.
	Error Severity = iota
	// Warning is a problem in the plan's content that does not stop a build
	// unless check runs with --strict.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// characters, not bytes. A zero Line means the problem concerns the whole
// file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col (or just file).
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(max(p.Col, 1)))
	}
	return b.String()
}

// Diagnostic is one problem.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Message says what is wrong and what was expected.
	Message string
	// Hint is an optional suggestion, such as `did you mean "theme"?`.
	Hint string
}

// List collects diagnostics. The zero value is ready to use. A List is not
// safe for concurrent use: stages that work in parallel collect their own
// and merge them.
type List struct {
	// Pointers, so that the *Diagnostic Errorf returns stays valid while the
	// list grows: callers amend a message or hint after the fact.
	items []*Diagnostic
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Error, format, args)
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) *Diagnostic {
	return l.add(pos, Warning, format, args)
}

func (l *List) add(pos Pos, sev Severity, format string, args []any) *Diagnostic {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	d := &Diagnostic{Pos: pos, Severity: sev, Message: msg}
	l.items = append(l.items, d)
	return d
}

// Add records a copy of d: a diagnostic found earlier and kept, such as
// those of a file an incremental rebuild did not read again.
func (l *List) Add(d Diagnostic) { l.items = append(l.items, &d) }

// AddAll adds every diagnostic of other, in its order.
func (l *List) AddAll(other *List) { l.items = append(l.items, other.items...) }

// Len reports how many diagnostics were collected.
func (l *List) Len() int { return len(l.items) }

// Count reports how many diagnostics have severity s.
func (l *List) Count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool { return l.Count(Error) > 0 }

// Sorted returns the diagnostics ordered by file, line, column, severity
// and message, with exact duplicates removed, so that output does not depend
// on the order in which stages ran.
func (l *List) Sorted() []Diagnostic {
	out := make([]Diagnostic, len(l.items))
	for i, d := range l.items {
		out[i] = *d
	}
	return Sort(out)
}

// Sort sorts ds as List.Sorted does and removes exact duplicates, in
// place; it returns the shortened slice.
func Sort(ds []Diagnostic) []Diagnostic {
	slices.SortStableFunc(ds, Compare)
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool { return a == b })
}

// Compare orders diagnostics as Sorted does: by file, line, column,
// severity, message and hint.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Hint, b.Hint),
	)
}
