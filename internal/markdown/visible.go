package markdown

import (
	"html"
	"html/template"
	"strings"
)

// VisibleText returns the text a reader sees in HTML made by a Converter:
// tags removed and entities decoded, so that what check scans for dates is
// what the page shows, not its Markdown ("Q&#51;", "20`27`" and
// "next&nbsp;quarter" read "Q3", "2027" and "next quarter").
//
//   - Inline elements (links, emphasis, code, strike-through) add nothing
//     where they open or close: "20<strong>27</strong>" reads "2027".
//   - Any other tag, such as a paragraph's or a list item's, stands for a
//     line break, so that the words of two blocks do not run together.
//   - An image reads as its alt text, which a browser shows in its place;
//     a title attribute (a tooltip) reads as a line of its own.
//
// It relies on what the converters write: no raw HTML, and no '>' inside
// a tag (goldmark escapes it in attribute values).
func VisibleText(h template.HTML) string {
	s := string(h)
	var b strings.Builder
	b.Grow(len(s))
	for {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(html.UnescapeString(s))
			return b.String()
		}
		b.WriteString(html.UnescapeString(s[:lt]))
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 { // not a tag the converters write: keep it as text
			b.WriteString(html.UnescapeString(s[lt:]))
			return b.String()
		}
		tag := s[lt+1 : lt+gt]
		s = s[lt+gt+1:]
		name := strings.ToLower(tagName(tag))
		switch name {
		case "a", "em", "strong", "code", "del", "s", "span":
		case "img":
			b.WriteString(attr(tag, "alt"))
		default:
			b.WriteByte('\n')
		}
		if t := attr(tag, "title"); t != "" {
			b.WriteString("\n" + t + "\n")
		}
	}
}

// tagName is the name a tag's text (between < and >) starts with, without
// the slash of an end tag.
func tagName(tag string) string {
	tag = strings.TrimPrefix(tag, "/")
	if end := strings.IndexAny(tag, " \t\n/"); end >= 0 {
		return tag[:end]
	}
	return tag
}

// attr returns the decoded value of a double-quoted attribute in a tag's
// text, or "".
func attr(tag, name string) string {
	for i := 0; ; {
		j := strings.Index(tag[i:], " "+name+`="`)
		if j < 0 {
			return ""
		}
		start := i + j + len(name) + 3
		end := strings.IndexByte(tag[start:], '"')
		if end < 0 {
			return ""
		}
		// A match inside another attribute's value would follow an odd
		// number of quotes; goldmark escapes quotes in values, so a
		// value never holds one.
		if strings.Count(tag[:i+j], `"`)%2 == 0 {
			return html.UnescapeString(tag[start : start+end])
		}
		i = start + end + 1
	}
}
