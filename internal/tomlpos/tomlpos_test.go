package tomlpos

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// scanCase lists expected positions as "line:col"; "-" means the path must
// be absent.
type scanCase struct {
	name string
	src  string
	keys map[string]string
	vals map[string]string
}

var scanCases = []scanCase{
	{
		name: "brief example",
		src: `title = "x"
depends_on = ["a", "b"]          # comment
rice = { reach = 1200, impact = 2 }
[capacity]
product = 60
[[objectives]]
id = "a"
key_results = ["x", "y"]
[[objectives]]
id = "b"
a.b.c = 1
`,
		keys: map[string]string{
			"title": "1:1", "depends_on": "2:1", "depends_on.0": "2:15", "depends_on.1": "2:20",
			"rice": "3:1", "rice.reach": "3:10", "rice.impact": "3:24",
			"capacity": "4:2", "capacity.product": "5:1",
			"objectives": "6:3", "objectives.0": "6:3", "objectives.0.id": "7:1",
			"objectives.0.key_results": "8:1", "objectives.0.key_results.1": "8:21",
			"objectives.1": "9:3", "objectives.1.id": "10:1",
			"objectives.1.a": "11:1", "objectives.1.a.b": "11:3", "objectives.1.a.b.c": "11:5",
			"objectives.2": "-", "a": "-", "id": "-",
		},
		vals: map[string]string{
			"title": "1:9", "depends_on": "2:14", "depends_on.0": "2:15", "depends_on.1": "2:20",
			"rice": "3:8", "rice.reach": "3:18", "rice.impact": "3:33",
			"capacity": "-", "capacity.product": "5:11",
			"objectives": "-", "objectives.0": "6:1", "objectives.0.id": "7:6",
			"objectives.0.key_results": "8:15", "objectives.0.key_results.0": "8:16",
			"objectives.0.key_results.1": "8:21",
			"objectives.1":               "9:1", "objectives.1.id": "10:6", "objectives.1.a.b.c": "11:9",
		},
	},
	{
		name: "strings and comments",
		src: `# leading comment [
a = "x \" # not a comment [" # real comment
b = 'lit # [' # c
c = """
multi "" \""" line
two quotes at end"""""
d = '''
lit '' not ''x'''''
e = 1
f = "\\" # backslash at end
`,
		keys: map[string]string{"a": "2:1", "b": "3:1", "c": "4:1", "d": "7:1", "e": "9:1", "f": "10:1"},
		vals: map[string]string{"a": "2:5", "b": "3:5", "c": "4:5", "d": "7:5", "e": "9:5", "f": "10:5"},
	},
	{
		name: "scalars",
		src: `n1 = +1
n2 = 1_000
n3 = 0x1F
n4 = 1e3
n5 = inf
n6 = -nan
t = true
f = false
d1 = 1979-05-27
d2 = 1979-05-27T07:32:00Z
d3 = 1979-05-27 07:32:00Z
d4 = 07:32:00
d5 = 1979-05-27 07:32:00.999-07:00
arr = [1979-05-27 07:32:00Z, 2]
after = 1
`,
		vals: map[string]string{
			"n1": "1:6", "n2": "2:6", "n3": "3:6", "n4": "4:6", "n5": "5:6", "n6": "6:6",
			"t": "7:5", "f": "8:5", "d1": "9:6", "d2": "10:6", "d3": "11:6", "d4": "12:6", "d5": "13:6",
			"arr": "14:7", "arr.0": "14:8", "arr.1": "14:30", "after": "15:9",
		},
	},
	{
		name: "multi-line and nested arrays, inline tables",
		src: `x = [
  "a", # first
  # between
  [1, [2, 3]],
  { a = 1, b = { c = "}" } },
]
y = [{a=1},{a=2}]
z = 1
`,
		keys: map[string]string{
			"x": "1:1", "x.2.a": "5:5", "x.2.b": "5:12", "x.2.b.c": "5:18",
			"y.0.a": "7:7", "y.1.a": "7:13", "z": "8:1", "x.3": "-",
		},
		vals: map[string]string{
			"x": "1:5", "x.0": "2:3", "x.1": "4:3", "x.1.0": "4:4", "x.1.1": "4:7",
			"x.1.1.0": "4:8", "x.1.1.1": "4:11",
			"x.2": "5:3", "x.2.a": "5:9", "x.2.b": "5:16", "x.2.b.c": "5:22",
			"y": "7:5", "y.0": "7:6", "y.0.a": "7:9", "y.1": "7:12", "y.1.a": "7:15", "z": "8:5",
		},
	},
	{
		name: "quoted keys and whitespace",
		src: `"quoted key" = 1
'lit.key' = 2
"esc\"aped\u00e9" = 3
  spaced . "dot" .	tab   =   4
[ "tbl" . sub ]
k = 5
[[ arr . elem ]]
k = 6
`,
		keys: map[string]string{
			"quoted key": "1:1", "lit.key": "2:1", "esc\"apedé": "3:1",
			"spaced": "4:3", "spaced.dot": "4:12", "spaced.dot.tab": "4:20",
			"tbl": "5:3", "tbl.sub": "5:11", "tbl.sub.k": "6:1",
			"arr": "7:4", "arr.elem": "7:10", "arr.elem.0": "7:10", "arr.elem.0.k": "8:1",
		},
		vals: map[string]string{
			"quoted key": "1:16", "lit.key": "2:13", "esc\"apedé": "3:21", "spaced.dot.tab": "4:30",
			"tbl.sub.k": "6:5", "arr.elem.0": "7:1", "arr.elem.0.k": "8:5",
		},
	},
	{
		name: "BOM, CRLF and non-ASCII",
		src:  "\ufeffa = 1\r\nb = [\r\n  \"é\",\r\n  2,\r\n]\r\ne = { name = \"日本語\", id = 1 }\r\n",
		keys: map[string]string{"a": "1:1", "b": "2:1", "e": "6:1", "e.name": "6:7", "e.id": "6:21"},
		vals: map[string]string{"a": "1:5", "b": "2:5", "b.0": "3:3", "b.1": "4:3", "e": "6:5", "e.name": "6:14", "e.id": "6:26"},
	},
	{
		name: "headers under arrays of tables",
		src: `[[fruits]]
name = "apple"
[fruits.physical]
color = "red"
[[fruits.varieties]]
name = "red delicious"
[[fruits.varieties]]
name = "granny smith"
[[fruits]]
name = "banana"
[[fruits.varieties]]
name = "plantain"
`,
		keys: map[string]string{
			"fruits": "1:3", "fruits.0": "1:3", "fruits.0.name": "2:1",
			"fruits.0.physical": "3:9", "fruits.0.physical.color": "4:1",
			"fruits.0.varieties": "5:10", "fruits.0.varieties.0": "5:10", "fruits.0.varieties.0.name": "6:1",
			"fruits.0.varieties.1": "7:10", "fruits.0.varieties.1.name": "8:1",
			"fruits.1": "9:3", "fruits.1.name": "10:1",
			"fruits.1.varieties": "11:10", "fruits.1.varieties.0": "11:10", "fruits.1.varieties.0.name": "12:1",
			"fruits.1.varieties.1": "-",
		},
		vals: map[string]string{
			"fruits.0": "1:1", "fruits.0.varieties.0": "5:1", "fruits.0.varieties.1": "7:1",
			"fruits.1": "9:1", "fruits.1.varieties.0": "11:1", "fruits.1.name": "10:8",
		},
	},
	{
		name: "TOML 1.1 inline table with newlines",
		src:  "t = {\n  a = 1, # c\n  b = [2],\n}\nu = 3\n",
		keys: map[string]string{"t.a": "2:3", "t.b": "3:3", "u": "5:1"},
		vals: map[string]string{"t": "1:5", "t.a": "2:7", "t.b.0": "3:8", "u": "5:5"},
	},
	{
		name: "duplicate keeps first",
		src:  "a = 1\na = 2\n",
		vals: map[string]string{"a": "1:5"},
	},
	{
		name: "unterminated string stops",
		src:  "a = 1\nb = \"open\nc = 3\n",
		keys: map[string]string{"a": "1:1", "b": "2:1", "c": "-"},
		vals: map[string]string{"b": "2:5", "c": "-"},
	},
	{
		name: "garbage after value stops",
		src:  "a = 1 2\nb = 3\n",
		vals: map[string]string{"a": "1:5", "b": "-"},
	},
	{
		name: "unbalanced array stops",
		src:  "a = [1, 2\nb = 3\n",
		vals: map[string]string{"a.0": "1:6", "a.1": "1:9", "b": "-"},
	},
	{
		name: "lone [[",
		src:  "a = 1\n[[\nb = 2\n",
		vals: map[string]string{"a": "1:5", "b": "-"},
	},
}

