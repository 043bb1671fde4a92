// Package write is the only code that touches the output folder, OUT.
//
// A build is written aside, then swapped in. Every root ("internal",
// "public") is first written into a fresh staging folder; only when every
// file is there is each OUT/<root> moved into the staging folder and the
// new root renamed into its place. Removing the staging folder then removes
// the previous build. A failed or interrupted build only ever touched the
// staging folder, which is removed, so OUT stays as it was, and a stale file
// of an earlier build cannot survive because each root is replaced whole.
//
// The staging folder is created beside OUT, in its parent directory, not in
// the system's temporary directory: a rename is only atomic (and only
// possible at all) within one file system, and OUT's parent is on OUT's.
package write

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/roadmapgen/roadmapgen/internal/rawfile"
)

// File is one output file: its path relative to its root, with forward
// slashes (e.g. "items/sso.html"), and its bytes.
type File struct {
	// Path is relative to the root, with forward slashes.
	Path string
	// Data is the file's content, minified on the way out if asked.
	Data []byte
	// Minified says the content is minified already (a page rendered
	// from minified templates), so Site writes it as it is.
	Minified bool
	// Make, when set, writes the content to w in place of Data. Site calls
	// it once, from the worker that writes the file, into a buffer that
	// worker reuses: pages are rendered as they are written, so a build
	// holds a few pages in memory, not all of them.
	Make func(w io.Writer) error
	// Later makes the file only once every file without Later, in every
	// root, is written: a page that lists what making the others found
	// (the plan view lists the warnings of bodies converted at their
	// pages).
	Later bool
	// Early makes the file before every file without Early, in every
	// root: a file that takes long to make (the public page) then does
	// not run alone on one core while the others have nothing left.
	Early bool
}

