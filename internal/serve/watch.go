package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// watcher follows the source folder. fsnotify watches one folder at a
// time, so it watches the source folder (for roadmap.toml and items/),
// items/ and every folder below it that the loader reads, adding each new
// folder as it appears.
type watcher struct {
	fs  *fsnotify.Watcher
	dir string // the source folder, absolute
	log io.Writer
	// dirs are the watched folders, by absolute path.
	dirs map[string]bool
	// lost says a folder could not be watched or an event was lost since
	// the last batch: the next rebuild reads everything.
	lost bool
}

func newWatcher(dir string, log io.Writer) (*watcher, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch the source folder: %w", err)
	}
	w := &watcher{fs: fw, dir: abs, log: log, dirs: map[string]bool{}}
	if err := fw.Add(abs); err != nil {
		fw.Close()
		return nil, fmt.Errorf("cannot watch the source folder %s: %w%s", dir, err, limitHint(err))
	}
	w.dirs[abs] = true
	w.addTree(filepath.Join(abs, source.ItemsDir))
	w.lost = false // a folder that failed is reported; the first build read everything anyway
	return w, nil
}

func (w *watcher) close() error { return w.fs.Close() }

// addTree watches p and every folder below it that the loader reads
// (names starting with "_" or "." are skipped, linked folders are not
// followed). A folder that cannot be watched is reported loudly.
func (w *watcher) addTree(p string) {
	_ = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.loud("cannot read %s to watch it: %v", q, err)
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if q != p && (strings.HasPrefix(d.Name(), "_") || strings.HasPrefix(d.Name(), ".")) {
			return fs.SkipDir
		}
		if w.dirs[q] {
			return nil
		}
		if err := w.fs.Add(q); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.loud("cannot watch %s: %v%s; saves there will not rebuild until it can", q, err, limitHint(err))
			}
			return nil
		}
		w.dirs[q] = true
		return nil
	})
}

// forget stops watching p and every folder below it, and reports whether
// p was a watched folder.
func (w *watcher) forget(p string) bool {
	was := w.dirs[p]
	for q := range w.dirs {
		if q == p || strings.HasPrefix(q, p+string(filepath.Separator)) {
			delete(w.dirs, q)
			// A moved folder's watch follows it to its new name: drop it.
			// A deleted folder's watch is gone already; the error says so.
			_ = w.fs.Remove(q)
			was = true
		}
	}
	return was
}

// loud reports a watch problem so that nobody mistakes a missed save for a
// broken page, and marks the next rebuild as a full one.
func (w *watcher) loud(format string, a ...any) {
	w.lost = true
	fmt.Fprintf(w.log, "roadmapgen serve: WATCH ERROR: "+format+"\n", a...)
}

// limitHint explains the inotify limit, the usual cause on Linux.
func limitHint(err error) string {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return " (the system's limit on watched folders is reached: raise it, for example with sudo sysctl fs.inotify.max_user_watches=524288)"
	}
	return ""
}

// classify turns an event into the source path it concerns (slash path
// inside the source folder) and whether it can change the build. It adds
// and drops watches as folders appear and go.
func (w *watcher) classify(ev fsnotify.Event) (string, bool) {
	if ev.Op == fsnotify.Chmod {
		return "", false // touch, chmod: the text is the same
	}
	r, err := filepath.Rel(w.dir, ev.Name)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	rel := filepath.ToSlash(r)
	gone := ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
	switch {
	case rel == source.RoadmapFile:
		return rel, true
	case rel == source.ItemsDir:
		if gone {
			w.forget(ev.Name)
		} else {
			w.addTree(ev.Name)
		}
		return rel, true
	case !strings.HasPrefix(rel, source.ItemsDir+"/"):
		return "", false // another file of the source folder, such as an output folder
	}
	if ignored(rel) {
		return "", false
	}
	if gone {
		if w.forget(ev.Name) {
			return rel, true
		}
		return rel, itemName(path.Base(rel))
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil {
			if info.IsDir() {
				// Files written into it before the watch was added are
				// found by the walk the rebuild does for a new folder.
				w.addTree(ev.Name)
				return rel, true
			}
			if info.Mode()&fs.ModeSymlink != 0 {
				return rel, true // the loader judges every link
			}
		}
	}
	return rel, itemName(path.Base(rel))
}

// ignored reports paths under items/ that never change the build: files
// and folders the loader skips (names starting with "_" or "."), and
// editors' temporary and backup files.
func ignored(rel string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(rel, source.ItemsDir+"/"), "/") {
		if strings.HasPrefix(part, "_") || strings.HasPrefix(part, ".") {
			return true // also Emacs' .#lock files and vim's .swp files
		}
	}
	return editorTemp(path.Base(rel))
}

// editorTemp recognises the files editors write beside the one being saved.
func editorTemp(name string) bool {
	switch {
	case name == "4913": // vim checks that it may create files in the folder
		return true
	case strings.HasSuffix(name, "~"), // vim and Emacs backups
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains safe write
		strings.HasSuffix(name, ".vsctmp"), // VS Code atomic save
		strings.HasSuffix(name, ".tmp"):
		return true
	}
	return false
}

// itemName reports names the loader reads or warns about.
func itemName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// watch turns events into rebuilds until ctx ends: events are collected
// until the file system has been quiet for the debounce window, then
// applied as one batch, so that each save is one rebuild. events and errs
// are w's channels (a test's, in tests).
func (s *Server) watch(ctx context.Context, w *watcher, events <-chan fsnotify.Event, errs <-chan error) {
	pending := map[string]bool{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	arm := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		timer.Reset(min(s.opts.Debounce, max(0, first.Add(maxDelay).Sub(now))))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if rel, ok := w.classify(ev); ok {
				pending[rel] = true
				arm()
			} else if w.lost {
				arm()
			}
		case err, ok := <-errs:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.loud("the file-system event queue overflowed (%v): saves may have been missed; rebuilding everything", err)
			} else {
				w.loud("%v; rebuilding everything", err)
			}
			arm()
		case <-timer.C:
			rels := make([]string, 0, len(pending))
			for rel := range pending {
				rels = append(rels, rel)
			}
			full := w.lost
			if full {
				w.addTree(filepath.Join(w.dir, source.ItemsDir)) // folders made while events were lost
				w.lost = false
			}
			since := first
			clear(pending)
			first = time.Time{}
			s.rebuild(ctx, since, rels, full)
		}
	}
}
