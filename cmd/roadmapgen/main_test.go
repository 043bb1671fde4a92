package main_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	// The tests run a binary built from this package; importing what it is
	// made of makes go test's cache notice when that code changes.
	_ "github.com/roadmapgen/roadmapgen/internal/cli"
)

var update = flag.Bool("update", false, "rewrite golden files")

// binary is the roadmapgen command built once for the end-to-end tests, so
// they exercise exactly what users run.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "roadmapgen-e2e-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "roadmapgen")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		panic("building roadmapgen: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run executes the binary with a clean environment and returns its output
// and exit code.
func run(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "TZ=UTC"}, env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./cmd/roadmapgen -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestExampleContentPassesStrict(t *testing.T) {
	out, errOut, code := run(t, nil, "check", "--source", "../../content", "--strict", "--today", "2026-11-21")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "no problems") {
		t.Errorf("unexpected output: %s", out)
	}
}

func TestCheckBrokenGolden(t *testing.T) {
	out, errOut, code := run(t, nil, "check", "--source", "testdata/broken", "--today", "2026-11-21")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if errOut != "" {
		t.Errorf("stderr: %s", errOut)
	}
	golden(t, "check-broken.golden", out)

	gh, _, code := run(t, nil, "check", "--source", "testdata/broken", "--today", "2026-11-21", "--format", "github")
	if code != 1 {
		t.Errorf("github format: exit code %d", code)
	}
	golden(t, "check-broken-github.golden", gh)
}

