package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's extension.GFM (tables, strikethrough, autolinks, task
// lists) with its autolink parser behind quickLinkify.
var gfm goldmark.Extender = gfmExtender{links: true}

// gfmNoLinks is gfm without autolinks, which Converter parses with first
// (see Converter.parse).
var gfmNoLinks goldmark.Extender = gfmExtender{}

type gfmExtender struct {
	links bool // autolinks
}

func (e gfmExtender) Extend(m goldmark.Markdown) {
	if e.links {
		m.Parser().AddOptions(parser.WithInlineParsers(
			// The priority extension.Linkify registers its parser with.
			util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999),
		))
	}
	extension.Table.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
}

// quickLinkify puts a quick refusal in front of goldmark's autolink
// parser. That parser is called at every blank of every paragraph and
// then tries four prefixes and an e-mail scan: a third of the time
// goldmark spends parsing an item body. Before any of that it returns
// nil unless the text after the blank starts as a link can ("http:",
// "https:", "ftp:", "www.") or an '@' follows within an e-mail
// address's 64-byte local part, which the parser requires too; it has
// done nothing to the text yet when it returns nil, so refusing first
// changes no output. TestQuickLinkifyMatchesGFM and
// FuzzQuickLinkifyMatchesGFM compare both on every input.
type quickLinkify struct {
	parser.InlineParser
}

// noAddress is set in a parse's context when its source has no '@', so
// that quickLinkify need not look for one after every blank.
var noAddress = parser.NewContextKey()

func (q quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(': // the trigger, which the parser skips
			line = line[1:]
		}
	}
	url := len(line) > 0 && (line[0] == 'h' || line[0] == 'f' || line[0] == 'w')
	if !url && (pc.Get(noAddress) != nil || bytes.IndexByte(line[:min(len(line), 65)], '@') < 0) {
		return nil
	}
	return q.InlineParser.Parse(parent, block, pc)
}

// mayLink reports whether text could start an autolink: it holds an '@'
// (an e-mail address) or a prefix goldmark's autolink parser starts a
// link with ("http:", "https:", "ftp:", "www.").
func mayLink(text []byte) bool {
	if bytes.IndexByte(text, '@') >= 0 || bytes.Contains(text, wwwPrefix) {
		return true
	}
	if bytes.IndexByte(text, ':') < 0 {
		return false
	}
	return bytes.Contains(text, httpPrefix) || bytes.Contains(text, httpsPrefix) || bytes.Contains(text, ftpPrefix)
}

// triggers says which of mayLink's triggers a whole source holds. A
// text node is part of its source, so it can hold only what the source
// does: most bodies hold neither '@' nor "www.", and their texts then
// need one search (for ':') instead of three.
type triggers struct{ at, www, colon bool }

// triggersIn finds mayLink's triggers in src.
func triggersIn(src []byte) triggers {
	return triggers{bytes.IndexByte(src, '@') >= 0, bytes.Contains(src, wwwPrefix), bytes.IndexByte(src, ':') >= 0}
}

// mayLink is mayLink for text, a part of a source that holds t.
func (t triggers) mayLink(text []byte) bool {
	if t.at && bytes.IndexByte(text, '@') >= 0 || t.www && bytes.Contains(text, wwwPrefix) {
		return true
	}
	if !t.colon || bytes.IndexByte(text, ':') < 0 {
		return false
	}
	return bytes.Contains(text, httpPrefix) || bytes.Contains(text, httpsPrefix) || bytes.Contains(text, ftpPrefix)
}

var (
	wwwPrefix   = []byte("www.")
	httpPrefix  = []byte("http:")
	httpsPrefix = []byte("https:")
	ftpPrefix   = []byte("ftp:")
)