func fmtPos(p Pos) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

func TestScan(t *testing.T) {
	for _, tc := range scanCases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			ix := Scan(src)
			checkIndex(t, src, ix)
			for kind, want := range map[string]map[string]string{"Key": tc.keys, "Value": tc.vals} {
				get := ix.Key
				if kind == "Value" {
					get = ix.Value
				}
				for path, w := range want {
					p, ok := get(path)
					switch {
					case w == "-" && ok:
						t.Errorf("%s(%q) = %s, want absent", kind, path, fmtPos(p))
					case w != "-" && !ok:
						t.Errorf("%s(%q) absent, want %s", kind, path, w)
					case w != "-" && fmtPos(p) != w:
						t.Errorf("%s(%q) = %s, want %s", kind, path, fmtPos(p), w)
					}
				}
			}
		})
	}
}

func TestNilIndex(t *testing.T) {
	var ix *Index
	if _, ok := ix.Key("a"); ok {
		t.Error("nil Key reported ok")
	}
	if _, ok := ix.Value("a"); ok {
		t.Error("nil Value reported ok")
	}
	if _, ok := Scan(nil).Key(""); ok {
		t.Error("empty source has a key")
	}
}

// TestHeader: only tables opened by a [x] or [[x]] header are headers;
// inline tables and tables made by dotted keys are not.
func TestHeader(t *testing.T) {
	src := `title = "x"
rice = { reach = 1 }
a.b = 1
[extra]
horizon = "now"
[ "quoted key" ]
[[themes]]
id = "t"
[themes.public]
x = 1
[[themes]]
`
	ix := Scan([]byte(src))
	for path, want := range map[string]bool{
		"extra": true, "quoted key": true, "themes": true, "themes.0.public": true,
		"title": false, "rice": false, "a": false, "extra.horizon": false, "themes.0": false, "themes.1": false, "missing": false,
	} {
		if got := ix.Header(path); got != want {
			t.Errorf("Header(%q) = %t, want %t", path, got, want)
		}
	}
	var none *Index
	if none.Header("extra") {
		t.Error("nil Header reported true")
	}
}

