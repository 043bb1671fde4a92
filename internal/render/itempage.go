package render

import (
	"html/template"
	"io"
	"sync"

	"github.com/roadmapgen/roadmapgen/internal/htmlesc"
	"github.com/roadmapgen/roadmapgen/internal/theme"
)

// The item page is the page a build writes once per item, and executing
// layouts/item.html inside base.html cost about 30 microseconds a page:
// some twenty actions, each escaper and field reached through
// reflection. With the default theme's templates, itemPage writes the
// same bytes in Go; the frame that is the same on many pages (head
// links, navigation, review line, footer) still comes from the theme's
// partials through the fragment cache, executed once per key.
//
// A theme folder that overrides base.html, item.html or any partial
// (which could redefine one the page uses) gets the templates, as does
// a page with pagination links, which no item page has.
// TestItemPageMatchesTemplate holds both to the same bytes, minified and
// readable, on the example roadmap and generated ones.

// itemPageFiles are the theme files the item page is executed from.
var itemPageFiles = []string{"layouts/base.html", "layouts/item.html", "partials/"}

// itemPageInGo reports whether the item page may be written by itemPage:
// none of the files it is executed from is overridden.
func itemPageInGo(th *theme.Theme) bool {
	for _, p := range itemPageFiles {
		if th.Overrides(p) {
			return false
		}
	}
	return true
}

// itemPage writes iv's page as the default theme's item.html does, with
// the shared fragments from r.itemFrame (the item set's partialCached).
func (r *Renderer) itemPage(w io.Writer, iv *itemView) error {
	minified := r.opts.Minify
	// nl is a line break the minifier took out of the template.
	nl := "\n"
	if minified {
		nl = ""
	}
	f, err := iv.Site.itemFrame.get(r.itemFrame, iv)
	if err != nil {
		return err
	}
	headLinks, header, review, footer := f.headLinks, f.header, f.review, f.footer

	buf := iv.Site.bufs.get()
	defer iv.Site.bufs.put(buf)
	b := *buf
	if minified {
		b = append(b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="color-scheme" content="light dark"><title>`...)
	} else {
		b = append(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>"...)
	}
	b = htmlesc.AppendText(b, iv.Title)
	b = append(b, " · "...)
	b = htmlesc.AppendText(b, iv.Site.Title)
	b = append(b, "</title>"...)
	b = append(b, nl...)
	if iv.Canonical != "" {
		b = append(b, `<link rel="canonical" href="`...)
		b = htmlesc.AppendHref(b, iv.Canonical)
		b = append(b, "\">\n"...)
	}
	b = append(b, headLinks...)
	b = append(b, nl...)
	b = append(b, "</head>"...)
	b = append(b, nl...)
	b = append(b, `<body class="view-`...)
	b = htmlesc.AppendText(b, iv.View)
	b = append(b, `">`...)
	b = append(b, nl...)
	b = append(b, "<a class=\"skip\" href=\"#main\">Skip to content</a>\n"...)
	b = append(b, header...)
	b = append(b, nl...)
	b = append(b, `<main id="main">`...)
	b = append(b, nl...)
	b = append(b, `<header class="view">`...)
	b = append(b, nl...)
	b = append(b, `<p class="audience">`...)
	b = htmlesc.AppendText(b, iv.Audience)
	b = append(b, "</p>"...)
	b = append(b, nl...)
	b = append(b, "<h1>"...)
	b = htmlesc.AppendText(b, iv.Title)
	b = append(b, "</h1>"...)
	b = append(b, nl...)
	if iv.Lede != "" {
		b = append(b, `<p class="lede">`...)
		b = htmlesc.AppendText(b, iv.Lede)
		b = append(b, "</p>"...)
		b = append(b, nl...)
	}
	b = append(b, review...)
	b = append(b, "\n</header>"...)
	b = append(b, nl...)

	// layouts/item.html's "main".
	b = append(b, nl...)
	b = append(b, `<p class="badges">`...)
	b = iv.appendBadges(b)
	b = append(b, "</p>"...)
	b = append(b, nl...)
	if len(iv.Flags) > 0 {
		b = append(b, `<ul class="flags">`...)
		for _, f := range iv.Flags {
			b = append(b, "<li>⚠ "...)
			b = htmlesc.AppendText(b, f)
			b = append(b, "</li>"...)
		}
		b = append(b, "</ul>"...)
	}
	b = append(b, nl...)
	b = append(b, `<dl class="facts">`...)
	b = iv.appendFacts(b)
	b = append(b, "</dl>"...)
	b = append(b, nl...)
	if iv.Body != "" {
		b = append(b, `<section class="prose" aria-label="Description">`...)
		b = append(b, iv.Body...)
		b = append(b, "</section>"...)
	}
	b = append(b, '\n')
	if iv.Item.Public {
		b = append(b, nl...)
		b = append(b, `<section class="public-copy" aria-labelledby="public-copy">`...)
		b = append(b, nl...)
		b = append(b, `<h2 id="public-copy">On the public page</h2>`...)
		b = append(b, nl...)
		b = append(b, "<p><strong>"...)
		b = htmlesc.AppendText(b, iv.PublicTitle)
		b = append(b, "</strong></p>"...)
		b = append(b, nl...)
		if iv.PublicSummary != "" {
			b = append(b, `<div class="prose">`...)
			b = append(b, iv.PublicSummary...)
			b = append(b, "</div>"...)
		}
		b = append(b, nl...)
		b = append(b, "</section>"...)
		b = append(b, nl...)
	}
	b = append(b, nl...)
	b = append(b, `<p class="source">Source: <code>`...)
	b = htmlesc.AppendText(b, iv.Source)
	b = append(b, "</code></p>"...)
	b = append(b, nl...)
	// Back in base.html.
	b = append(b, nl...)
	b = append(b, "</main>"...)
	b = append(b, nl...)
	b = append(b, footer...)
	if minified {
		b = append(b, "</body></html>\n"...)
	} else {
		b = append(b, "\n</body>\n</html>\n\n\n"...)
	}
	*buf = b
	_, err = w.Write(b)
	return err
}

// frameFunc is a template set's partialCached.
type frameFunc = func(name string, data any, keys ...any) (template.HTML, error)

// itemFrame is the frame every item page shares: each item page is at
// the same depth in the same view, so the fragments' keys are the same
// and are looked up once per build instead of four times a page.
type itemFrame struct {
	once                              sync.Once
	headLinks, header, review, footer template.HTML
	err                               error
}

// get returns the frame, made by frame for iv's page on the first call.
func (f *itemFrame) get(frame frameFunc, iv *itemView) (*itemFrame, error) {
	f.once.Do(func() {
		if f.headLinks, f.err = frame("head-links", iv, iv.Root); f.err != nil {
			return
		}
		if f.header, f.err = frame("site-header", iv, iv.Root, iv.View); f.err != nil {
			return
		}
		if f.review, f.err = frame("review", iv.Site); f.err != nil {
			return
		}
		f.footer, f.err = frame("site-footer", iv.Site)
	})
	return f, f.err
}
