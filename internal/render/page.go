package render

import (
	"context"
	"runtime"
	"slices"
	"sync"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/public"
	"github.com/roadmapgen/roadmapgen/internal/write"
)

// Root names of Pages.
const (
	RootInternal = "internal"
	RootPublic   = "public"
)

// Pages is one build's two roots for a server: every file of Internal and
// Public under its path, each rendered when first asked for and then kept.
// A one-item edit then costs the pages someone looks at, not every page:
// a server renders the pages open in a browser up front (Prerender) and
// any other when it is asked for. Pages is safe for concurrent use.
type Pages struct {
	roots map[string]map[string]*lazyFile
}

// Path names a file of Pages: its root (RootInternal or RootPublic) and
// its slash path inside the root.
type Path struct {
	Root, Path string
}

// lazyFile is a file rendered at most once.
type lazyFile struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
}

func (f *lazyFile) get() ([]byte, error) {
	f.once.Do(func() {
		f.data, f.err = f.make()
		f.make = nil // let the plan go once every page is made
	})
	return f.data, f.err
}

// WithWarnings returns a Renderer that lists ws on the plan view and
// otherwise shares r's parsed templates, so a server need not parse them
// again for every build.
func (r *Renderer) WithWarnings(ws []diag.Diagnostic) *Renderer {
	c := *r
	c.opts.Warnings = ws
	return &c
}

// Pages prepares the files of both roots of the ranked plan p without
// rendering any: the same paths and, once rendered, the same bytes as
// Internal and Public return.
func (r *Renderer) Pages(p *plan.Plan) *Pages {
	ps := &Pages{roots: map[string]map[string]*lazyFile{RootInternal: {}, RootPublic: {}}}
	add := func(root string, f write.File) {
		ps.roots[root][f.Path] = &lazyFile{make: f.Bytes}
	}
	// Internal and Public render nothing until a file's Make runs; their
	// only error is a cancelled context, which they have none to see here.
	internal, _ := r.Internal(context.Background(), p)
	for _, f := range internal {
		add(RootInternal, f)
	}

	pub, _ := r.Public(context.Background(), public.From(p))
	for _, f := range pub {
		add(RootPublic, f)
	}
	return ps
}

// Prerender renders the files at paths that exist, on a pool of
// GOMAXPROCS workers, and returns the first error.
func (ps *Pages) Prerender(ctx context.Context, paths []Path) error {
	var files []*lazyFile
	for _, p := range paths {
		if f, ok := ps.roots[p.Root][p.Path]; ok {
			files = append(files, f)
		}
	}
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				_, errs[i] = files[i].get()
			}
		})
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// File returns the file at path (slash-separated, like
// "items/sso/index.html") in root (RootInternal or RootPublic), rendering
// it if needed. ok is false when there is no such file.
func (ps *Pages) File(root, path string) (data []byte, ok bool, err error) {
	f, ok := ps.roots[root][path]
	if !ok {
		return nil, false, nil
	}
	data, err = f.get()
	return data, true, err
}

// Paths lists the paths of root, sorted.
func (ps *Pages) Paths(root string) []string {
	out := make([]string, 0, len(ps.roots[root]))
	for p := range ps.roots[root] {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
