// Package render turns the ranked plan into the files of the two output
// roots: the internal views (plan, executive, release plan, technology,
// portfolio, one page per item) and the public page. Templates come from
// the theme; pictures are laid out by package chart and drawn by the
// theme's "svg" partial. Pages are rendered in parallel and returned sorted
// by path, so output never depends on scheduling.
//
// Safety: templates are html/template, so every value is escaped for its
// context. The only text marked safe is goldmark's output (raw HTML off,
// unsafe link destinations dropped). The public page is rendered from
// public.Plan, a type that holds only allow-listed fields.
package render

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/public"
	"github.com/roadmapgen/roadmapgen/internal/theme"
	"github.com/roadmapgen/roadmapgen/internal/write"
)

// Options configure a render.
type Options struct {
	Theme *theme.Theme
	// BaseURL is the absolute URL a root is served from, for canonical
	// links; "" leaves them out. Links between pages are always relative.
	BaseURL string
	// PublicBaseURL is the same for the public root.
	PublicBaseURL string
	// Today judges whether the review is overdue.
	Today time.Time
	// Warnings are check's warnings, listed on the plan view.
	Warnings []diag.Diagnostic
	// BodyWarnings is called with each body that load left unconverted
	// (a build's: source.Loader.Defer) when its page converts it, with
	// its Markdown and what converting dropped. It must be safe for
	// concurrent use and must not keep text, which the item lets go once
	// its page and roadmap.json are written.
	// The plan view lists what it returns with Warnings, and its first
	// page is then made after every item page (write.File.Later). Nil
	// lists Warnings alone.
	BodyWarnings func(it *model.Item, text []byte, found markdown.Dropped) []diag.Diagnostic
	// Minify minifies the theme's templates once, so that every page comes
	// out minified (and is marked so for the writer) at no cost per page.
	Minify bool
	// Release lets Internal drop each item's body once the files that read
	// it are made: the Markdown once roadmap.json and the item's page
	// are, the HTML once the item's page is. Nothing else reads them.
	// build sets it, since nothing reads the model after writing and at
	// 10,000 items the bodies are most of the live heap; a server, which
	// renders again from the same model, must not. Each file is then
	// made once.
	Release bool
}

// Renderer renders one build. Create it with New; it holds the parsed
// templates and the Markdown renderer.
type Renderer struct {
	opts Options
	tmpl map[string]*template.Template
	md   *markdown.Converter
	// itemFrame is the item set's partialCached when the item page is
	// written in Go (itemPage), nil when it is executed from the theme.
	itemFrame frameFunc
	// direct holds the layouts whose pages' Go-written fragments write
	// straight into the page (page.emit): those the theme folder leaves
	// as the default theme's, with base.html and the partials.
	direct map[string]bool
}

// directLayouts are the default layouts that print each Go-written
// fragment (RankedRows, TableRows, Articles, PagesNav, a figure's HTML)
// at the action that makes it, never keeping or testing its value, so that the
// fragment may write itself into the page then (page.emit). A theme
// folder that overrides one of them, base.html or a partial (the
// "pages" partial prints PagesNav) has its pages take the fragments'
// HTML instead, whatever it does with it.
var directLayouts = []string{"plan", "releases", "technology", "executive", "portfolio"}

// New parses the theme's templates.
func New(opts Options) (*Renderer, error) {
	r := &Renderer{opts: opts, md: markdown.New()}
	var prepare func([]byte) ([]byte, error)
	if opts.Minify {
		prepare = write.NewMinifier().Template
	}
	tmpl, err := opts.Theme.Templates(template.FuncMap{
		"num":           func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) },
		"partialCached": noPartialCached,
	}, prepare)
	if err != nil {
		return nil, err
	}
	for name, t := range tmpl {
		pc := partialCached(t)
		t.Funcs(template.FuncMap{"partialCached": pc})
		if name == "item" && itemPageInGo(opts.Theme) {
			r.itemFrame = pc
		}
	}
	for _, name := range []string{"plan", "executive", "releases", "technology", "portfolio", "item", "public"} {
		if tmpl[name] == nil {
			return nil, fmt.Errorf("theme: layouts/%s.html is missing", name)
		}
	}
	r.tmpl = tmpl
	r.direct = map[string]bool{}
	if !opts.Theme.Overrides("layouts/base.html") && !opts.Theme.Overrides("partials/") {
		for _, name := range directLayouts {
			r.direct[name] = !opts.Theme.Overrides("layouts/" + name + ".html")
		}
	}
	return r, nil
}

