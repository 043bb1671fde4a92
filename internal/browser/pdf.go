package browser

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// PDFPages counts the pages of a PDF such as Chromium writes it.
//
// Chromium prints through Skia, which writes every object as plain
// "N G obj ... endobj", with no compressed object streams: one "/Type /Page" dictionary per page and a page tree of
// "/Type /Pages" dictionaries whose root has "/Count N". PDFPages reads the
// objects in order, skips the data of streams (so page content can never
// count), lets a later definition of an object number replace an earlier one,
// and counts both ways: the page objects and the largest /Count of a page
// tree node (the root's). It returns an error when the two disagree, or when
// it finds neither, as in a PDF that keeps its objects in compressed object
// streams.
func PDFPages(pdf []byte) (int, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0, errors.New("browser: not a PDF: no %PDF- header")
	}
	objs := pdfObjects(pdf)
	pages, count := 0, -1
	for _, dict := range objs {
		for _, m := range typeRE.FindAllSubmatch(dict, -1) {
			switch string(m[1]) {
			case "Page":
				pages++
			case "Pages":
				if c := countRE.FindSubmatch(dict); c != nil {
					n, err := strconv.Atoi(string(c[1]))
					if err == nil && n > count {
						count = n
					}
				}
			}
		}
	}
	switch {
	case pages == 0 && count < 0:
		return 0, fmt.Errorf("browser: no page objects in the PDF (%d objects read; compressed object streams are not supported)", len(objs))
	case count < 0:
		return pages, nil
	case pages == 0:
		return count, nil
	case pages != count:
		return 0, fmt.Errorf("browser: the PDF has %d page objects but its page tree counts %d", pages, count)
	}
	return pages, nil
}

// PDF white space is NUL, tab, LF, FF, CR and space; a name ends at white
// space or a delimiter.
const (
	pdfSpace  = `\x00\t\n\f\r `
	pdfDelims = `()<>\[\]{}/%`
)

var (
	objRE    = regexp.MustCompile(`(\d+)[` + pdfSpace + `]+(\d+)[` + pdfSpace + `]+obj\b`)
	typeRE   = regexp.MustCompile(`/Type[` + pdfSpace + `]*/([^` + pdfSpace + pdfDelims + `]+)`)
	countRE  = regexp.MustCompile(`/Count[` + pdfSpace + `]+(\d+)`)
	lengthRE = regexp.MustCompile(`/Length[` + pdfSpace + `]+(\d+)[` + pdfSpace + `]*[/>]`)
	streamRE = regexp.MustCompile(`\bstream(\r\n|\n|\r)|\bendobj\b`)
)

// pdfObjects returns the text of each indirect object without its stream
// data, by object number and generation; a later definition wins.
func pdfObjects(pdf []byte) map[string][]byte {
	objs := make(map[string][]byte)
	for p := 0; p < len(pdf); {
		loc := objRE.FindSubmatchIndex(pdf[p:])
		if loc == nil {
			break
		}
		key := string(pdf[p+loc[2]:p+loc[3]]) + " " + string(pdf[p+loc[4]:p+loc[5]])
		start := p + loc[1]
		// The object ends at "endobj"; a stream in between is skipped by its
		// /Length when that is a plain number, else up to "endstream".
		var body []byte
		end := len(pdf)
		m := streamRE.FindIndex(pdf[start:])
		switch {
		case m == nil:
			body = pdf[start:]
		case bytes.HasPrefix(pdf[start+m[0]:], []byte("endobj")):
			body = pdf[start : start+m[0]]
			end = start + m[1]
		default:
			body = pdf[start : start+m[0]]
			data := start + m[1]
			after := -1
			if l := lengthRE.FindSubmatch(body); l != nil {
				if n, err := strconv.Atoi(string(l[1])); err == nil && data+n <= len(pdf) &&
					bytes.Contains(pdf[data+n:min(len(pdf), data+n+16)], []byte("endstream")) {
					after = data + n
				}
			}
			if after < 0 {
				if i := bytes.Index(pdf[data:], []byte("endstream")); i >= 0 {
					after = data + i
				} else {
					after = len(pdf)
				}
			}
			end = after
			if i := bytes.Index(pdf[after:], []byte("endobj")); i >= 0 {
				end = after + i + len("endobj")
			}
		}
		objs[key] = body
		p = end
	}
	return objs
}