// Bytes returns the file's content: Data, or what Make writes.
func (f *File) Bytes() ([]byte, error) {
	if f.Make == nil {
		return f.Data, nil
	}
	var buf bytes.Buffer
	if err := f.Make(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Root is one output root, a folder directly under OUT ("internal" or
// "public"), and every file in it.
type Root struct {
	// Name is the folder's name, a slug.
	Name string
	// Files is every file in the folder; any other is gone after Site.
	Files []File
}

// Options configure Site.
type Options struct {
	// Minify minifies .html, .css, .svg, .json and .js files, chosen by
	// extension; other files are copied as they are.
	Minify bool
	// Source is the source folder. Site refuses to write a root that is
	// the source folder, contains it or is inside it. "" skips the check.
	Source string
	// Replaceable reports whether a folder that is to be replaced by a
	// root, exists and is not empty, is a previous build's output. Site
	// refuses to replace any other. nil replaces any folder; roadmapgen
	// build passes render.IsOutput.
	Replaceable func(dir string) bool
}

// Site writes roots into the folder out, replacing each OUT/<name> whole
// and leaving other roots and other files in out untouched.
//
// Nothing in out changes unless every file was written: invalid names or
// paths, a dangerous output folder, a write error or a cancelled ctx leave
// out as it was and remove the staging folder. A cancelled ctx is reported
// as ctx.Err().
func Site(ctx context.Context, out string, roots []Root, opts Options) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if out == "" {
		return errors.New("write: no output folder given")
	}
	out = filepath.Clean(out)
	if err := validate(out, roots); err != nil {
		return err
	}
	// Messages name out as the user wrote it; the work happens at target,
	// its absolute form with links resolved, so that the staging folder
	// lands on the file system OUT is really on.
	target, err := resolve(out)
	if err != nil {
		return fmt.Errorf("write %s: %w", out, cause(err))
	}
	if err := checkOut(out, target, roots, opts); err != nil {
		return err
	}

	parent, base := stagingParent(target)
	staging, err := os.MkdirTemp(parent, "."+base+".roadmapgen-*")
	if err != nil {
		return fmt.Errorf("write %s: cannot create a staging folder beside it: %w", out, cause(err))
	}
	var mini *Minifier
	if opts.Minify {
		mini = NewMinifier()
	}
	if err := build(ctx, staging, out, roots, mini); err != nil {
		return discard(staging, err)
	}
	// Last chance to stop: once the swap starts, finishing it is safer
	// than leaving it half done.
	if err := ctx.Err(); err != nil {
		return discard(staging, err)
	}
	names := make([]string, len(roots))
	for i, rt := range roots {
		names[i] = rt.Name
	}
	return swap(staging, out, target, names, opts.Replaceable, os.Rename)
}

// validate checks every root name and file path before anything is
// written, and reports the first problem, naming its root and path.
func validate(out string, roots []Root) error {
	seen := make(map[string]bool, len(roots))
	for _, rt := range roots {
		if !isRootName(rt.Name) {
			return fmt.Errorf("write %s: root name %q is not lower-case letters and digits joined by single hyphens", out, rt.Name)
		}
		if seen[rt.Name] {
			return fmt.Errorf("write %s: root %q is given twice", out, rt.Name)
		}
		seen[rt.Name] = true

		dir := filepath.Join(out, rt.Name)
		files := make(map[string]bool, len(rt.Files))
		for _, f := range rt.Files {
			if msg := badPath(f.Path); msg != "" {
				return fmt.Errorf("write %s: file path %q %s", dir, f.Path, msg)
			}
			if files[f.Path] {
				return fmt.Errorf("write %s: file path %q is given twice", dir, f.Path)
			}
			files[f.Path] = true
		}
		for _, f := range rt.Files {
			for i := range len(f.Path) {
				if f.Path[i] == '/' && files[f.Path[:i]] {
					return fmt.Errorf("write %s: %q is a file, but %q uses it as a folder", dir, f.Path[:i], f.Path)
				}
			}
		}
	}
	return nil
}

// isRootName reports whether s is a slug: lower-case ASCII letters and
// digits in groups joined by single hyphens.
func isRootName(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := range len(s) {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// badPath says what is wrong with a file path, or "" if nothing is.
func badPath(p string) string {
	switch {
	case p == "":
		return "is empty"
	case strings.IndexByte(p, 0) >= 0:
		return "contains a NUL byte"
	case strings.IndexByte(p, '\\') >= 0:
		return "contains a backslash (use forward slashes)"
	case p[0] == '/':
		return "is absolute (it must be relative to its root)"
	}
	for seg := range strings.SplitSeq(p, "/") {
		switch seg {
		case "":
			return "has an empty segment"
		case ".", "..":
			return fmt.Sprintf("has a %q segment", seg)
		}
	}
	// Catches what only this system forbids, such as "C:" or "NUL" on
	// Windows.
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return "is not a plain relative path on this system"
	}
	return ""
}

// resolve returns the absolute form of p with every symbolic link in its
// longest existing prefix resolved, so that paths which do not exist yet
// still compare correctly with the source folder.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	dir, rest := abs, ""
	for {
		r, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// checkOut refuses an output that is a file, a root that is a file, a root
// that is, contains or is inside the source folder, and a root that would
// replace a folder Options.Replaceable does not accept.
func checkOut(out, target string, roots []Root, opts Options) error {
	source := opts.Source
	if fi, err := os.Stat(target); err == nil && !fi.IsDir() {
		return fmt.Errorf("write: %s exists and is not a folder", out)
	}
	var src string
	if source != "" {
		var err error
		if src, err = resolve(source); err != nil {
			return fmt.Errorf("write: source folder %s: %w", source, cause(err))
		}
	}
	for _, rt := range roots {
		dir := filepath.Join(out, rt.Name)
		if err := checkRoot(dir, filepath.Join(target, rt.Name), opts.Replaceable); err != nil {
			return err
		}
		if src == "" {
			continue
		}
		dst, err := resolve(filepath.Join(target, rt.Name))
		if err != nil {
			return fmt.Errorf("write %s: %w", dir, cause(err))
		}
		switch {
		case dst == src:
			return fmt.Errorf("write %s: refusing to replace the source folder %s", dir, source)
		case inside(src, dst):
			return fmt.Errorf("write %s: refusing to replace a folder that contains the source folder %s", dir, source)
		case inside(dst, src):
			return fmt.Errorf("write %s: refusing to write inside the source folder %s", dir, source)
		}
	}
	return nil
}

// checkRoot refuses a root folder path that exists but is not a folder (a
// symbolic link to a folder is fine: the link itself is replaced), and,
// with a replaceable func, a folder that is neither empty nor one it
// accepts: a build replaces its root whole, and "--out ." in a Go project
// must not take the project's internal/ folder with it.
func checkRoot(display, dst string, replaceable func(string) bool) error {
	fi, err := os.Stat(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("write %s: %w", display, cause(err))
	case !fi.IsDir():
		return fmt.Errorf("write: %s exists and is not a folder", display)
	}
	if replaceable == nil {
		return nil
	}
	if li, err := os.Lstat(dst); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		return nil // the link is replaced, not what it points to
	}
	empty, err := isEmpty(dst)
	if err != nil {
		return fmt.Errorf("write %s: %w", display, cause(err))
	}
	if !empty && !replaceable(dst) {
		return fmt.Errorf("write %s: refusing to replace a folder that is not a previous build's output (it is not empty and has no roadmap.json from roadmapgen): move it away or choose another --out", display)
	}
	return nil
}

// isEmpty reports whether the folder dir has no entries.
func isEmpty(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	return len(names) == 0, err
}

// inside reports whether path is strictly inside dir; both are clean and
// absolute.
func inside(path, dir string) bool {
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(path, dir)
}

// stagingParent returns the folder to create the staging folder in, and
// OUT's base name for its name. It is OUT's parent or, when that does not
// exist yet, its nearest existing ancestor: the folders in between are
// only created at the swap, so a failed build creates none of them.
func stagingParent(target string) (parent, base string) {
	parent, base = filepath.Dir(target), filepath.Base(target)
	if parent == target { // OUT is the root of a file system
		return target, "out"
	}
	for {
		if _, err := os.Stat(parent); err == nil {
			return parent, base
		}
		up := filepath.Dir(parent)
		if up == parent {
			return parent, base
		}
		parent = up
	}
}

// job is one file to write: the root it is opened through (the staging
// folder's, or its folder's), its path inside that root, with forward
// slashes, and where the user will find it.
type job struct {
	root    *os.Root
	name    string
	display string
	file    *File
	// raw, when set, creates the file instead of root: the folder of
	// many files name is in, opened to create them with system calls
	// alone (package rawfile).
	raw *rawfile.Dir
}

// manyFiles is the number of files from which a folder is written
// through a root of its own.
const manyFiles = 64

// build writes every root into staging/<name>/ through an os.Root, so no
// path can lead outside the staging folder. Folders are made first, in
// order; files are then written by GOMAXPROCS workers, the first error
// stopping the rest.
func build(ctx context.Context, staging, out string, roots []Root, mini *Minifier) error {
	r, err := os.OpenRoot(staging)
	if err != nil {
		return fmt.Errorf("write %s: cannot open the staging folder: %w", out, cause(err))
	}
	defer r.Close()

	var jobs []job
	var dirs []string
	files := make(map[string]int) // per folder
	for _, rt := range roots {
		dirs = append(dirs, rt.Name)
		seen := make(map[string]bool)
		for i := range rt.Files {
			f := &rt.Files[i]
			name := rt.Name + "/" + f.Path
			jobs = append(jobs, job{root: r, name: name, display: filepath.Join(out, filepath.FromSlash(name)), file: f})
			files[path.Dir(name)]++
			for j := len(rt.Name) + 1; j < len(name); j++ {
				if name[j] == '/' && !seen[name[:j]] {
					seen[name[:j]] = true
					dirs = append(dirs, name[:j])
				}
			}
		}
	}
	// A parent sorts before its children, as it is their prefix.
	slices.Sort(dirs)
	for _, d := range dirs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.Mkdir(d, 0o755); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(out, filepath.FromSlash(d)), cause(err))
		}
	}
	// A folder of many files (items/) gets a root of its own, so that
	// each file is one openat: through r, each would also open and close
	// its folders. Only such folders do, to keep the descriptors few.
	// On Linux its files are made with system calls alone (package
	// rawfile).
	type sub struct {
		root *os.Root
		raw  *rawfile.Dir
	}
	subs := make(map[string]sub)
	defer func() {
		for _, s := range subs {
			if s.raw != nil {
				s.raw.Close()
			}
			s.root.Close()
		}
	}()
	for d, n := range files {
		if n < manyFiles {
			continue
		}
		root, err := r.OpenRoot(d)
		if err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(out, filepath.FromSlash(d)), cause(err))
		}
		subs[d] = sub{root, rawfile.Open(root)}
	}
	for i := range jobs {
		if s, ok := subs[path.Dir(jobs[i].name)]; ok {
			jobs[i].root, jobs[i].raw, jobs[i].name = s.root, s.raw, path.Base(jobs[i].name)
		}
	}

	// Files marked Later are made once every other file is written, and
	// those marked Early before the rest.
	var early, first, later []job
	for _, j := range jobs {
		switch {
		case j.file.Later:
			later = append(later, j)
		case j.file.Early:
			early = append(early, j)
		default:
			first = append(first, j)
		}
	}
	first = append(early, first...)
	if err := run(ctx, first, mini); err != nil {
		return err
	}
	return run(ctx, later, mini)
}

