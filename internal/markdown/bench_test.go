package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// BenchmarkConvert converts the bodies of 2,000 generated items on one
// goroutine: with the Converter, and with goldmark's CommonMark and GFM
// as they come, for scale (docs/performance.md).
func BenchmarkConvert(b *testing.B) {
	var bodies [][]byte
	var size int64
	for _, f := range generatedItemFiles(b, 1, 2000) {
		_, body, _ := strings.Cut(strings.TrimPrefix(f, "+++\n"), "\n+++\n")
		bodies = append(bodies, []byte(body))
		size += int64(len(body))
	}
	c := New()
	b.Run("converter", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, body := range bodies {
				if _, err := c.ConvertFunc(body, func([]byte) {}); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	for _, md := range []struct {
		name string
		md   goldmark.Markdown
	}{
		{"commonmark", goldmark.New()},
		{"gfm", goldmark.New(goldmark.WithExtensions(extension.GFM))},
	} {
		b.Run(md.name, func(b *testing.B) {
			var out bytes.Buffer
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, body := range bodies {
					out.Reset()
					if err := md.md.Convert(body, &out); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
