package check

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
	"github.com/roadmapgen/roadmapgen/internal/model"
)

// publicText runs the rules about what reaches the public page: dates
// (here), markup in Markdown fields (publicMarkup) and internal text
// repeated in public copy (leaks).
//
// Customers read any date on a public roadmap as a promise, so no field
// that can reach the public page may hold one. Fields are checked whether
// or not the item is public today: visibility is one line away.
//
// These rules scan text, which makes them the costliest of a run, and
// their findings depend on nothing but the fields they scan: roadmap.toml's
// for frameText, one item's front matter and the roadmap's teams for
// itemText. A Cache keeps them per document (see Cache).
func (c *checker) publicText(ctx context.Context) {
	cache := c.opts.Cache
	cached := cache.begin(c.p.Origin.Doc())
	switch {
	case !cached:
		c.frameText()
	case !cache.framed:
		var l diag.List
		c.into(&l).frameText()
		cache.frame, cache.framed = l.Sorted(), true
		fallthrough
	default:
		replay(c.diags, cache.frame)
	}
	if !cached {
		c.itemTexts(ctx)
		return
	}
	n := 0
	for _, it := range c.p.Items {
		if ctx.Err() != nil {
			return // what the cache holds is still true: nothing is dropped
		}
		doc := it.Origin.Doc()
		if doc == nil {
			c.itemText(it)
			continue
		}
		found, ok := cache.item(doc)
		if !ok {
			var l diag.List
			c.into(&l).itemText(it)
			found = l.Sorted()
			cache.keep(doc, found)
		}
		replay(c.diags, found)
		n++
	}
	cache.end(n)
}

// itemTexts runs itemText over every item on GOMAXPROCS workers, each
// item's findings into a list of its own, and adds them in item order:
// the same list, in the same order, as one loop would make. Items are
// handed out in blocks; what an item's scan reads (its fields, the
// teams, the converters, the date detector and the positions of its own
// file) is read-only or safe for concurrent use once made.
func (c *checker) itemTexts(ctx context.Context) {
	c.converters()
	c.teams()
	items := c.p.Items
	found := make([]*diag.List, len(items))
	const block = 64
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(items)+block-1)/block) {
		wg.Go(func() {
			for ctx.Err() == nil {
				start := int(next.Add(block)) - block
				if start >= len(items) {
					return
				}
				for i := start; i < min(start+block, len(items)); i++ {
					var l diag.List
					c.into(&l).itemText(items[i])
					if l.Len() > 0 {
						found[i] = &l
					}
				}
			}
		})
	}
	wg.Wait()
	for _, l := range found {
		if l != nil {
			c.diags.AddAll(l)
		}
	}
}

// frameText applies the public-text rules to roadmap.toml: the [public]
// table and each theme.
func (c *checker) frameText() {
	pub := c.p.Public
	c.noDate(pub.Origin, "title", pub.Title, "[public] title")
	c.noDateShown(pub.Origin, "intro", pub.Intro, "[public] intro")
	c.noDate(pub.Origin, "feedback_url", pub.FeedbackURL, "[public] feedback_url")
	for _, th := range c.p.Themes {
		c.noDate(th.Origin, "public_title", th.PublicTitle, "public_title of theme "+quote(th.ID))
		c.noDateShown(th.Origin, "public_summary", th.PublicSummary, "public_summary of theme "+quote(th.ID))
	}
	c.publicMarkup()
}

// itemText applies the public-text rules to one item.
func (c *checker) itemText(it *model.Item) {
	c.noDate(it.Origin, "public_title", it.PublicTitle, "public_title")
	c.noDateShown(it.Origin, "public_summary", it.PublicSummary, "public_summary")
	if it.Public() && it.PublicTitle == "" {
		c.noDate(it.Origin, "title", it.Title, "title (shown publicly because the item has no public_title)")
	}
	_, public := c.converters()
	c.fieldMarkup(public, it.Origin, "public_summary", it.PublicSummary, "public_summary of item "+quote(it.ID))
	c.leaks(it)
}

