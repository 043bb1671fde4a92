// Package source reads a roadmap source folder: roadmap.toml and the item
// files under items/. It is the only stage that reads the source, and it
// reads and parses each file exactly once: TOML with BurntSushi/toml, the
// Markdown body with goldmark.
package source

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
)

// RoadmapFile and ItemsDir name the two parts of a source folder.
const (
	RoadmapFile = "roadmap.toml"
	ItemsDir    = "items"
)

// Site is a loaded source folder.
type Site struct {
	// Dir is the source folder as given.
	Dir string
	// Roadmap is roadmap.toml, or nil when it is missing or does not decode.
	Roadmap *Doc
	// Items are the item files in path order. An item whose front matter
	// does not decode is present with a nil Front, so that references to it
	// are not reported as unknown; its problems are in the diagnostics.
	Items []*Item
	// Skipped are the ids of item files that exist but could not be
	// loaded (unreadable, too large, a misnamed file); their problems are
	// already reported, so references to them are not reported again.
	Skipped []string
	// Sources holds every file read, for printing diagnostics.
	Sources diag.Sources
}

// Release lets go of what only loading, the model and check need, once
// diagnostics are printed: each document's decoded TOML and position index
// (Doc.Release) and Sources. At 10,000 items that is about 15 MB of a
// build's live heap that the garbage collector can then reclaim while pages
// are rendered. What the renderer reads (item bodies) stays.
// Only build calls it: serve keeps its Site whole for the next rebuild.
func (s *Site) Release() {
	s.Sources = nil
	if s.Roadmap != nil {
		s.Roadmap.Release()
	}
	for _, it := range s.Items {
		if it.Front != nil {
			it.Front.Release()
		}
	}
}

// SourcesFor returns the text of every file that one of ds points into:
// Sources, with the text of each item file held on its item
// (Loader.Defer) that a diagnostic names.
func (s *Site) SourcesFor(ds []diag.Diagnostic) diag.Sources {
	need := map[string]bool{}
	for _, d := range ds {
		if _, ok := s.Sources[d.Pos.File]; !ok && d.Pos.File != "" {
			need[d.Pos.File] = true
		}
	}
	if len(need) == 0 {
		return s.Sources
	}
	out := maps.Clone(s.Sources)
	if out == nil {
		out = diag.Sources{}
	}
	for _, it := range s.Items {
		if !need[it.Body.File] {
			continue
		}
		if text := it.Text(); text != nil {
			out[it.Body.File] = text
		}
	}
	return out
}

// Item is one item file.
type Item struct {
	// ID is the file name without ".md".
	ID string
	// Rel is the file's slash-separated path inside the source folder.
	Rel string
	// Front is the decoded front matter.
	Front *Doc
	// Body is the Markdown after the front matter.
	Body Markdown
	// Size is the file's length in bytes.
	Size int
}

// Loader reads source folders. Create one with NewLoader and reuse it.
type Loader struct {
	md *markdown.Converter
	// OnItem, when set, is called with each item file whose front matter
	// decoded, as soon as it is loaded and on the goroutine that loaded
	// it, so the next stage's reading can overlap loading
	// (model.Builder.Read). It must be safe for concurrent use.
	OnItem func(*Item)
	// Defer converts no body at load (Markdown.Converted): the item's
	// page converts it, so no HTML is held from load to render. Each item
	// file's text leaves Site.Sources for its Item (Site.SourcesFor finds
	// it), so that Site.Release does not let go of the bodies. build
	// defers; serve must not, since it keeps items across rebuilds and
	// renders them again.
	Defer bool
	// ScanOnly parses each body only for what rendering would drop
	// (Markdown.Dropped) and renders no HTML: check, plan and a build of
	// the public site alone never show a body, and rendering is about a
	// quarter of converting one.
	ScanOnly bool
	// Found, when set, is called with the number of item files a load
	// reads, once the walk of items/ has found them all (reading begins
	// as the walk goes): build sizes the collector's memory limit by it.
	Found func(files int)
}

// NewLoader returns a Loader that converts item bodies with md
// (markdown.New() when nil).
func NewLoader(md *markdown.Converter) *Loader {
	if md == nil {
		md = markdown.New()
	}
	return &Loader{md: md}
}

// Load reads the source folder dir. Every problem found is added to diags;
// Load returns what could be read so that later stages can report their
// problems in the same run.
func (l *Loader) Load(ctx context.Context, dir string, diags *diag.List) *Site {
	root, err := os.OpenRoot(dir)
	if err != nil {
		diags.Errorf(diag.Pos{File: dir}, "cannot open the source folder: %v", unwrapPath(err))
		return &Site{Dir: dir, Sources: diag.Sources{}}
	}
	defer root.Close()
	// root.FS refuses any path, ".." or symbolic link, that leads outside
	// the source folder.
	return l.load(ctx, root.FS(), root, dir, diags)
}

