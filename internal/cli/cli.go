// Package cli is the roadmapgen command line: it parses arguments, wires
// the pipeline stages together and turns their outcome into exit codes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/markdown"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// Exit codes.
const (
	// ExitOK means success.
	ExitOK = 0
	// ExitProblems means problems were found in the source (or, with
	// --strict, warnings).
	ExitProblems = 1
	// ExitUsage means the command line was wrong.
	ExitUsage = 2
)

// Env looks up an environment variable; os.Getenv in production, a map in
// tests, so that no test depends on the machine's environment.
type Env func(string) string

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int
}

func commands() []command {
	return []command{
		{"init", "write a small starter roadmap to edit into your own", runInit},
		{"check", "lint the roadmap source and report every problem", runCheck},
		{"build", "render every audience view into an internal and a public site", runBuild},
		{"plan", "print the ranked plan and the capacity table (text or JSON)", runPlan},
		{"serve", "author with live reload: every view, rebuilt on each save", runServe},
		{"version", "print the version", runVersion},
		{"help", "show help for a command", nil},
	}
}

// Run runs the roadmapgen command line with args (without the program
// name) and returns the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if !known(rest[0]) {
				return Run(ctx, rest[:1], stdout, stderr, env) // reports the unknown command
			}
			return Run(ctx, []string{rest[0], "--help"}, stdout, stdout, env) // asked-for help goes to stdout
		}
		usage(stdout)
		return ExitOK
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, rest, stdout, stderr, env)
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	fmt.Fprintf(stderr, "roadmapgen: unknown command %q", name)
	if hint := diag.DidYouMean(name, names); hint != "" {
		fmt.Fprintf(stderr, " (%s)", hint)
	}
	fmt.Fprintf(stderr, "\nRun 'roadmapgen help' for the list of commands.\n")
	return ExitUsage
}

func known(name string) bool {
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return true
		}
	}
	return false
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("roadmapgen builds one roadmap into a view for each audience.\n\nUsage:\n  roadmapgen <command> [flags]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-8s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'roadmapgen help <command>' for its flags.\n")
	io.WriteString(w, b.String())
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		var b strings.Builder
		fmt.Fprintf(&b, "Usage: roadmapgen %s\n\nFlags:\n", synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			name, text := flag.UnquoteUsage(f)
			fmt.Fprintf(&b, "  --%s", f.Name)
			if name != "" {
				fmt.Fprintf(&b, " %s", name)
			}
			fmt.Fprintf(&b, "\n      %s", text)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(&b, " (default %q)", f.DefValue)
			}
			b.WriteByte('\n')
		})
		io.WriteString(fs.Output(), b.String())
	}
	return fs
}

// parse parses flags, returning the exit code to stop with, if any.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	out := fs.Output()
	fs.SetOutput(io.Discard) // the flag package's own messages use one dash
	err := fs.Parse(args)
	fs.SetOutput(out)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return ExitOK, true
		}
		msg := strings.Replace(err.Error(), ": -", ": --", 1)
		fmt.Fprintf(out, "roadmapgen %s: %s\nRun 'roadmapgen help %s' for its flags.\n", fs.Name(), msg, fs.Name())
		return ExitUsage, true
	}
	var empty string
	fs.Visit(func(f *flag.Flag) {
		if f.Value.String() == "" && empty == "" {
			empty = f.Name
		}
	})
	if empty != "" {
		fmt.Fprintf(fs.Output(), "roadmapgen %s: --%s needs a value\n", fs.Name(), empty)
		return ExitUsage, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "roadmapgen %s: unexpected argument %q (flags come as --name value)\n", fs.Name(), fs.Arg(0))
		return ExitUsage, true
	}
	return 0, false
}

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer, _ Env) int {
	fs := newFlags("version", "version", stderr)
	if code, stop := parse(fs, args); stop {
		return code
	}
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	fmt.Fprintf(stdout, "roadmapgen %s\n", v)
	return ExitOK
}

// maxEpoch is the last second of year 9999: dates past it do not print
// as YYYY-MM-DD.
const maxEpoch = 253402300799

// isFolder checks the --source argument before anything is read, so that a
// mistyped folder is a usage error, not a list of problems.
func isFolder(dir string) error {
	return folder(dir, "source", "--source DIR names the folder with roadmap.toml and items/")
}

// isThemeFolder is isFolder for --theme.
func isThemeFolder(dir string) error {
	return folder(dir, "theme", "--theme DIR names a folder of layouts/, partials/ and assets/ that override the default theme's")
}

// folder checks that dir is a folder; what names it and hint says what
// its flag expects.
func folder(dir, what, hint string) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s folder %q does not exist (%s)", what, dir, hint)
	case err != nil:
		return fmt.Errorf("%s folder %q: %v", what, dir, err)
	case !info.IsDir():
		return fmt.Errorf("%s %q is not a folder (%s)", what, dir, hint)
	}
	return nil
}