// noDate reports the first date-like text in a field, and how many more
// there are: one message per field is enough to act on, and a hostile
// field with thousands of dates must not print thousands of messages. It
// reports whether it found any. It first refuses characters that reorder
// how the field displays (noReordering), which the detector cannot see
// through.
func (c *checker) noDate(o model.Origin, field, value, what string) bool {
	c.noReordering(o, field, value, what)
	all := c.opts.Dates.FindAll(value)
	if len(all) == 0 {
		return c.noDateReordered(o, field, value, what, value)
	}
	m := all[0]
	c.diags.Errorf(o.StringPos(field, value, m.Start), "%s contains date-like text %q (%s)%s: %s",
		what, m.Text, m.Kind, morePhrases(len(all)), noDatesWhy)
	return true
}

// noDatesWhy ends every message about a date in public text.
const noDatesWhy = "the public page never shows dates, because customers read them as promises; describe the problem, not the timing"

func morePhrases(n int) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" (and %d more date-like phrases in this field)", n-1)
}

// markdownSyntax are the characters without which a Markdown field shows
// the text it is written in (blank lines and line breaks aside, which
// the detector reads as spaces): entities, tags and comments, code,
// emphasis, strike-through, escapes and links.
const markdownSyntax = "&<`*_~\\["

// noDateShown is noDate for a Markdown field, which is also checked as the
// public page shows it (markdown.VisibleText): an entity, markup or a
// comment hides a date from the source and not from a reader
// ("Q&#51;", "20`27`", "next&nbsp;quarter", "20<!---->27"), and an entity
// can write a bidirectional control ("&#x202E;7202"). Such a date or
// control is reported at the field, since it has no place in the source.
func (c *checker) noDateShown(o model.Origin, field, value, what string) {
	dated := c.noDate(o, field, value, what)
	if !strings.ContainsAny(value, markdownSyntax) {
		return
	}
	at, _, _ := firstReordering(value)
	reordered := at >= 0
	if dated && reordered {
		return
	}
	_, public := c.converters()
	h, err := public.String(value)
	if err != nil {
		return // not renderable: render reports it
	}
	shown := markdown.VisibleText(h)
	if !reordered {
		if at, r, more := firstReordering(shown); at >= 0 {
			c.diags.Errorf(o.StringPos(field, value, 0), "%s shows %s once its Markdown is rendered%s, %s",
				what, bidiName(r), moreControls(more), noReorderingWhy)
		}
	}
	if dated {
		return
	}
	all := c.opts.Dates.FindAll(shown)
	if len(all) == 0 {
		c.noDateReordered(o, field, value, what, shown)
		return
	}
	m := all[0]
	c.diags.Errorf(o.StringPos(field, value, 0), "%s shows date-like text %q (%s) once its Markdown is rendered%s: %s",
		what, m.Text, m.Kind, morePhrases(len(all)), noDatesWhy)
}

// Bidirectional controls change the order in which a browser displays
// text without being shown themselves: "\u202e7202" displays as "2027",
// and a right-to-left mark moves a space out of a number ("20\u200f
// \u200f27" displays as "2027 "). The date detector reads text in the
// order it is stored, so a public field may hold none of them:
//   - the embeddings, overrides and isolates and the characters that end
//     them (U+202A to U+202E, U+2066 to U+2069);
//   - the right-to-left and Arabic letter marks (U+200F, U+061C): in the
//     left-to-right page they only make neighboring spaces and
//     punctuation, and the numbers beside them, run right to left.
//
// The left-to-right mark (U+200E) is allowed: it is a character of the
// page's own direction, so in English copy it changes nothing (Chromium
// shows "20\u200e \u200e27" as "20 27"), and beside right-to-left text it
// pulls neighboring spaces and punctuation back into left-to-right order
// rather than out of it. The date detector ignores it like any invisible
// character.
// Right-to-left letters reorder the numbers beside them too ("20א27"
// displays as "2027א"); they are words a page may need, so instead the
// date detector also reads such text with them taken out
// (noDateReordered).

