// Package theme finds the templates and assets a build renders with: for
// every file of the default theme, the site's own file of the same name if
// it has one, else the default. There is no other lookup rule.
//
// A theme folder holds layouts/ (one html/template file per page, plus
// base.html, the document around them), partials/ (templates shared by
// layouts) and assets/ (copied to the output). An override folder may add
// assets (a logo the CSS uses) but not layouts or partials: a template file
// that overrides nothing is almost always a misspelt name, so it is an
// error.
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

// Theme is the merged set of theme files.
type Theme struct {
	files map[string][]byte
	// from names where each file came from, for error messages.
	from map[string]string
	// overridden holds the default files the override folder replaced.
	overridden map[string]bool
}

// folders are the parts of a theme; other files in an override folder are
// ignored, so a themes/ folder may also hold notes or other themes.
func folders() []string { return []string{"layouts", "partials", "assets"} }

// MaxFileBytes bounds a theme file.
const MaxFileBytes = 4 << 20

// Load merges the default theme with the override folder dir ("" for
// none).
func Load(defaults fs.FS, dir string) (*Theme, error) {
	t := &Theme{files: map[string][]byte{}, from: map[string]string{}, overridden: map[string]bool{}}
	if err := t.add(defaults, "default theme", true); err != nil {
		return nil, err
	}
	if dir == "" {
		return t, nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("theme folder: %w", unwrapPath(err))
	}
	defer root.Close()
	if err := t.add(root.FS(), dir, false); err != nil {
		return nil, err
	}
	return t, nil
}

// add reads the theme folders of fsys. Files from the default theme are
// taken as they are; files of an override must replace a default file,
// except assets.
func (t *Theme) add(fsys fs.FS, label string, isDefault bool) error {
	for _, folder := range folders() {
		err := fs.WalkDir(fsys, folder, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == folder {
					return fs.SkipDir
				}
				return err
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if !d.Type().IsRegular() {
				return fmt.Errorf("%s: %s is not a regular file (links are not followed)", label, p)
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.Size() > MaxFileBytes {
				return fmt.Errorf("%s: %s is %d bytes, more than the limit of %d", label, p, info.Size(), MaxFileBytes)
			}
			if !isDefault && folder != "assets" {
				if _, ok := t.files[p]; !ok {
					msg := fmt.Sprintf("%s: %s overrides no file of the default theme", label, p)
					if hint := diag.DidYouMean(p, t.names(folder)); hint != "" {
						msg += " (" + hint + ")"
					}
					return errors.New(msg)
				}
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			_, replaced := t.files[p]
			t.files[p] = b
			if isDefault {
				t.from[p] = "default theme " + p
			} else {
				t.from[p] = path.Join(label, p)
				t.overridden[p] = replaced // an added asset replaces nothing
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("theme: %w", unwrapPath(err))
		}
	}
	return nil
}

// names returns the sorted file names under folder.
func (t *Theme) names(folder string) []string {
	var out []string
	for p := range t.files {
		if strings.HasPrefix(p, folder+"/") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// Asset is a file copied to the output as it is.
type Asset struct {
	// Path is relative to the assets folder ("style.css").
	Path string
	Data []byte
}

// Assets returns the theme's assets, sorted by path.
func (t *Theme) Assets() []Asset {
	var out []Asset
	for _, p := range t.names("assets") {
		out = append(out, Asset{Path: strings.TrimPrefix(p, "assets/"), Data: t.files[p]})
	}
	return out
}

// Templates parses every partial once and then each layout (except
// base.html, which every other layout may use) into its own set, keyed by
// the layout's name without extension ("executive"). The set's entry point
// is the template named like the layout file ("layouts/executive.html").
//
// prepare, when not nil, rewrites each template's source before it is
// parsed; the renderer minifies templates this way, once per build, so
// that pages come out minified without minifying every page.
func (t *Theme) Templates(funcs template.FuncMap, prepare func(src []byte) ([]byte, error)) (map[string]*template.Template, error) {
	shared := template.New("").Funcs(funcs)
	parse := func(set *template.Template, p string) error {
		src := t.files[p]
		if prepare != nil {
			var err error
			if src, err = prepare(src); err != nil {
				return fmt.Errorf("%s: %v", t.from[p], err)
			}
		}
		if _, err := set.New(p).Parse(string(src)); err != nil {
			return fmt.Errorf("%s: %v", t.from[p], err)
		}
		return nil
	}
	for _, p := range t.names("partials") {
		if err := parse(shared, p); err != nil {
			return nil, err
		}
	}
	if _, ok := t.files["layouts/base.html"]; ok {
		if err := parse(shared, "layouts/base.html"); err != nil {
			return nil, err
		}
	}
	sets := map[string]*template.Template{}
	for _, p := range t.names("layouts") {
		if p == "layouts/base.html" {
			continue
		}
		set, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if err := parse(set, p); err != nil {
			return nil, err
		}
		sets[strings.TrimSuffix(path.Base(p), path.Ext(p))] = set.Lookup(p)
	}
	return sets, nil
}

// Overrides reports whether the override folder replaced the default
// theme's file p, or, for a folder name ending in "/" ("partials/"), any
// file in that folder.
func (t *Theme) Overrides(p string) bool {
	if !strings.HasSuffix(p, "/") {
		return t.overridden[p]
	}
	for q := range t.overridden {
		if strings.HasPrefix(q, p) {
			return true
		}
	}
	return false
}

// From says where the named theme file came from.
func (t *Theme) From(p string) string { return t.from[p] }

// unwrapPath drops the *PathError wrapper's operation so messages read as
// sentences.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}