// job is one page to render.
type job struct {
	path   string
	layout string
	data   func() (any, error)
}

// lender is page data holding buffers lent for one execution of its page.
type lender interface{ release() }

// page is the file of a job. It is rendered when the writer asks for it
// (write.File.Make), so pages are rendered in parallel as they are written
// and a build does not hold them all in memory.
func (r *Renderer) page(j job) write.File {
	return write.File{Path: j.path, Minified: r.opts.Minify, Make: func(w io.Writer) error {
		data, err := j.data()
		if err == nil {
			if iv, ok := data.(*itemView); ok && r.itemFrame != nil && len(iv.Pages) == 0 {
				err = r.itemPage(w, iv)
			} else {
				if d, ok := data.(interface{ writeInto(io.Writer) }); ok && r.direct[j.layout] {
					d.writeInto(w)
				}
				err = r.tmpl[j.layout].Execute(w, data)
			}
			if l, ok := data.(lender); ok {
				l.release()
			}
		}
		if err != nil {
			return fmt.Errorf("render %s: %w", j.path, err)
		}
		return nil
	}}
}

// assets returns the theme's assets as files under assets/. Assets under
// internal/ belong to the internal root only.
func (r *Renderer) assets(public bool) []write.File {
	var out []write.File
	for _, a := range r.opts.Theme.Assets() {
		if public && strings.HasPrefix(a.Path, "internal/") {
			continue
		}
		out = append(out, write.File{Path: "assets/" + a.Path, Data: a.Data})
	}
	return out
}

// itemPath is where the page of the item with this id is written. Item
// pages are files in one folder, not items/<id>/index.html: a folder per
// item made folder creation the largest cost of a big build, and a plain
// file opens the same from a web server and from disk.
func itemPath(id string) string { return itemDir + id + itemExt }

// itemDir and itemExt make an item page's path (itemPath, href).
const itemDir, itemExt = "items/", ".html"

// canonical joins a base URL and a page path ("" without a base URL).
func canonical(base, p string) string {
	if base == "" {
		return ""
	}
	u, err := url.Parse(strings.TrimSuffix(base, "/") + "/")
	if err != nil {
		return ""
	}
	dir, isIndex := strings.CutSuffix(p, "index.html")
	u = u.JoinPath(dir)
	if isIndex && !strings.HasSuffix(u.Path, "/") { // JoinPath drops it for the root's page
		u.Path += "/"
	}
	return u.String()
}