// today decides the date that date-dependent checks use: the --today flag,
// else SOURCE_DATE_EPOCH (for reproducible builds), else the clock. It is
// the only place the clock enters.
func today(flagValue string, env Env) (time.Time, error) {
	if flagValue != "" {
		t, err := time.Parse(time.DateOnly, flagValue)
		if err != nil {
			return time.Time{}, fmt.Errorf("invalid --today %q: expected YYYY-MM-DD", flagValue)
		}
		return t, nil
	}
	if s := env("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil || sec < 0 || sec > maxEpoch {
			return time.Time{}, fmt.Errorf("invalid SOURCE_DATE_EPOCH %q: expected seconds since 1970-01-01 UTC", s)
		}
		t := time.Unix(sec, 0).UTC()
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
	}
	t := time.Now().UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}

// keepBodies says what loadAndCheck keeps of the item bodies it loads.
type keepBodies int

const (
	// deferBodies keeps each item file's text and converts no body
	// (source.Loader.Defer): build converts each at its page, long after
	// loading, and at 10,000 items the files are most of the live heap.
	// Check then leaves the bodies' warnings to the build
	// (check.BodyWarnings), unless the build stops at an error.
	deferBodies keepBodies = iota
	// textOnly renders no HTML (source.Loader.ScanOnly): check, plan and
	// build --site public never show a body, and the text serves only for
	// positions in it.
	textOnly
)

// loadOptions say how loadAndCheck loads.
type loadOptions struct {
	// release reads each item's fields as it is loaded and lets its
	// decoded TOML go at once (model.Builder.Read), so the decoded front
	// matter of every item is never held at once (docs/performance.md,
	// Memory); the plan and the problems are the same either way.
	release bool
	// bodies says what a released load keeps of each item's body.
	bodies keepBodies
	// found, when set, is told how many item files are about to be read
	// (source.Loader.Found), and read the size of each item file read,
	// on the goroutine that read it.
	found func(files int)
	read  func(size int)
}

// loadAndCheck runs the first stages of every command: load, model, plan
// and check. The plan is ranked once; check's planning rules read the same
// ranking the commands then print or render.
func loadAndCheck(ctx context.Context, dir string, day time.Time, o loadOptions) (*plan.Plan, *source.Site, *diag.List) {
	var diags diag.List
	bd := model.NewBuilder()
	loader := source.NewLoader(nil)
	loader.Found = o.found
	if o.release {
		loader.Defer = o.bodies == deferBodies
		loader.ScanOnly = o.bodies == textOnly
		loader.OnItem = func(it *source.Item) {
			bd.Read(it)
			it.Front.Data = nil // read: only positions are asked of it now
			if o.read != nil {
				o.read(it.Size)
			}
		}
	}
	site := loader.Load(ctx, dir, &diags)
	m := bd.Build(ctx, site, &diags)
	ranked := plan.Make(m)
	check.Run(ctx, m, check.Options{Today: day, Plan: ranked}, &diags)
	if loader.Defer && diags.HasErrors() && ctx.Err() == nil {
		// The build stops here and converts no body: scan them, so that
		// it says all that check says.
		md := markdown.New()
		for _, it := range m.Items {
			if !it.Body.Converted() {
				text := it.Body.Text()
				for _, d := range check.BodyWarnings(it, text, md.ScanBytes(text)) {
					diags.Add(d)
				}
			}
		}
	}
	return ranked, site, &diags
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	fs := newFlags("check", "check [--source DIR] [--strict] [--format text|json|github] [--today YYYY-MM-DD]", stderr)
	src := fs.String("source", "content", "read the roadmap source from `DIR`")
	strict := fs.Bool("strict", false, "exit 1 on warnings too")
	format := fs.String("format", "text", "print problems as `FORMAT`: text, json or github (workflow annotations)")
	todayFlag := fs.String("today", "", "judge reviews as of `YYYY-MM-DD` instead of SOURCE_DATE_EPOCH or the clock")
	if code, stop := parse(fs, args); stop {
		return code
	}
	f, err := diag.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen check: %v\n", err)
		return ExitUsage
	}
	day, err := today(*todayFlag, env)
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen check: %v\n", err)
		return ExitUsage
	}
	if err := isFolder(*src); err != nil {
		fmt.Fprintf(stderr, "roadmapgen check: %v\n", err)
		return ExitUsage
	}
	ranked, site, diags := loadAndCheck(ctx, *src, day, loadOptions{release: true, bodies: textOnly})
	m := ranked.Model
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "roadmapgen check: interrupted")
		return ExitProblems
	}
	ds := diags.Sorted()
	if err := diag.WriteAll(stdout, ds, f, site.SourcesFor(ds)); err != nil {
		fmt.Fprintf(stderr, "roadmapgen check: %v\n", err)
		return ExitProblems
	}
	if f == diag.Text {
		fmt.Fprintf(stdout, "checked %s (%s, %s, %s): %s\n", *src,
			diag.Plural(len(m.Items), "item"), diag.Plural(len(m.Themes), "theme"), diag.Plural(len(m.Objectives), "objective"), diag.Summary(ds))
	}
	if diags.HasErrors() || (*strict && diags.Count(diag.Warning) > 0) {
		return ExitProblems
	}
	return ExitOK
}
