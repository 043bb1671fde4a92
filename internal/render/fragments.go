package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"sync"
)

// fragments caches the HTML of partial templates for one set of pages
// (one Internal call), keyed by template name and the key values a
// theme passes to partialCached. A site's frame (its head links,
// navigation, review line and footer) is the same on thousands of item
// pages; executing it once per distinct key instead of once per page
// saves most of the reflection html/template spends on an item page.
//
// A cache lives as long as the pages it was made for, so a server that
// rebuilds after every save starts each rebuild with an empty one.
type fragments struct {
	m sync.Map // string -> template.HTML
}

// fragmentCacher is data that carries a fragment cache: the site of
// the internal views, and every view, through the page it embeds.
type fragmentCacher interface {
	fragmentCache() *fragments
}

func (s *site) fragmentCache() *fragments { return s.frags }

func (p *page) fragmentCache() *fragments { return p.Site.frags }

// noPartialCached stands in for partialCached while the theme is parsed;
// New replaces it in every layout's set before any page is executed.
func noPartialCached(string, any, ...any) (template.HTML, error) {
	return "", errors.New("partialCached: not bound to a template set")
}

// partialCached returns the partialCached function of one layout's
// template set: {{partialCached "name" . key...}} executes the template
// "name" with the given data and returns its HTML. With a cache on the
// data, the first page with the same name and keys executes it and
// later pages reuse the HTML, so the keys must say everything the
// template's output depends on. Without one (the public page) it just
// executes the template.
func partialCached(set *template.Template) func(string, any, ...any) (template.HTML, error) {
	return func(name string, data any, keys ...any) (template.HTML, error) {
		c, _ := data.(fragmentCacher)
		var cache *fragments
		if c != nil {
			cache = c.fragmentCache()
		}
		var key string
		if cache != nil {
			key = name
			for _, k := range keys {
				if s, ok := k.(string); ok {
					key += "\x00" + s
				} else {
					key += "\x00" + fmt.Sprint(k)
				}
			}
			if html, ok := cache.m.Load(key); ok {
				return html.(template.HTML), nil
			}
		}
		var buf bytes.Buffer
		if err := set.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		html := template.HTML(buf.String())
		if cache != nil {
			// Two workers may both miss: they make the same HTML, and
			// the first one stored is kept.
			v, _ := cache.m.LoadOrStore(key, html)
			html = v.(template.HTML)
		}
		return html, nil
	}
}