// Internal renders the internal root. Its files are sorted by path,
// except that roadmap.json, the largest, comes first: a writer that makes
// files in order starts it first instead of making it alone at the end,
// and with Options.Release the bodies' Markdown goes early.
func (r *Renderer) Internal(ctx context.Context, p *plan.Plan) ([]write.File, error) {
	views, items := r.internalJobs(p)
	files := make([]write.File, 0, len(views)+len(items)+8)
	for _, j := range views {
		f := r.page(j)
		// The plan view lists the warnings of the bodies converted at
		// their pages: all of them only once every item page is made.
		f.Later = j.path == "index.html" && r.opts.BodyWarnings != nil
		files = append(files, f)
	}
	// Both roadmap.json and an item's page read the item's Markdown (a
	// deferred body is converted at its page): whichever is made second
	// lets it go. Or returns the bits set before, so exactly one does.
	const pageDone, jsonDone = 1, 2
	var done []atomic.Uint32
	if r.opts.Release {
		done = make([]atomic.Uint32, len(items))
	}
	for i, j := range items {
		f := r.page(j)
		if r.opts.Release {
			it, makePage := p.Model.Items[i], f.Make // items are in the model's order
			f.Make = func(w io.Writer) error {
				if err := makePage(w); err != nil {
					return err
				}
				it.Body.DropHTML()
				if done[i].Or(pageDone)&jsonDone != 0 {
					it.Body.DropText()
				}
				return nil
			}
		}
		files = append(files, f)
	}
	// Compact JSON is minified JSON, so the writer need not minify it.
	// roadmap.json is the longest file to make (every body, tens of MB at
	// 10,000 items): made first (Early), so that it runs beside the pages
	// and lets bodies go as the pages after it are written.
	json := write.File{Path: "roadmap.json", Minified: r.opts.Minify, Early: true, Make: func(w io.Writer) error {
		if err := writeInternalJSON(w, p, !r.opts.Minify); err != nil {
			return err
		}
		if r.opts.Release {
			for i, it := range p.Model.Items {
				if done[i].Or(jsonDone)&pageDone != 0 {
					it.Body.DropText()
				}
			}
		}
		return nil
	}}
	return r.finish(append(files, json), false), ctx.Err()
}

// internalJobs lists the pages of the internal root: the views, then one
// page per item, in the model's order.
func (r *Renderer) internalJobs(p *plan.Plan) (views, items []job) {
	v := newViews(r, p)
	views = []job{
		{"index.html", "plan", v.plan},
		{"executive/index.html", "executive", v.executive},
		{"releases/index.html", "releases", v.releases},
		{"technology/index.html", "technology", v.technology},
		{"portfolio/index.html", "portfolio", v.portfolio},
	}
	views = append(views, v.splitJobs()...) // pages of views split by size (views.go)
	for _, it := range p.Model.Items {
		items = append(items, job{itemPath(it.ID), "item", func() (any, error) { return v.item(it) }})
	}
	return views, items
}

// Public renders the public root from the public plan alone. Its
// roadmap.json is made from the rendered page data, so it carries the same
// sanitized HTML as the page and never the Markdown source (which may hold
// an HTML comment or an unused link definition that the page drops).
//
// Like Internal's, its files are made when written (or asked for, under
// serve); the page and roadmap.json share page data made once.
func (r *Renderer) Public(ctx context.Context, pub *public.Plan) ([]write.File, error) {
	data := sync.OnceValues(func() (*publicView, error) { return r.publicPage(pub) })
	page := r.page(job{"index.html", "public", func() (any, error) { return data() }})
	// The public page converts every public summary: at 10,000 items
	// some 30 ms, too long to be the last file a core makes.
	page.Early = true
	files := []write.File{
		page,
		{Path: "roadmap.json", Make: func(w io.Writer) error {
			d, err := data()
			if err != nil {
				return err
			}
			js, err := publicJSON(d)
			if err == nil {
				_, err = w.Write(js)
			}
			return err
		}},
	}
	return r.finish(files, true), ctx.Err()
}

// finish adds the assets to a root's files and sorts them by path.
func (r *Renderer) finish(files []write.File, public bool) []write.File {
	files = append(files, r.assets(public)...)
	slices.SortFunc(files, func(a, b write.File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// horizonTitle names a horizon for people.
func horizonTitle(h model.Horizon) string {
	switch h {
	case model.HorizonNow:
		return "Now"
	case model.HorizonNext:
		return "Next"
	case model.HorizonLater:
		return "Later"
	case model.HorizonShipped:
		return "Shipped"
	}
	return string(h)
}

// familyTitle names a family for people.
func familyTitle(f model.Family) string {
	switch f {
	case model.FamilyProduct:
		return "Product"
	case model.FamilyTech:
		return "Tech"
	case model.FamilyInnovation:
		return "Innovation"
	}
	return string(f)
}

// statusTitle names a status for people.
func statusTitle(s model.Status) string {
	switch s {
	case "on-track":
		return "On track"
	case "at-risk":
		return "At risk"
	case "blocked":
		return "Blocked"
	}
	return string(s)
}
