package model

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// table reads one TOML table of a document with type checking, reporting
// every problem with its position instead of stopping at the first.
type table struct {
	// o locates the table and its keys; its typos record the known keys
	// that an unknown key of this table was taken for ("tittle" reported as
	// a typo of "title" means title is not also reported missing).
	o     Origin
	what  string // how messages name the table: "item", "theme", "[capacity]"
	m     map[string]any
	diags *diag.List
}

func newTable(doc *source.Doc, prefix, what string, m map[string]any, diags *diag.List) table {
	return table{o: Origin{doc: doc, prefix: prefix, file: doc.File, typos: map[string]bool{}}, what: what, m: m, diags: diags}
}

func (t table) origin() Origin { return t.o }

// has reports whether key was written, or misspelt as an unknown key that
// was already reported.
func (t table) has(key string) bool {
	_, ok := t.m[key]
	return ok || t.o.typos[key]
}

func (t table) keyPos(key string) diag.Pos   { return t.o.Key(key) }
func (t table) valuePos(key string) diag.Pos { return t.o.Value(key) }

// keySet is what a table may hold, for table.only.
type keySet struct {
	// keys are the table's own keys.
	keys []string
	// tables gives the keys of those of keys that are tables, so that a
	// key of this table written after such a table's [header], and so
	// swallowed by it, is told apart from the nested table's own keys.
	// (A function, not a map: an item's set is made for every item.)
	tables func(key string) []string
	// outer, for a table nested in another, holds the other table's keys
	// and outerWhat names it in messages ("item"): a key of outer found
	// here was most likely written after this table's [header].
	outer     []string
	outerWhat string
}

// nested returns the keys of the nested table key, nil when key is no
// table of this set.
func (ks keySet) nested(key string) []string {
	if ks.tables == nil || key == "" {
		return nil
	}
	return ks.tables(key)
}

// only reports every key of the table that is not in ks: a typo in a key
// would otherwise silently drop what the author meant. Keys of this table
// swallowed by a nested table's [header] are recorded as typos (so that
// they are not also reported missing): an unknown nested table is reported
// here with them, a known one reports them itself (see strays).
func (t table) only(ks keySet) {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var strays []string
	for _, k := range keys {
		if slices.Contains(ks.keys, k) {
			inner := ks.nested(k)
			if lost, _ := t.swallowed(k, ks.keys, inner); len(lost) > 0 && inner == nil {
				t.notATable(k, lost)
			}
			continue
		}
		s := diag.Suggest(k, ks.keys)
		if s != "" {
			t.o.typos[s] = true
		}
		if lost, header := t.swallowed(k, ks.keys, ks.nested(s)); len(lost) > 0 {
			t.unknownTable(k, header, s, lost)
			continue
		}
		if s == "" && slices.Contains(ks.outer, k) {
			strays = append(strays, k)
			continue
		}
		d := t.diags.Errorf(t.keyPos(k), "unknown key %q in %s", k, t.what)
		if s != "" {
			d.Hint = fmt.Sprintf("did you mean %q?", s)
		} else {
			d.Hint = "expected one of: " + strings.Join(ks.keys, ", ")
		}
	}
	if len(strays) > 0 {
		t.strays(strays, ks.outerWhat)
	}
}

