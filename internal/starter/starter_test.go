package starter

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDatesFor(t *testing.T) {
	tests := []struct {
		day, today, now, next string
	}{
		{"2026-11-21", "2026-11-21", "2026-Q4", "2027-Q1"},
		{"2026-12-31", "2026-12-31", "2026-Q4", "2027-Q1"},
		{"2027-01-01", "2027-01-01", "2027-Q1", "2027-Q2"},
		{"2027-03-31", "2027-03-31", "2027-Q1", "2027-Q2"},
		{"2027-04-01", "2027-04-01", "2027-Q2", "2027-Q3"},
		{"2027-09-30", "2027-09-30", "2027-Q3", "2027-Q4"},
	}
	for _, tt := range tests {
		day, err := time.Parse(time.DateOnly, tt.day)
		if err != nil {
			t.Fatal(err)
		}
		got := DatesFor(day)
		if want := (Dates{Today: tt.today, Now: tt.now, Next: tt.next}); got != want {
			t.Errorf("DatesFor(%s) = %+v, want %+v", tt.day, got, want)
		}
	}
}

func TestFilesAreDated(t *testing.T) {
	d := Dates{Today: "2031-05-06", Now: "2031-Q2", Next: "2031-Q3"}
	fl, err := Files(d)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	var paths []string
	for _, f := range fl {
		paths = append(paths, f.Path)
		all.Write(f.Data)
	}
	if paths[0] != "items/assistant-research.md" || !strings.Contains(strings.Join(paths, " "), "roadmap.toml") {
		t.Errorf("paths %q", paths)
	}
	if n := ItemCount(fl); n != 4 {
		t.Errorf("%d items, want 4", n)
	}
	for _, want := range []string{`now = "2031-Q2"`, "reviewed = 2031-05-06", `window = "2031-Q3"`} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no %q in the starter", want)
		}
	}
	if strings.Contains(all.String(), "{{") {
		t.Error("a template action was left in the starter")
	}
}

func TestWrite(t *testing.T) {
	d := DatesFor(time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	check := func(t *testing.T, dir string) {
		t.Helper()
		for _, p := range []string{"roadmap.toml", "items/guided-setup.md"} {
			if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
				t.Error(err)
			}
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*roadmapgen-init-*"))
		if len(left) > 0 {
			t.Errorf("staging left behind: %q", left)
		}
	}
	t.Run("missing folder and parents", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "roadmap")
		if _, err := Write(dir, d); err != nil {
			t.Fatal(err)
		}
		check(t, dir)
	})
	t.Run("empty folder", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := Write(dir, d); err != nil {
			t.Fatal(err)
		}
		check(t, dir)
	})
	t.Run("folder with a file is left as it was", func(t *testing.T) {
		dir := t.TempDir()
		mine := filepath.Join(dir, "notes.txt")
		if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Write(dir, d)
		if !errors.Is(err, ErrNotEmpty) {
			t.Fatalf("err = %v, want ErrNotEmpty", err)
		}
		ents, _ := os.ReadDir(dir)
		if len(ents) != 1 {
			t.Errorf("the folder now has %d entries", len(ents))
		}
	})
	t.Run("a file in the way", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(dir, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Write(dir, d); err == nil {
			t.Fatal("wrote over a file")
		}
		if b, _ := os.ReadFile(dir); string(b) != "x" {
			t.Error("the file changed")
		}
	})
	t.Run("an empty folder named by an unclean path", func(t *testing.T) {
		dir := t.TempDir()
		sep := string(filepath.Separator) // not filepath.Join, which cleans
		if _, err := Write(dir+sep+".."+sep+filepath.Base(dir)+sep, d); err != nil {
			t.Fatal(err)
		}
		check(t, dir)
	})
	t.Run("a missing folder with the longest name a folder can have", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), strings.Repeat("r", 255))
		if _, err := Write(dir, d); err != nil {
			t.Fatal(err)
		}
		check(t, dir)
	})
	t.Run("a failure removes the folders it made above the roadmap", func(t *testing.T) {
		tmp := t.TempDir()
		// a and b are made, then the name too long for any folder fails.
		if _, err := Write(filepath.Join(tmp, "a", "b", strings.Repeat("x", 300), "roadmap"), d); err == nil {
			t.Fatal("wrote a folder with a name too long")
		}
		if ents, _ := os.ReadDir(tmp); len(ents) > 0 {
			t.Errorf("left behind: %s", ents[0].Name())
		}
	})
	t.Run("a failure removes only what it wrote", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := writeFiles(dir, []File{{Path: "items/old.md", Data: []byte("old")}}); err != nil {
			t.Fatal(err)
		}
		// new.md and the folder deep/ are written, then old.md is in the way.
		err := writeInto(dir, []File{{Path: "deep/x.md", Data: []byte("x")}, {Path: "items/new.md", Data: []byte("new")}, {Path: "items/old.md", Data: []byte("?")}})
		if err == nil {
			t.Fatal("wrote over an existing file")
		}
		if b, err := os.ReadFile(filepath.Join(dir, "items", "old.md")); err != nil || string(b) != "old" {
			t.Errorf("the existing file changed: %q, %v", b, err)
		}
		for _, p := range []string{"items/new.md", "deep"} {
			if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
				t.Errorf("%s was left behind", p)
			}
		}
	})
}