func TestDepth(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want int
	}{
		{"", 0},
		{"a = 1", 0},
		{"a = [[[1]]]", 3},
		{"a = {b = {c = [1]}}", 3},
		{"[[x]]\n[x.y]\n[ \"[[[\" ]\nk = 1", 0},
		{`a = "[[[[" # [[[[`, 0},
		{"a = '[[' \nb = '''\n[[[[\n'''\nc = \"\"\"\\\"\"\" [[[\"\"\"", 0},
		{"a = [\n  [1], # [[[\n  [2, [3]],\n]\n[t]\nb = [1]", 3},
		{"a = [\n[1],\n]", 2},
		{"a = ]]]]", 0},
		{"[[[[[[", 0},
		{"a = [[[[[[", 6},
	} {
		if got := Depth([]byte(tc.src)); got != tc.want {
			t.Errorf("Depth(%q) = %d, want %d", tc.src, got, tc.want)
		}
	}
}

// crossCheckDocs are valid TOML documents whose keys, as reported by
// BurntSushi/toml, must all be indexed.
var crossCheckDocs = []string{
	`
[server]
host = "localhost"
ports = [ 8000, 8001 ]
"quoted.dot" = { inner = 'x', "more" = [1, 2] }
site."google.com" = true
[server.limits]
max = 1e3
[[products]]
name = "Hammer"
sku = 738594937
[[products]]
[[products]]
name = "Nail"
color = "gray"
[products.dims]
w = 1.5
[[products.parts]]
id = 1
[[products.parts]]
id = 2
`,
	`
x = [{a=1},{a=2, b={c=3}}]
y = [[1,2],[3]]
z = [[{q = 1}], [{q = 2}, {r = 3}]]
`,
	"dt1 = 1979-05-27 07:32:00Z\ndt2 = 1979-05-27T07:32:00.999999-07:00\nld = 1979-05-27\nlt = 07:32:00\n" +
		"s = \"\"\"\nline \\\"\"\" \"\" x\n\"\"\"\nl = '''\n'' x\n'''\n",
	// TOML 1.1: escapes \e and \xHH in keys, times without seconds,
	// multi-line inline tables.
	"\"\\e\\x41\\u00e9\" = 1\nt = 07:32\ndt = 1979-05-27 07:32Z\nit = {\n  a = 1, # c\n  b = { c = 2 },\n}\n",
}