// swallowed returns the keys of this table (own) found inside the table
// under k, or a table nested in it ([extra.deep]), because they were
// written after its [header], in the order they were written, and records
// them as typos; header is the header that took the first of them
// ("[extra.deep]"). inner are the keys the table under k may hold itself
// (nil for an unknown table): a key both tables may hold is taken as the
// nested table's. Most tables swallow nothing, and then the document is
// not indexed.
func (t table) swallowed(k string, own, inner []string) (lost []string, header string) {
	// tbl is a table under k: path is where the index finds its keys,
	// head its header's path ([[k]]'s elements share k's).
	type tbl struct {
		m          map[string]any
		path, head string
		top        bool
	}
	var todo []tbl
	switch v := t.m[k].(type) {
	case map[string]any:
		todo = append(todo, tbl{v, t.o.join(k), t.o.join(k), true})
	case []map[string]any:
		for i, m := range v {
			todo = append(todo, tbl{m, t.o.join(k) + "." + strconv.Itoa(i), t.o.join(k), true})
		}
	case []any:
		for i, e := range v {
			if m, ok := e.(map[string]any); ok {
				todo = append(todo, tbl{m, t.o.join(k) + "." + strconv.Itoa(i), t.o.join(k), true})
			}
		}
	default:
		return nil, ""
	}
	type found struct {
		key, path, head string
	}
	var candidates []found
	for i := 0; i < len(todo); i++ {
		tb := todo[i]
		for key, v := range tb.m {
			if m, ok := v.(map[string]any); ok {
				todo = append(todo, tbl{m, tb.path + "." + key, tb.path + "." + key, false})
				continue
			}
			if !slices.Contains(own, key) || (tb.top && slices.Contains(inner, key)) {
				continue
			}
			candidates = append(candidates, found{key, tb.path + "." + key, tb.head})
		}
	}
	if len(candidates) == 0 || t.o.doc == nil {
		return nil, ""
	}
	ix := t.o.doc.Index()
	// k = { ... } and dotted keys swallow nothing: only a table a header
	// opened does.
	candidates = slices.DeleteFunc(candidates, func(f found) bool { return !ix.Header(f.head) })
	slices.SortFunc(candidates, func(a, b found) int {
		pa, _ := ix.Key(a.path)
		pb, _ := ix.Key(b.path)
		return pa.Offset - pb.Offset
	})
	for _, f := range candidates {
		if !slices.Contains(lost, f.key) {
			lost = append(lost, f.key)
			t.o.typos[f.key] = true
		}
	}
	if len(candidates) > 0 {
		header = candidates[0].head
	}
	return lost, header
}

// unknownTable reports the unknown table under k whose header, at path
// head (k's own, or a table's nested in it), swallowed the keys lost,
// naming them: the one mistake is the header, not each key it took.
// suggested is the known key k looks like a typo of, or "".
func (t table) unknownTable(k, head, suggested string, lost []string) {
	open, close := "[", "]"
	if _, ok := t.m[k].(map[string]any); !ok && head == t.o.join(k) {
		open, close = "[[", "]]"
	}
	header := open + head + close
	them := number(len(lost), lost[0], "them")
	d := t.diags.Errorf(t.keyPos(k), "unknown table %s in %s: the keys after its header belong to it, so %s %s not read", header, t.what, diag.JoinAnd(lost), number(len(lost), "is", "are"))
	if suggested != "" {
		d.Hint = fmt.Sprintf("did you mean %s%s%s? Fix the header name, and move %s to the top, before any [table] header", open, t.o.join(suggested), close, them)
		return
	}
	d.Hint = fmt.Sprintf("move %s to the top, before any [table] header, and fix or remove the %s header", them, header)
}

// notATable reports the [header] of a known key that holds no table
// ("[window]"), naming the keys after it that it swallowed: the one
// mistake is the header. The key's type is then not reported again
// (typeError), and the keys it took are not reported missing.
func (t table) notATable(k string, lost []string) {
	open, close := "[", "]"
	if _, ok := t.m[k].(map[string]any); !ok {
		open, close = "[[", "]]"
	}
	header := open + t.o.join(k) + close
	t.o.typos[headerMark(k)] = true
	d := t.diags.Errorf(t.keyPos(k), "%s opens a table, but %s in %s is not a table: the keys after the header belong to it, so %s %s not read", header, k, t.what, diag.JoinAnd(lost), number(len(lost), "is", "are"))
	d.Hint = fmt.Sprintf("replace the %s header with a %s = ... line, and move %s to the top, before any [table] header", header, k, number(len(lost), lost[0], "them"))
}

