package htmlesc

import "testing"

// BenchmarkAppendText escapes the kind of text item pages and views print
// most: titles and names, most with nothing to escape.
func BenchmarkAppendText(b *testing.B) {
	texts := []string{
		"Enterprise-ready identity for large customers",
		"Schedule schedule faster",
		"Billing unified invoice unified",
		"Dispatch",
		"tech-debt (tech work)",
		"Q3 & Q4 \"targets\" <draft>",
	}
	var n int64
	for _, s := range texts {
		n += int64(len(s))
	}
	b.SetBytes(n)
	buf := make([]byte, 0, 256)
	for b.Loop() {
		for _, s := range texts {
			buf = AppendText(buf[:0], s)
		}
	}
}