// LoadFS reads a source folder from fsys; dir is the name diagnostics give
// it. Load is LoadFS over the folder opened as an os.Root.
func (l *Loader) LoadFS(ctx context.Context, fsys fs.FS, dir string, diags *diag.List) *Site {
	return l.load(ctx, fsys, nil, dir, diags)
}

// load is LoadFS; root, if not nil, is fsys as an os.Root.
func (l *Loader) load(ctx context.Context, fsys fs.FS, root *os.Root, dir string, diags *diag.List) *Site {
	// A full load is a Tree that reads everything once: one set of rules
	// for which files are items, whether the folder is loaded whole or
	// updated file by file under serve.
	t := l.NewTree(dir)
	t.update(ctx, fsys, root, []string{RoadmapFile, ItemsDir})
	return t.Site(diags)
}

// loadItem reads and parses one item file. It returns nil when the file
// cannot be read or its id is invalid; front matter problems still yield an
// Item (with a nil Front) so that references to it do not cascade into
// "unknown item" errors.
func (l *Loader) loadItem(fsys fs.FS, rel, file string, sources diag.Sources, diags *diag.List) *Item {
	src, ok := readFile(fsys, rel, file, diags)
	if !ok {
		return nil
	}
	sources[file] = src
	id := strings.TrimSuffix(path.Base(rel), ".md")
	if !IsSlug(id) {
		d := diags.Errorf(diag.Pos{File: file}, "invalid item id %q: the file name is the id and must be a slug of lower-case letters, digits and single hyphens", id)
		if s := Slugify(id); s != "" {
			d.Hint = "rename the file to " + s + ".md"
		}
		return nil
	}
	item := &Item{ID: id, Rel: rel, Size: len(src)}
	fm, err := SplitFrontMatter(src)
	if err != nil {
		d := diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "%v", err)
		switch trimmed := strings.TrimLeft(string(stripBOM(src)), " \t\r\n"); {
		case !errors.Is(err, ErrNoOpen):
		case strings.HasPrefix(trimmed, "---"):
			d.Hint = "roadmapgen front matter is TOML between +++ lines, not YAML between --- lines"
		case strings.HasPrefix(trimmed, "+++"):
			d.Hint = "the +++ line must be the very first line of the file: remove what comes before it"
		}
		return item
	}
	item.Front = decodeTOML(file, fm.TOML, fm.TOMLLine, diags)
	item.Body = Markdown{src: fm.Body, File: file, Line: fm.BodyLine}
	if l.ScanOnly {
		item.Body.Dropped, item.Body.converted = l.md.ScanBytes(fm.Body), true
		return item
	}
	if !l.Defer {
		doc, err := l.md.Convert(fm.Body)
		if err != nil {
			diags.Errorf(item.Body.Pos(0), "cannot render the body: %v", err)
			return item
		}
		item.Body.html, item.Body.Dropped, item.Body.converted = doc.HTML, doc.Dropped, true
		return item
	}
	item.hold(src, fm.BodyOffset)
	delete(sources, file)
	return item
}

// readFile reads a regular file of at most MaxFileBytes into a buffer of
// its own.
func readFile(fsys fs.FS, rel, file string, diags *diag.List) ([]byte, bool) {
	if ff, ok := fsys.(folderFS); ok {
		if src, ok := ff.readRaw(rel); ok {
			return src, true
		}
	}
	f, err := fsys.Open(rel)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && rel == RoadmapFile {
			diags.Errorf(diag.Pos{File: file}, "missing roadmap.toml: every source folder needs one (see the README for its format)")
		} else {
			diags.Errorf(diag.Pos{File: file}, "cannot read: %v", unwrapPath(err))
		}
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		diags.Errorf(diag.Pos{File: file}, "not a regular file")
		return nil, false
	}
	if info.Size() > MaxFileBytes {
		diags.Errorf(diag.Pos{File: file}, "file is %d bytes, more than the limit of %d", info.Size(), MaxFileBytes)
		return nil, false
	}
	// Read into a buffer of the file's size (plus one byte, to notice a
	// file that grew): io.ReadAll's doubling would keep up to twice the
	// source in memory for the whole build.
	src := make([]byte, int(info.Size())+1)
	n, err := io.ReadFull(f, src)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		src, err = src[:n], nil
	case err == nil: // the file grew since Stat: read on, up to the limit
		var rest []byte
		rest, err = io.ReadAll(io.LimitReader(f, MaxFileBytes+1-int64(n)))
		src = append(src, rest...)
	}
	if err == nil && len(src) > MaxFileBytes {
		err = errors.New("file grew past the size limit while being read")
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: file}, "cannot read: %v", unwrapPath(err))
		return nil, false
	}
	return src, true
}

// skippedIDs are the ids references to a skipped file may use: its name,
// and the slug it would have if renamed as check suggests.
func skippedIDs(name string) []string {
	if s := Slugify(name); s != "" && s != name {
		return []string{name, s}
	}
	return []string{name}
}

func stripBOM(b []byte) []byte {
	return []byte(strings.TrimPrefix(string(b), "\xef\xbb\xbf"))
}

// unwrapPath drops the path from an *fs.PathError: diagnostics already lead
// with the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
