package source

import (
	"bytes"
	"errors"
)

// The front matter delimiter: TOML between two lines holding only "+++", as
// Hugo authors already know it.
const delim = "+++"

// ErrNoOpen and ErrNoClose are the two ways a front matter block can be
// malformed.
var (
	ErrNoOpen  = errors.New(`expected front matter: an item file must start with a line "+++", then TOML, then a line "+++"`)
	ErrNoClose = errors.New(`the front matter opened here is never closed: expected a line "+++" after the TOML`)
)

// FrontMatter is an item file cut in two.
type FrontMatter struct {
	// TOML is the text between the delimiter lines.
	TOML []byte
	// TOMLLine is the file line on which TOML starts: always 2, the line
	// after the opening delimiter.
	TOMLLine int
	// Body is everything after the closing delimiter line.
	Body []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
	// BodyOffset is the byte offset of Body in the file.
	BodyOffset int
}

// SplitFrontMatter cuts src into front matter and body. A UTF-8 byte order
// mark is skipped; delimiter lines may carry trailing white space and CRLF
// endings. It never panics, whatever src holds.
func SplitFrontMatter(src []byte) (FrontMatter, error) {
	off := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		off = 3
	}
	line, next := lineAt(src, off)
	if string(bytes.TrimRight(line, " \t\r")) != delim {
		return FrontMatter{}, ErrNoOpen
	}
	start, lineNo := next, 2
	for pos := start; pos < len(src); lineNo++ {
		line, next = lineAt(src, pos)
		if string(bytes.TrimRight(line, " \t\r")) == delim {
			return FrontMatter{
				TOML: src[start:pos], TOMLLine: 2,
				Body: src[next:], BodyLine: lineNo + 1, BodyOffset: next,
			}, nil
		}
		pos = next
	}
	return FrontMatter{}, ErrNoClose
}

// lineAt returns the line starting at off (without its "\n") and the offset
// of the next line.
func lineAt(src []byte, off int) ([]byte, int) {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return src[off : off+i], off + i + 1
	}
	return src[off:], len(src)
}