// run writes jobs on GOMAXPROCS workers. Workers claim jobs in order.
// When one fails, no more are claimed; every earlier job was claimed
// before it and has finished by Wait, so the error of the first failing
// job in order is reported, the same on every run.
func run(ctx context.Context, jobs []job, mini *Minifier) error {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next   atomic.Int64
		mu     sync.Mutex
		failed = int64(len(jobs))
		first  error
		wg     sync.WaitGroup
	)
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			bufs := &workerBufs{bw: bufio.NewWriterSize(nil, 64<<10)}
			for wctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(len(jobs)) {
					return
				}
				if err := writeFile(mini, jobs[i], bufs); err != nil {
					mu.Lock()
					if i < failed {
						failed, first = i, err
					}
					mu.Unlock()
					cancel()
					return
				}
			}
		})
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

// writeFile makes (when the file has Make), minifies (if asked) and writes
// one file into the staging root. A made file that needs no minifying is
// made straight into the file through the worker's bufio.Writer, so even a
// file of tens of megabytes (the internal roadmap.json) is never held
// whole; one to minify is made into the worker's buffer first.
func writeFile(mini *Minifier, j job, w *workerBufs) error {
	data := j.file.Data
	minify := mini != nil && !j.file.Minified
	if j.file.Make != nil && minify {
		w.buf.Reset()
		if err := j.file.Make(&w.buf); err != nil {
			return err
		}
		data = w.buf.Bytes()
	}
	if minify {
		var err error
		if data, err = mini.minify(j.file.Path, data); err != nil {
			return fmt.Errorf("write %s: cannot minify: %w", j.display, err)
		}
	}
	var f outFile
	var err error
	if j.raw != nil {
		f, err = j.raw.Create(j.name)
	} else {
		f, err = j.root.OpenFile(j.name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|openNonblock, 0o644)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", j.display, cause(err))
	}
	if j.file.Make != nil && !minify {
		fw := &fileWriter{f: f}
		w.bw.Reset(fw)
		err = j.file.Make(w.bw)
		if err == nil {
			err = w.bw.Flush()
		}
		if fw.err != nil {
			err = fw.err // the file, not the maker, failed
		} else if err != nil {
			f.Close()
			return err
		}
	} else {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", j.display, cause(err))
	}
	return nil
}

