package main_test

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServe runs `roadmapgen serve` on a copy of the example roadmap on a
// random loopback port: the views and the public preview are served, a
// save is rebuilt once and shows over HTTP, a broken save serves the
// problems, and Ctrl-C stops the server cleanly with exit 0.
func TestServe(t *testing.T) {
	src := filepath.Join(t.TempDir(), "content")
	copyDir(t, "../../content", src)
	cmd := exec.Command(binary, "serve", "--source", src, "--port", "0", "--today", "2026-11-21")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TZ=UTC"}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	})
	// until returns the first line matching re, failing after 20s.
	var seen []string
	until := func(re string) []string {
		t.Helper()
		rx := regexp.MustCompile(re)
		timeout := time.After(20 * time.Second)
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("serve ended before %q:\n%s\nstderr: %s", re, strings.Join(seen, "\n"), stderr.String())
				}
				seen = append(seen, line)
				if m := rx.FindStringSubmatch(line); m != nil {
					return m
				}
			case <-timeout:
				t.Fatalf("no line %q in 20s:\n%s\nstderr: %s", re, strings.Join(seen, "\n"), stderr.String())
			}
		}
	}
	base := until(`internal views at (http://127\.0\.0\.1:\d+)/ and a preview of the public page at http://127\.0\.0\.1:\d+/public/`)[1]
	until(`^built .* in .*: no problems$`)

	get := func(p string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, p := range []string{"/", "/executive/", "/releases/", "/technology/", "/portfolio/", "/items/saml-sso.html", "/public/"} {
		if code, body := get(p); code != 200 || !strings.Contains(body, "/_roadmapgen/reload.js") {
			t.Errorf("GET %s: %d", p, code)
		}
	}
	if _, body := get("/public/"); !strings.Contains(body, "Preview") {
		t.Error("the public page is not labelled as a preview")
	}

	item := filepath.Join(src, "items", "dispatch", "saml-sso.md")
	text, err := os.ReadFile(item)
	if err != nil {
		t.Fatal(err)
	}
	edited := regexp.MustCompile(`(?m)^title = ".*"$`).ReplaceAllString(string(text), `title = "SAML single sign-on, edited live"`)
	if err := os.WriteFile(item, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	until(`^rebuilt in .*, ready .* after the save \(items/dispatch/saml-sso\.md changed\): no problems$`)
	if _, body := get("/items/saml-sso.html"); !strings.Contains(body, "SAML single sign-on, edited live") {
		t.Error("the item page does not show the save")
	}

	broken := strings.Replace(edited, `kind = "`, `kind = "x`, 1)
	if err := os.WriteFile(item, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	until(`^rebuilt .*: 1 error`)
	if code, body := get("/"); code != 500 || !strings.Contains(body, "saml-sso.md:") || !strings.Contains(body, "invalid kind") {
		t.Errorf("a broken save: GET / answered %d without the problem", code)
	}
	if err := os.WriteFile(item, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	until(`^rebuilt .*: no problems$`)
	if code, _ := get("/"); code != 200 {
		t.Errorf("after the fix: GET / answered %d", code)
	}

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	until(`^stopped$`)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("serve exited with %v after Ctrl-C; stderr: %s", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not exit within 10s of Ctrl-C")
	}
}