// isTable reports whether v is a decoded table or array of tables.
func isTable(v any) bool {
	switch v.(type) {
	case map[string]any, []map[string]any:
		return true
	}
	return false
}

// headerMark is how typos records that key's [header] was reported
// (notATable). No known key starts with "[", so it stands for no key.
func headerMark(key string) string { return "[" + key + "]" }

// strays reports, once, the keys of the outer table found in this nested
// table: written after its [header], which swallowed them.
func (t table) strays(keys []string, outerWhat string) {
	ix := t.o.doc.Index()
	slices.SortFunc(keys, func(a, b string) int {
		pa, _ := ix.Key(t.o.join(a))
		pb, _ := ix.Key(t.o.join(b))
		return pa.Offset - pb.Offset
	})
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = strconv.Quote(k)
	}
	n := len(keys)
	d := t.diags.Errorf(t.keyPos(keys[0]), "unknown %s %s in %s", number(n, "key", "keys"), diag.JoinAnd(quoted), t.what)
	name, header := t.tableName()
	d.Hint = fmt.Sprintf("%s %s to the %s: keys after a %s header belong to that table; move %s to the top, before any [table] header",
		diag.JoinAnd(keys), number(n, "belongs", "belong"), outerWhat, header, number(n, keys[0], "them"))
	if !strings.HasPrefix(header, "[[") {
		d.Hint += fmt.Sprintf(", or write %s = { ... } on one line", name)
	}
}

// tableName returns how this nested table is named in messages ("rice",
// "themes") and its header ("[rice]", "[[themes]]").
func (t table) tableName() (name, header string) {
	p := t.o.prefix
	i := strings.LastIndexByte(p, '.')
	if _, err := strconv.Atoi(p[i+1:]); i >= 0 && err == nil {
		return lastPart(p[:i]), "[[" + p[:i] + "]]"
	}
	return lastPart(p), "[" + p + "]"
}