// workerBufs are the buffers one writing worker reuses from file to file.
type workerBufs struct {
	buf bytes.Buffer
	bw  *bufio.Writer
}

// outFile is a file being written: an *os.File, or a *rawfile.File.
type outFile interface {
	Write(p []byte) (int, error)
	Close() error
}

// fileWriter remembers the first error writing to its file, so that a
// write error is told apart from an error of the file's maker.
type fileWriter struct {
	f   outFile
	err error
}

func (w *fileWriter) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.f.Write(p)
	w.err = err
	return n, err
}

// moved records how far the swap of one root went, so it can be undone.
type moved struct {
	name   string
	hadOld bool // OUT/<name> was moved to staging/.old-<name>
	placed bool // staging/<name> was moved to OUT/<name>
}

// swap moves each OUT/<name> into the staging folder and each new root
// into OUT, then removes the staging folder with the old roots in it. On a
// failed rename it puts back what it moved. replaceable is
// Options.Replaceable; rename is os.Rename except in tests.
func swap(staging, out, target string, names []string, replaceable func(string) bool, rename func(oldpath, newpath string) error) error {
	if err := os.MkdirAll(target, 0o755); err != nil {
		return discard(staging, fmt.Errorf("write %s: %w", out, cause(err)))
	}
	var done []moved
	for _, name := range names {
		dst, display := filepath.Join(target, name), filepath.Join(out, name)
		// Checked again: something may have appeared during the build,
		// and a file would be lost with the old root.
		if err := checkRoot(display, dst, replaceable); err != nil {
			return undo(staging, target, done, rename, err)
		}
		m := moved{name: name}
		if _, err := os.Lstat(dst); err == nil {
			if err := rename(dst, filepath.Join(staging, ".old-"+name)); err != nil {
				return undo(staging, target, done, rename, fmt.Errorf("write %s: cannot move the previous build aside: %w", display, cause(err)))
			}
			m.hadOld = true
		} else if !errors.Is(err, fs.ErrNotExist) {
			return undo(staging, target, done, rename, fmt.Errorf("write %s: %w", display, cause(err)))
		}
		done = append(done, m)
		if err := rename(filepath.Join(staging, name), dst); err != nil {
			return undo(staging, target, done, rename, fmt.Errorf("write %s: cannot move the new build into place: %w", display, cause(err)))
		}
		done[len(done)-1].placed = true
	}
	if err := os.RemoveAll(staging); err != nil {
		return fmt.Errorf("write %s: the new build is in place, but the staging folder %s could not be removed: %w", out, staging, cause(err))
	}
	return nil
}