func TestCheckJSON(t *testing.T) {
	out, _, code := run(t, nil, "check", "--source", "testdata/broken", "--today", "2026-11-21", "--format", "json")
	if code != 1 {
		t.Errorf("exit code %d", code)
	}
	var doc struct {
		Errors, Warnings int
		Diagnostics      []struct {
			File     string
			Line     int
			Severity string
			Message  string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if doc.Errors == 0 || doc.Warnings == 0 || len(doc.Diagnostics) != doc.Errors+doc.Warnings {
		t.Errorf("counts: %d errors, %d warnings, %d diagnostics", doc.Errors, doc.Warnings, len(doc.Diagnostics))
	}
}

func TestStrictFailsOnWarnings(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../content", dir)
	// An overdue review is a warning only: exit 0 without --strict, 1 with.
	_, _, code := run(t, nil, "check", "--source", dir, "--today", "2028-01-01")
	if code != 0 {
		t.Errorf("warnings without --strict: exit %d, want 0", code)
	}
	out, _, code := run(t, nil, "check", "--source", dir, "--today", "2028-01-01", "--strict")
	if code != 1 || !strings.Contains(out, "overdue") {
		t.Errorf("--strict: exit %d, want 1\n%s", code, out)
	}
}

func TestTodayFromSourceDateEpoch(t *testing.T) {
	// 1830297600 is 2028-01-01: the review is overdue.
	out, _, _ := run(t, []string{"SOURCE_DATE_EPOCH=1830297600"}, "check", "--source", "../../content")
	if !strings.Contains(out, "overdue") {
		t.Errorf("SOURCE_DATE_EPOCH not used:\n%s", out)
	}
	_, errOut, code := run(t, []string{"SOURCE_DATE_EPOCH=yesterday"}, "check", "--source", "../../content")
	if code != 2 || !strings.Contains(errOut, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d, %s", code, errOut)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{args: nil, code: 2, stderr: "Usage:"},
		{args: []string{"help"}, code: 0, stdout: "Commands:"},
		{args: []string{"--help"}, code: 0, stdout: "check"},
		{args: []string{"help", "check"}, code: 0, stdout: "--source DIR"},
		{args: []string{"check", "--help"}, code: 0, stderr: "-strict"},
		{args: []string{"serve", "--port", "99999"}, code: 2, stderr: `invalid --port "99999": expected a number from 0 to 65535`},
		{args: []string{"serve", "--bind", "my-laptop"}, code: 2, stderr: `invalid --bind "my-laptop"`},
		{args: []string{"serve", "--source", "does-not-exist"}, code: 2, stderr: `source folder "does-not-exist" does not exist`},
		{args: []string{"build", "--site", "both"}, code: 2, stderr: `invalid --site "both": expected all, internal or public`},
		{args: []string{"build", "--base-url", "roadmap.example.com"}, code: 2, stderr: "expected an absolute http or https URL"},
		{args: []string{"build", "--source", "../../content", "--theme", "no-such-theme"}, code: 1, stderr: `roadmapgen build: theme folder "no-such-theme" does not exist (--theme DIR names`},
		{args: []string{"serve", "--source", "../../content", "--theme", "main_test.go"}, code: 1, stderr: `roadmapgen serve: theme "main_test.go" is not a folder (--theme DIR names`},
		{args: []string{"build", "--base-url", "https://x.example/?q=a"}, code: 2, stderr: "expected an absolute http or https URL without a query or fragment"},
		{args: []string{"build", "--public-base-url", "https://roadmap.example.com/2027-q1/"}, code: 2, stderr: `invalid --public-base-url "https://roadmap.example.com/2027-q1/": "2027-q1" reads as a date (quarter), and the public site shows no dates of any kind`},
		{args: []string{"chek"}, code: 2, stderr: `unknown command "chek" (did you mean "check"?)`},
		{args: []string{"check", "--format", "xml"}, code: 2, stderr: "unknown format"},
		{args: []string{"check", "--bogus"}, code: 2, stderr: "roadmapgen check: flag provided but not defined: --bogus\nRun 'roadmapgen help check' for its flags."},
		{args: []string{"check", "--format"}, code: 2, stderr: "roadmapgen check: flag needs an argument: --format"},
		{args: []string{"check", "extra"}, code: 2, stderr: `unexpected argument "extra"`},
		{args: []string{"check", "--today", "21/11/2026"}, code: 2, stderr: "expected YYYY-MM-DD"},
		{args: []string{"version"}, code: 0, stdout: "roadmapgen "},
		{args: []string{"check", "--source", "does-not-exist"}, code: 2, stderr: `source folder "does-not-exist" does not exist`},
		{args: []string{"check", "--source", "main.go"}, code: 2, stderr: `source "main.go" is not a folder`},
		{args: []string{"check", "--today", ""}, code: 2, stderr: "--today needs a value"},
		{args: []string{"help", "nope"}, code: 2, stderr: `unknown command "nope"`},
		{args: []string{"init", "roadmap"}, code: 2, stderr: `unexpected argument "roadmap"`},
		{args: []string{"init", "--today", "2026-13-01"}, code: 2, stderr: "expected YYYY-MM-DD"},
		{args: []string{"init", "--source", "."}, code: 1, stderr: `roadmapgen init: "." is not empty`},
		{args: []string{"init", "--source", "main.go"}, code: 2, stderr: `roadmapgen init: source "main.go" is not a folder (--source DIR names the folder to write the new roadmap into`},
		{args: []string{"init", "--source", ".", "--today", "2999-12-01"}, code: 2, stderr: "its quarters would include 3000-Q1"},
		{args: []string{"init", "--source", ".", "--today", "1899-12-31"}, code: 2, stderr: "its quarters would include 1899-Q4"},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, nil, tt.args...)
		// An expectation on one stream means the other must stay empty:
		// errors never go to stdout, help asked for never to stderr.
		ok := code == tt.code &&
			(tt.stdout == "" && out == "" || tt.stdout != "" && strings.Contains(out, tt.stdout)) &&
			(tt.stderr == "" && errOut == "" || tt.stderr != "" && strings.Contains(errOut, tt.stderr))
		if !ok {
			t.Errorf("roadmapgen %q: exit %d\nstdout: %s\nstderr: %s", tt.args, code, out, errOut)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestInitMakesAPlanThatBuilds runs init on several days, including the
// turn of a year, and requires what it writes to pass check --strict and
// to build; a second init into the same folder must change nothing.
func TestInitMakesAPlanThatBuilds(t *testing.T) {
	for _, day := range []string{"2026-11-21", "2026-12-31", "2027-01-01", "2030-06-30"} {
		t.Run(day, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "my roadmap")
			out, errOut, code := run(t, nil, "init", "--source", dir, "--today", day)
			if code != 0 || !strings.Contains(out, "(5 files, 4 items)") || !strings.Contains(out, "roadmapgen check --source '"+dir+"'") {
				t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
			}
			out, errOut, code = run(t, nil, "check", "--source", dir, "--strict", "--today", day)
			if code != 0 || !strings.Contains(out, "no problems") {
				t.Fatalf("check: exit %d\n%s%s", code, out, errOut)
			}
			site := filepath.Join(t.TempDir(), "site")
			out, errOut, code = run(t, nil, "build", "--source", dir, "--out", site, "--today", day)
			if code != 0 || !strings.Contains(out, "(4 items, 2 public items) with no problems") {
				t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
			}
			before, err := os.ReadFile(filepath.Join(dir, "roadmap.toml"))
			if err != nil {
				t.Fatal(err)
			}
			_, errOut, code = run(t, nil, "init", "--source", dir, "--today", "2040-01-01")
			if code != 1 || !strings.Contains(errOut, "is not empty") {
				t.Errorf("second init: exit %d\n%s", code, errOut)
			}
			if after, _ := os.ReadFile(filepath.Join(dir, "roadmap.toml")); !bytes.Equal(before, after) {
				t.Error("a second init changed roadmap.toml")
			}
		})
	}
}
