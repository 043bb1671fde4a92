package jsonesc

import (
	"encoding/json"
	"strings"
	"testing"
)

// markdownish is text like an item body: short lines, some quotes.
var markdownish = strings.Repeat("## Why this matters\n\nCustomers \"asked\" for faster dispatch of the route plan; the current one takes minutes.\n- step one\n- step two\n\n", 30)

// BenchmarkAppendString escapes a Markdown-like body, and with
// encoding/json for scale.
func BenchmarkAppendString(b *testing.B) {
	b.Run("jsonesc", func(b *testing.B) {
		b.SetBytes(int64(len(markdownish)))
		var buf []byte
		for b.Loop() {
			buf = AppendString(buf[:0], markdownish)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(markdownish)))
		for b.Loop() {
			if _, err := json.Marshal(markdownish); err != nil {
				b.Fatal(err)
			}
		}
	})
}