// undo reverses a partial swap, newest first, and returns err. If the
// previous build cannot be fully put back, the staging folder (which holds
// what is missing) is kept and named in the error.
func undo(staging, target string, done []moved, rename func(oldpath, newpath string) error, err error) error {
	var errs []error
	for _, m := range slices.Backward(done) {
		dst := filepath.Join(target, m.name)
		if m.placed {
			if e := rename(dst, filepath.Join(staging, m.name)); e != nil {
				errs = append(errs, e)
				continue
			}
		}
		if m.hadOld {
			if e := rename(filepath.Join(staging, ".old-"+m.name), dst); e != nil {
				errs = append(errs, e)
			}
		}
	}
	if len(errs) > 0 {
		return errors.Join(err, fmt.Errorf("write: the previous build could not be fully restored; what is missing is in %s: %w", staging, errors.Join(errs...)))
	}
	return discard(staging, err)
}

// discard removes the staging folder after a failure and returns err,
// with the removal's error if there is one.
func discard(staging string, err error) error {
	if rerr := os.RemoveAll(staging); rerr != nil {
		return errors.Join(err, fmt.Errorf("write: cannot remove the staging folder %s: %w", staging, cause(rerr)))
	}
	return err
}

// cause drops the operation and path of a *fs.PathError or *os.LinkError:
// they name paths inside the staging folder, and the messages above name
// the path the user knows instead.
func cause(err error) error {
	switch e := err.(type) {
	case *fs.PathError:
		return e.Err
	case *os.LinkError:
		return e.Err
	}
	return err
}