// noDateReordered reports a date that text, the field's value or what its
// Markdown shows, displays once right-to-left letters reorder the numbers
// beside them: "20א27" and "20א 27" display as "2027א" and "2027 א". The
// detector reads the text with each run of right-to-left letters and the
// white space around it taken out (rtlJoined), which joins the numbers
// such a run can bring together; it may also join numbers the page shows
// apart ("20 א 27"), and then asks for a rewording where none was needed,
// the safe side for a public page. It reports whether it found a date.
func (c *checker) noDateReordered(o model.Origin, field, value, what, text string) bool {
	joined, at := rtlJoined(text)
	if at < 0 {
		return false
	}
	all := c.opts.Dates.FindAll(joined)
	if len(all) == 0 {
		return false
	}
	pos := o.StringPos(field, value, 0)
	if text == value {
		pos = o.StringPos(field, value, at)
	}
	m := all[0]
	c.diags.Errorf(pos, "%s shows date-like text %q (%s) once right-to-left letters reorder the numbers beside them%s: %s",
		what, m.Text, m.Kind, morePhrases(len(all)), noDatesWhy)
	return true
}

// rtlJoined returns s with every run of right-to-left letters (and the
// marks on them) and the white space on either side of the run taken out,
// and the offset of the first such letter, or -1 when s has none (then s
// is returned as it is).
func rtlJoined(s string) (string, int) {
	first := -1
	for i, r := range s {
		if r >= 0x590 && rtlLetter(r) {
			first = i
			break
		}
	}
	if first < 0 {
		return s, -1
	}
	b := make([]byte, 0, len(s))
	inRun := false
	for _, r := range s {
		switch {
		case rtlLetter(r) || inRun && unicode.IsMark(r):
			if !inRun {
				// The white space before the run goes with it.
				b = bytes.TrimRightFunc(b, unicode.IsSpace)
			}
			inRun = true
		case inRun && unicode.IsSpace(r):
			// and the white space after it.
		default:
			inRun = false
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b), first
}

// rtlLetter reports letters of the scripts written right to left (bidi
// classes R and AL). Their digits (Arabic-Indic) are not letters: the
// detector reads them as digits.
func rtlLetter(r rune) bool {
	return r >= 0x590 && unicode.IsLetter(r) && unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac,
		unicode.Thaana, unicode.Nko, unicode.Samaritan, unicode.Mandaic, unicode.Adlam, unicode.Hanifi_Rohingya,
		unicode.Mende_Kikakui, unicode.Imperial_Aramaic, unicode.Phoenician, unicode.Kharoshthi, unicode.Avestan,
		unicode.Yezidi, unicode.Old_Hungarian, unicode.Nabataean, unicode.Palmyrene)
}

// bidiNames names the characters noReordering refuses.
var bidiNames = map[rune]string{
	0x061c: "ARABIC LETTER MARK",
	0x200f: "RIGHT-TO-LEFT MARK",
	0x202a: "LEFT-TO-RIGHT EMBEDDING",
	0x202b: "RIGHT-TO-LEFT EMBEDDING",
	0x202c: "POP DIRECTIONAL FORMATTING",
	0x202d: "LEFT-TO-RIGHT OVERRIDE",
	0x202e: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
}

// noReorderingWhy ends every message about a bidirectional control.
const noReorderingWhy = "which can reorder how the text displays; remove it"

// noReordering reports the first bidirectional control in a field, at the
// character, and how many more there are.
func (c *checker) noReordering(o model.Origin, field, value, what string) {
	if at, r, more := firstReordering(value); at >= 0 {
		c.diags.Errorf(o.StringPos(field, value, at), "%s contains %s%s, %s", what, bidiName(r), moreControls(more), noReorderingWhy)
	}
}

// firstReordering returns the offset in s of the first character that
// bidiNames lists, or -1, that character, and how many more follow it.
// Each of them is encoded with a lead byte of 0xd8 (U+061C) or 0xe2 (the
// others), so the other bytes are passed over one comparison each.
func firstReordering(s string) (at int, first rune, more int) {
	at = -1
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != 0xe2 && c != 0xd8 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		if _, bidi := bidiNames[r]; !bidi {
			continue
		}
		if at < 0 {
			at, first = i, r
		} else {
			more++
		}
	}
	return at, first, more
}

// bidiName names a bidirectional control the way Unicode does:
// "U+202E RIGHT-TO-LEFT OVERRIDE".
func bidiName(r rune) string {
	return fmt.Sprintf("%U %s", r, bidiNames[r])
}

