package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/starter"
)

// runInit writes a starter roadmap: the shortest way from nothing to a
// plan that check passes and build renders.
func runInit(_ context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	fs := newFlags("init", "init [--source DIR] [--today YYYY-MM-DD]", stderr)
	src := fs.String("source", "content", "write the new roadmap into `DIR`, which must be missing or empty")
	todayFlag := fs.String("today", "", "date the roadmap (its current quarter and review) `YYYY-MM-DD` instead of SOURCE_DATE_EPOCH or the clock")
	if code, stop := parse(fs, args); stop {
		return code
	}
	day, err := today(*todayFlag, env)
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen init: %v\n", err)
		return ExitUsage
	}
	dates := starter.DatesFor(day)
	// The roadmap must pass check as made: its quarters must be ones the
	// source format accepts.
	for _, q := range []string{dates.Now, dates.Next} {
		if _, err := model.ParseQuarter(q); err != nil {
			fmt.Fprintf(stderr, "roadmapgen init: cannot date a roadmap %s: its quarters would include %s, outside the years a roadmap may name\n", dates.Today, q)
			return ExitUsage
		}
	}
	if info, err := os.Stat(*src); err == nil && !info.IsDir() {
		fmt.Fprintf(stderr, "roadmapgen init: source %q is not a folder (--source DIR names the folder to write the new roadmap into, which must be missing or empty)\n", *src)
		return ExitUsage
	}
	files, err := starter.Write(*src, dates)
	if errors.Is(err, starter.ErrNotEmpty) {
		fmt.Fprintf(stderr, "roadmapgen init: %q is not empty: init writes a new roadmap only into a missing or empty folder, and never changes one that exists (choose another with --source DIR)\n", *src)
		return ExitProblems
	}
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen init: %v\n", err)
		return ExitProblems
	}
	dir := filepath.Clean(*src)
	flag := "" // the commands' default --source
	if dir != "content" {
		flag = " --source " + shellQuote(dir)
	}
	fmt.Fprintf(stdout, "wrote a new roadmap to %s (%s, %s)\n", dir, diag.Plural(len(files), "file"), diag.Plural(starter.ItemCount(files), "item"))
	fmt.Fprintf(stdout, "next: edit %s and the files in %s, then run\n  roadmapgen check%s\n  roadmapgen serve%s\n",
		filepath.Join(dir, "roadmap.toml"), filepath.Join(dir, "items"), flag, flag)
	return ExitOK
}

// shellQuote quotes s for a POSIX shell when it needs it, so that the
// printed commands can be pasted.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