func TestCrossCheckBurntSushi(t *testing.T) {
	docs := append([]string(nil), crossCheckDocs...)
	for _, tc := range scanCases {
		var m map[string]any
		if _, err := toml.Decode(tc.src, &m); err == nil {
			docs = append(docs, tc.src)
		}
	}
	if len(docs) < len(crossCheckDocs)+6 {
		t.Fatalf("only %d documents decode; the scan cases changed?", len(docs))
	}
	for n, doc := range docs {
		var m map[string]any
		if _, err := toml.Decode(doc, &m); err != nil {
			t.Fatalf("doc %d: %v", n, err)
		}
		checkDecoder(t, []byte(doc))
	}
}

// checkDecoder checks that every key BurntSushi/toml reports for src (if it
// decodes) is indexed, points at that key, and has a value unless it is a
// table.
func checkDecoder(t *testing.T, src []byte) {
	t.Helper()
	var m map[string]any
	md, err := toml.Decode(string(src), &m)
	if err != nil {
		return
	}
	for _, k := range md.Keys() {
		if slices.Contains(k, "") {
			return // md.Type confuses "a" with "a".""
		}
	}
	ix := Scan(src)
	counts := map[string]int{}
	for _, k := range md.Keys() {
		// Translate to index paths: the k-th [[x]] is x.k, a key below an
		// array of tables is in its current element, and a key inside an
		// array of inline tables may be in any element. Types are per name,
		// not per element, so a name that is an array of tables in one
		// element may be a plain key or table in another: then the array
		// reading finds nothing and the plain one is used.
		var parts []pathPart
		typ := md.Type(k...)
		for j := range k {
			parts = append(parts, pathPart{key: k[j]})
			switch md.Type(k[:j+1]...) {
			case "ArrayHash":
				p := fmt.Sprint(parts)
				if j < len(k)-1 {
					if counts[p] > 0 {
						parts = append(parts, pathPart{key: strconv.Itoa(counts[p] - 1)})
					}
				} else if elem := append(parts, pathPart{key: strconv.Itoa(counts[p])}); len(expand(ix, elem)) > 0 {
					parts = elem
					counts[p]++
				} else {
					typ = "Hash"
				}
			case "Array":
				if j < len(k)-1 {
					parts = append(parts, pathPart{anyIndex: true})
				}
			}
		}
		// Numeric keys can look like indexes, so one candidate must fit.
		fits := false
		for _, path := range expand(ix, parts) {
			p, _ := ix.Key(path)
			c := src[p.Offset]
			_, hasVal := ix.Value(path)
			if (bytes.HasPrefix(src[p.Offset:], []byte(k[len(k)-1])) || c == '"' || c == '\'') &&
				(typ == "Hash" || hasVal) {
				fits = true
				break
			}
		}
		if !fits {
			t.Errorf("%q: key %q (%s, path %v) not indexed at the key, with a value", src, k.String(), typ, parts)
		}
	}
}

// pathPart is a key, or any array index: BurntSushi does not say which
// element of an array of inline tables a key is in.
type pathPart struct {
	key      string
	anyIndex bool
}

// expand returns the indexed paths matching parts, where anyIndex matches
// any number of array indexes: BurntSushi flattens nested arrays of tables,
// and accepts `a = []` followed by `a.b = 1`, typing a as an array.
func expand(ix *Index, parts []pathPart) []string {
	join := func(prefix, key string) string {
		if prefix == "" {
			return key
		}
		return prefix + "." + key
	}
	paths := []string{""}
	for _, part := range parts {
		var next []string
		for _, p := range paths {
			if !part.anyIndex {
				next = append(next, join(p, part.key))
				continue
			}
			next = append(next, p)
			queue := []string{p}
			for len(queue) > 0 {
				q := queue[0]
				queue = queue[1:]
				for i := 0; ; i++ {
					e := join(q, strconv.Itoa(i))
					if _, ok := ix.Value(e); !ok {
						break
					}
					next = append(next, e)
					queue = append(queue, e)
				}
			}
		}
		paths = next
	}
	var found []string
	for _, p := range paths {
		if _, ok := ix.Key(p); ok {
			found = append(found, p)
		}
	}
	return found
}

