package jsonesc

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// sameAsJSON fails t unless AppendString gives encoding/json's bytes for
// s, appended after a prefix that must survive.
func sameAsJSON(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	got := AppendString([]byte("x"), s)
	if string(got[1:]) != string(want) || got[0] != 'x' {
		t.Errorf("AppendString(%q) = %s, encoding/json %s", s, got[1:], want)
	}
}

func TestAppendString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"plain text, eight+ bytes long", `"plain text, eight+ bytes long"`},
		{`a "quote" and \ back`, `"a \"quote\" and \\ back"`},
		{"<b>&</b>", `"\u003cb\u003e\u0026\u003c/b\u003e"`},
		{"tab\tnew\nret\rbs\bff\f", `"tab\tnew\nret\rbs\bff\f"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f" + `"`},
		{"line\u2028para\u2029end", `"line\u2028para\u2029end"`},
		{"caf\u00e9 \u2014 \U0001F600", "\"caf\u00e9 \u2014 \U0001F600\""},
		{"bad \xff byte and \xe2\x80 cut", `"bad \ufffd byte and \ufffd\ufffd cut"`},
		{"12345678<", `"12345678\u003c"`},
		{"1234567<", `"1234567\u003c"`},
		{"<2345678", `"\u003c2345678"`},
		{"\x1f\x20\x21\x22\x23\x24\x25\x26\x27", `"\u001f !\"#$%\u0026'"`},
	}
	for _, tt := range tests {
		if got := string(AppendString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		sameAsJSON(t, tt.in)
	}
}

// TestAppendStringEveryBytePosition puts every byte value at every place
// of a word, and after runs of plain bytes of each length, so that the
// word-at-a-time scan is checked where it stops and where a borrow could
// hide a byte.
func TestAppendStringEveryBytePosition(t *testing.T) {
	for c := range 256 {
		for pre := range 17 {
			s := strings.Repeat("a", pre) + string([]byte{byte(c)}) + "tail-of-the-text"
			sameAsJSON(t, s)
			// After a byte that borrows (a control byte), another
			// special byte must still be seen.
			sameAsJSON(t, strings.Repeat("b", pre)+"\x01"+string([]byte{byte(c)})+"<&>")
		}
	}
}

func TestAppendFloat(t *testing.T) {
	for _, f := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.5, 60, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 1.2345e300, -3.4e-9, math.MaxFloat64, math.SmallestNonzeroFloat64, 123456789.125} {
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendFloat([]byte("x"), f)
		if err != nil || string(got[1:]) != string(want) {
			t.Errorf("AppendFloat(%v) = %s, %v; encoding/json %s", f, got[1:], err, want)
		}
	}
	for _, f := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		if _, err := AppendFloat(nil, f); err != ErrNotFinite {
			t.Errorf("AppendFloat(%v): %v, want ErrNotFinite", f, err)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "<script>alert(1)</script>", "\u2028\xff\x00\"\\", "0123456789abcdef\x1fqrstuvw"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameAsJSON(t, s) })
}

func FuzzAppendFloat(f *testing.F) {
	for _, x := range []float64{0, 1e-7, 1e21, 0.3, -42.5} {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		want, werr := json.Marshal(x)
		got, err := AppendFloat(nil, x)
		if (werr != nil) != (err != nil) || err == nil && string(got) != string(want) {
			t.Errorf("AppendFloat(%v) = %s, %v; encoding/json %s, %v", x, got, err, want, werr)
		}
	})
}
