package render

import (
	"context"
	"runtime"
	"slices"
	"strings"
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
	roots map[string]*pageRoot
}

// pageRoot is one root of Pages: its paths, sorted, and the file of each,
// in one slice, since a server makes 10,000 of them after every save.
type pageRoot struct {
	paths []string
	files []lazyFile
}

// newPageRoot holds files, which Internal and Public return sorted by
// path.
func newPageRoot(files []write.File) *pageRoot {
	slices.SortStableFunc(files, func(a, b write.File) int { return strings.Compare(a.Path, b.Path) }) // a no-op on sorted files
	pr := &pageRoot{paths: make([]string, len(files)), files: make([]lazyFile, len(files))}
	for i, f := range files {
		pr.paths[i], pr.files[i].make = f.Path, f.Bytes
	}
	return pr
}

// file returns the file at path, or nil.
func (pr *pageRoot) file(path string) *lazyFile {
	if pr == nil {
		return nil
	}
	i, ok := slices.BinarySearch(pr.paths, path)
	if !ok {
		return nil
	}
	return &pr.files[i]
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
	// Internal and Public render nothing until a file's Make runs; their
	// only error is a cancelled context, which they have none to see here.
	internal, _ := r.Internal(context.Background(), p)
	pub, _ := r.Public(context.Background(), public.From(p))
	return &Pages{roots: map[string]*pageRoot{RootInternal: newPageRoot(internal), RootPublic: newPageRoot(pub)}}
}

// Prerender renders the files at paths that exist, on a pool of
// GOMAXPROCS workers, and returns the first error.
func (ps *Pages) Prerender(ctx context.Context, paths []Path) error {
	var files []*lazyFile
	for _, p := range paths {
		if f := ps.roots[p.Root].file(p.Path); f != nil {
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
// "items/sso.html") in root (RootInternal or RootPublic), rendering
// it if needed. ok is false when there is no such file.
func (ps *Pages) File(root, path string) (data []byte, ok bool, err error) {
	f := ps.roots[root].file(path)
	if f == nil {
		return nil, false, nil
	}
	data, err = f.get()
	return data, true, err
}

// Paths lists the paths of root, sorted.
func (ps *Pages) Paths(root string) []string {
	if pr := ps.roots[root]; pr != nil {
		return slices.Clone(pr.paths)
	}
	return []string{}
}
