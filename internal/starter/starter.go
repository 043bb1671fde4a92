// Package starter writes a new roadmap source folder (`roadmapgen init`):
// a small plan that passes check with no problems, to be edited into the
// author's own. Its quarters and review date come from the day it is made,
// so that it is not stale on its first check.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"text/template"
	"time"
)

// files is the starter roadmap. Its files are text/templates over Dates.
//
//go:embed files
var files embed.FS

// Dates are what a starter roadmap is dated with.
type Dates struct {
	// Today is the review date, YYYY-MM-DD.
	Today string
	// Now and Next are the current quarter and the one after, YYYY-Qn.
	Now, Next string
}

// DatesFor returns the dates of a roadmap made on day.
func DatesFor(day time.Time) Dates {
	q := (int(day.Month())-1)/3 + 1
	next, year := q+1, day.Year()
	if next > 4 {
		next, year = 1, year+1
	}
	return Dates{
		Today: day.Format(time.DateOnly),
		Now:   fmt.Sprintf("%d-Q%d", day.Year(), q),
		Next:  fmt.Sprintf("%d-Q%d", year, next),
	}
}

// Files returns the starter roadmap's files, by slash-separated path,
// dated with d, in a fixed order.
func Files(d Dates) ([]File, error) {
	var out []File
	err := fs.WalkDir(files, "files", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		src, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		rel := p[len("files/"):]
		t, err := template.New(rel).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, d); err != nil {
			return err
		}
		out = append(out, File{Path: rel, Data: b.Bytes()})
		return nil
	})
	return out, err
}

// File is one file of the starter roadmap.
type File struct {
	// Path is slash-separated, relative to the roadmap's folder.
	Path string
	Data []byte
}

// ErrNotEmpty is returned by Write for a folder that already has files:
// init never overwrites or mixes into an existing roadmap.
var ErrNotEmpty = errors.New("the folder is not empty")

// Write writes the starter roadmap dated d into dir, which must be missing
// or empty. A missing folder is written beside its place and renamed into
// it; an empty one is written into and emptied again on failure. Either way
// a failure leaves no half-written roadmap, and no folder it made.
func Write(dir string, d Dates) ([]File, error) {
	fl, err := Files(d)
	if err != nil {
		return nil, err
	}
	// Cleaned as filepath.Join cleans the paths of the files written in
	// it, so that the paths it writes and removes are the ones it checked.
	clean := filepath.Clean(dir)
	ents, err := os.ReadDir(clean)
	switch {
	case err == nil && len(ents) > 0:
		return nil, fmt.Errorf("%s: %w", dir, ErrNotEmpty)
	case err == nil:
		return fl, writeInto(clean, fl)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	parents, err := makeDirs(filepath.Dir(clean))
	if err == nil {
		err = writeBeside(clean, fl)
	}
	if err != nil {
		for _, p := range slices.Backward(parents) {
			os.Remove(p) // only once empty
		}
		return nil, err
	}
	return fl, nil
}

// writeBeside writes fl into a new folder made beside dir, in a temporary
// one, and renames it to dir, which must not exist. The new folder is
// made with os.Mkdir, as every folder inside it, so that the umask
// applies to it too, and the temporary folder's name is short whatever
// dir's is.
func writeBeside(dir string, fl []File) error {
	staging, err := os.MkdirTemp(filepath.Dir(dir), ".roadmapgen-init-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	root := filepath.Join(staging, "roadmap")
	if err := os.Mkdir(root, 0o755); err != nil {
		return err
	}
	if _, err := writeFiles(root, fl); err != nil {
		return err
	}
	// os.Rename refuses a destination that appeared since with files in
	// it: nothing in it is touched.
	if err := os.Rename(root, dir); err != nil {
		if _, serr := os.Stat(dir); serr == nil {
			return fmt.Errorf("%s: %w", dir, ErrNotEmpty)
		}
		return err
	}
	return nil
}

// makeDirs makes dir and the folders above it that are missing, and
// returns those it made, outermost first.
func makeDirs(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		missing = append(missing, d)
	}
	slices.Reverse(missing)
	var made []string
	for _, d := range missing {
		if err := os.Mkdir(d, 0o755); err != nil {
			return made, err
		}
		made = append(made, d)
	}
	return made, nil
}

// writeInto writes fl into the empty folder dir and, when that fails,
// removes what it created, and only that.
func writeInto(dir string, fl []File) error {
	made, err := writeFiles(dir, fl)
	if err != nil {
		for _, p := range slices.Backward(made) {
			os.Remove(p) // folders are removed only once empty
		}
	}
	return err
}

// writeFiles creates each file of fl under dir, with the folders they need;
// none of the files may exist yet. It returns what it created, folders
// before the files in them.
func writeFiles(dir string, fl []File) (made []string, err error) {
	for _, f := range fl {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		dirs, err := makeDirs(filepath.Dir(p))
		made = append(made, dirs...)
		if err != nil {
			return made, err
		}
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return made, err
		}
		made = append(made, p)
		_, err = w.Write(f.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return made, err
		}
	}
	return made, nil
}

// ItemCount is how many items the starter roadmap has.
func ItemCount(fl []File) int {
	n := 0
	for _, f := range fl {
		if path.Ext(f.Path) == ".md" {
			n++
		}
	}
	return n
}