// checkIndex verifies that every recorded position is in range, agrees with
// its offset (recomputed independently from the source), and points at a
// plausible first character.
func checkIndex(t *testing.T, src []byte, ix *Index) {
	t.Helper()
	start := 0
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		start = 3
	}
	// line[i] and runes[i]: line number of byte i and runes before it, so
	// that checking is linear even for huge inputs.
	line := make([]int, len(src)+1)
	runes := make([]int, len(src)+1)
	lineStart := make([]int, 2, 64)
	lineStart[1] = start
	for i, l, r := 0, 1, 0; i <= len(src); {
		if i == len(src) {
			line[i], runes[i] = l, r
			break
		}
		_, size := utf8.DecodeRune(src[i:])
		for k := i; k < i+size; k++ {
			line[k], runes[k] = l, r
		}
		if src[i] == '\n' {
			l++
			lineStart = append(lineStart, i+1)
		}
		r++
		i += size
	}
	for kind, m := range map[string]map[string]Pos{"Key": ix.keys, "Value": ix.vals} {
		for path, p := range m {
			if p.Line < 1 || p.Col < 1 || p.Offset < start || p.Offset >= len(src) {
				t.Fatalf("%s(%q) = %+v out of range (len %d)", kind, path, p, len(src))
			}
			if l := line[p.Offset]; p.Line != l || p.Col != 1+runes[p.Offset]-runes[lineStart[l]] {
				t.Fatalf("%s(%q) = %d:%d, offset %d is %d:%d", kind, path, p.Line, p.Col, p.Offset,
					l, 1+runes[p.Offset]-runes[lineStart[l]])
			}
			if c := src[p.Offset]; !isScalar(c) && strings.IndexByte(`"'[{`, c) < 0 {
				t.Fatalf("%s(%q) points at %q", kind, path, c)
			}
		}
	}
}

// TestLinear guards against quadratic behaviour on large hostile inputs.
func TestLinear(t *testing.T) {
	const n = 1 << 20
	inputs := map[string][]byte{
		"deep arrays":    append([]byte("a = "), bytes.Repeat([]byte("["), n)...),
		"deep headers":   bytes.Repeat([]byte("[["), n),
		"long line":      append(append([]byte("a = ["), bytes.Repeat([]byte(`"é", `), n/6)...), ']'),
		"many keys":      bytes.Repeat([]byte("[[a.b]]\nc.d = {e = [1, {f = 2}]}\n"), n/32),
		"quotes":         bytes.Repeat([]byte(`"""''"`), n/6),
		"open string":    append([]byte(`a = """`), bytes.Repeat([]byte(`\"""`), n/4)...),
		"deep inline":    bytes.Repeat([]byte("a={"), n/3),
		"dotted key":     append(bytes.Repeat([]byte("a."), n/2), []byte("b = 1")...),
		"bracket soup":   bytes.Repeat([]byte("a = [[{]}]\n"), n/11),
		"depth comments": bytes.Repeat([]byte("[ # ]\n"), n/6),
	}
	for name, src := range inputs {
		begin := time.Now()
		ix := Scan(src)
		Depth(src)
		if d := time.Since(begin); d > 5*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(src))
		}
		checkIndex(t, src, ix)
	}
}

func FuzzScan(f *testing.F) {
	for _, tc := range scanCases {
		f.Add([]byte(tc.src))
	}
	for _, doc := range crossCheckDocs {
		f.Add([]byte(doc))
	}
	for _, s := range []string{
		"", "\ufeff", "\ufeff[a]\r\nb = 1", "a = \"open", "a = '''open", "a = \"\"\"open\\",
		"a = [1, 2", "a = {b = 1", "a = ]", "a = }", "[[", "[[a]", "[a", "[[[[[[", "a = [[[[[[",
		"a = [[[1]]]", "a = {b = {c = [1]}}", "a.=1", "a. .b = 1", "= 1", "a = ", "a = \n",
		"a = 1979-05-27 ", "a = 1979-05-27 07", "\"a\\", "'a", "a = \"\\u00\"", "\"\\U0001F600\" = 1",
		"a = [\n# x\n,]", "a = [1,,2]", "a = {,}", "t = {a = 1,}", "x = \xff\xfe", "\xe2 = 1", "é = 1",
		"a = \"é\" # \xff\nb = 1", `"*"=0`, `"a.b" = {"" = 1}`, "a = 1\r", "a = 1\rb = 2", "[a]]\n", "[[a]]]\n", "[ a . ]", "[\"a\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ix := Scan(src)
		checkIndex(t, src, ix)
		checkDecoder(t, src)
		if d := Depth(src); d < 0 || d > len(src) {
			t.Fatalf("Depth = %d for %d bytes", d, len(src))
		}
	})
}

func BenchmarkScan(b *testing.B) {
	var src []byte
	for _, tc := range scanCases[:8] {
		src = append(src, tc.src...)
		src = append(src, '\n')
	}
	src = bytes.ReplaceAll(src, []byte("\ufeff"), nil)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(src)
	}
}