func lastPart(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// number picks the word for a count: one for 1, many otherwise.
func number(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (t table) typeError(key, want string, v any) {
	if t.o.typos[headerMark(key)] {
		return // its [header] is reported (notATable)
	}
	if t.o.doc != nil && isTable(v) && t.o.doc.Index().Header(t.o.join(key)) {
		// A [header] has no value to point at: point at the header.
		d := t.diags.Errorf(t.keyPos(key), "%s must be %s, not a table", key, want)
		d.Hint = fmt.Sprintf("replace the [%s] header and the keys under it with a %s = ... line", t.o.join(key), key)
		return
	}
	t.diags.Errorf(t.valuePos(key), "%s must be %s, not %s", key, want, describe(v))
}

// str returns a string value, "" when absent or of the wrong type.
func (t table) str(key string) string {
	v, ok := t.m[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.typeError(key, "a string in quotes", v)
	}
	return s
}

// required returns a non-empty string value, reporting it when missing.
func (t table) required(key, example string) string {
	_, present := t.m[key]
	if !present {
		if !t.o.typos[key] {
			t.diags.Errorf(t.origin().Pos(), "%s has no %s: add %s = %s", t.what, key, key, example)
		}
		return ""
	}
	s := t.str(key)
	if strings.TrimSpace(s) == "" && isString(t.m[key]) {
		t.diags.Errorf(t.valuePos(key), "%s is empty: expected %s = %s", key, key, example)
	}
	return s
}

// optional returns a string value that may be left out but, when written,
// must not be blank: an empty window or estimate is a mistake, not a
// choice. The value is returned as written, so that positions inside it
// stay exact.
func (t table) optional(key string) string {
	s := t.str(key)
	if _, present := t.m[key]; present && isString(t.m[key]) && strings.TrimSpace(s) == "" {
		t.diags.Errorf(t.valuePos(key), "%s is empty: give it a value or remove the key", key)
		return ""
	}
	return s
}

func isString(v any) bool { _, ok := v.(string); return ok }

// enum returns a value that must be one of allowed, or "" when absent or
// invalid.
func (t table) enum(key string, allowed []string) string {
	s := t.str(key)
	if s == "" {
		if _, ok := t.m[key]; ok && isString(t.m[key]) {
			t.diags.Errorf(t.valuePos(key), "%s is empty: expected one of %s", key, strings.Join(allowed, ", "))
		}
		return ""
	}
	if slices.Contains(allowed, s) {
		return s
	}
	d := t.diags.Errorf(t.valuePos(key), "invalid %s %q: expected one of %s", key, s, strings.Join(allowed, ", "))
	d.Hint = diag.DidYouMean(s, allowed)
	return ""
}

// number returns a finite number (integer or float) and whether it was
// present and valid.
func (t table) number(key string) (float64, bool) {
	v, ok := t.m[key]
	if !ok {
		return 0, false
	}
	var f float64
	switch n := v.(type) {
	case int64:
		f = float64(n)
	case float64:
		f = n
	default:
		t.typeError(key, "a number", v)
		return 0, false
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		t.diags.Errorf(t.valuePos(key), "%s must be a finite number", key)
		return 0, false
	}
	return f, true
}

// nonNegative returns a number that must be zero or more.
func (t table) nonNegative(key string) (float64, bool) {
	f, ok := t.number(key)
	if ok && f < 0 {
		t.diags.Errorf(t.valuePos(key), "%s must not be negative, got %s", key, strconv.FormatFloat(f, 'f', -1, 64))
		return 0, false
	}
	return f, ok
}

// strings returns an array of strings; elements of another type are
// reported and dropped.
func (t table) strings(key string) []string {
	v, ok := t.m[key]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.typeError(key, `an array of strings, like ["a", "b"]`, v)
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.diags.Errorf(t.valuePos(key+"."+strconv.Itoa(i)), "%s must hold strings, not %s", key, describe(e))
			continue
		}
		out = append(out, s)
	}
	return out
}

// date returns a TOML local date, or a "YYYY-MM-DD" string.
func (t table) date(key string) time.Time {
	v, ok := t.m[key]
	if !ok {
		return time.Time{}
	}
	switch d := v.(type) {
	case time.Time:
		if d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.diags.Errorf(t.valuePos(key), "%s must be a date without a time of day, like %s = 2026-10-02", key, key)
		}
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		if p, err := time.Parse(time.DateOnly, d); err == nil {
			return p
		}
	}
	t.typeError(key, "a date like 2026-10-02", v)
	return time.Time{}
}

// sub returns the table under key ([key] or key = { ... }).
func (t table) sub(key, what string) (table, bool) {
	v, ok := t.m[key]
	if !ok {
		return table{}, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.typeError(key, "a table", v)
		return table{}, false
	}
	return newTable(t.o.doc, t.o.join(key), what, m, t.diags), true
}

// list returns the tables of an array of tables ([[key]]).
func (t table) list(key, what string) []table {
	v, ok := t.m[key]
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch arr := v.(type) {
	case []map[string]any:
		ms = arr
	case []any:
		for _, e := range arr {
			m, ok := e.(map[string]any)
			if !ok {
				t.typeError(key, fmt.Sprintf("an array of tables, written [[%s]]", key), v)
				return nil
			}
			ms = append(ms, m)
		}
	default:
		t.typeError(key, fmt.Sprintf("an array of tables, written [[%s]]", key), v)
		return nil
	}
	out := make([]table, len(ms))
	for i, m := range ms {
		out[i] = newTable(t.o.doc, t.o.join(key)+"."+strconv.Itoa(i), what, m, t.diags)
	}
	return out
}

// describe names the TOML type of a decoded value for messages.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", x)
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return "the number " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return fmt.Sprintf("the boolean %t", x)
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a %T", v)
}