func moreControls(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " (and 1 more such character in this field)"
	}
	return fmt.Sprintf(" (and %d more such characters in this field)", n)
}

func quote(s string) string { return `"` + s + `"` }

// markdown: item bodies are untrusted. Raw HTML is dropped when rendering
// and script links are neutralized; say so where the author can fix it.
// A body load left unconverted (a build's deferred load) is judged where
// its page converts it (BodyWarnings).
func (c *checker) markdown(it *model.Item) {
	body := &it.Body
	if !body.Converted() {
		return
	}
	for _, d := range BodyWarnings(it, body.Text(), body.Dropped) {
		c.diags.Add(d)
	}
}

// BodyWarnings returns what rendering drops from the body of it (found when
// converting or scanning text, its Markdown): raw HTML and refused links,
// once per item and kind of problem (with a count), so that a hostile body
// cannot flood the output. Run reports them for a body converted at load;
// a build that converts bodies at their pages asks for each.
func BodyWarnings(it *model.Item, text []byte, found markdown.Dropped) []diag.Diagnostic {
	if len(found.HTML) == 0 && len(found.Links) == 0 {
		return nil
	}
	body := &it.Body
	pos := func(off int) diag.Pos { return diag.At(body.File, text, off, body.Line) }
	var out []diag.Diagnostic
	if len(found.HTML) > 0 {
		out = append(out, diag.Diagnostic{Pos: pos(found.HTML[0]), Severity: diag.Warning,
			Message: fmt.Sprintf("raw HTML in the body of %q is not rendered: write Markdown instead%s", it.ID, andMore(len(found.HTML), "raw HTML", "body"))})
	}
	if len(found.Links) > 0 {
		out = append(out, diag.Diagnostic{Pos: pos(found.Links[0]), Severity: diag.Warning,
			Message: fmt.Sprintf("link to %q in the body of %q will be removed: only http, https, mailto and relative links are kept%s", truncate(found.FirstLink, 40), it.ID, andMore(len(found.Links), "such link", "body"))})
	}
	return out
}

// publicMarkup applies the body's rule to the Markdown fields of
// roadmap.toml: the public intro and theme summaries, and theme
// descriptions (itemText does the same for an item's public_summary).
// Public fields also lose relative links that climb out of the public site
// ("../internal/"), as the renderer drops them.
func (c *checker) publicMarkup() {
	internal, public := c.converters()
	pub := c.p.Public
	c.fieldMarkup(public, pub.Origin, "intro", pub.Intro, "[public] intro")
	for _, th := range c.p.Themes {
		c.fieldMarkup(internal, th.Origin, "description", th.Description, "description of theme "+quote(th.ID))
		c.fieldMarkup(public, th.Origin, "public_summary", th.PublicSummary, "public_summary of theme "+quote(th.ID))
	}
}

// fieldMarkup reports raw HTML and refused links in one Markdown field,
// once per kind of problem, at the first occurrence. md is the converter
// the field is rendered with, so check and the page agree on what is
// dropped.
func (c *checker) fieldMarkup(md *markdown.Converter, o model.Origin, field, value, what string) {
	if value == "" {
		return
	}
	kept := "only http, https, mailto and relative links are kept"
	if md.Public() {
		kept = "only http, https, mailto and relative links inside the public site are kept"
	}
	found := md.Scan(value)
	if len(found.HTML) > 0 {
		c.diags.Warnf(o.StringPos(field, value, found.HTML[0]), "raw HTML in %s is not rendered: write Markdown instead%s", what, andMore(len(found.HTML), "raw HTML", "field"))
	}
	if len(found.Links) > 0 {
		c.diags.Warnf(o.StringPos(field, value, found.Links[0]), "link to %q in %s will be removed: %s%s",
			truncate(found.FirstLink, 40), what, kept, andMore(len(found.Links), "such link", "field"))
	}
}

// andMore says how many more of a problem follow the first one reported
// in a body or field.
func andMore(n int, what, where string) string {
	if n < 2 {
		return ""
	}
	return fmt.Sprintf(" (and %d more %s in this %s)", n-1, what, where)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
