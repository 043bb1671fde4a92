package main_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// netlifyConfig is the part of a netlify.toml these tests read.
type netlifyConfig struct {
	Build   netlifyBuild
	Context map[string]netlifyBuild
	Headers []struct {
		For    string
		Values map[string]string
	}
	Redirects []struct {
		From, To string
		Status   int
		Force    bool
	}
}

type netlifyBuild struct {
	Base, Command, Publish string
	Environment            map[string]string
}

func readNetlify(t *testing.T, file string) netlifyConfig {
	t.Helper()
	var c netlifyConfig
	md, err := toml.DecodeFile(file, &c)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	for _, k := range md.Undecoded() {
		// Keys this test does not know could change what is published
		// (a [[redirects]] proxying to another site, a plugin).
		if k[0] != "headers" && k[0] != "redirects" && !(k[0] == "build" && len(k) > 1 && k[1] == "environment") {
			t.Errorf("%s: key %s is not checked by this test: check it here before using it", file, k)
		}
	}
	// A redirect may only send a browser to another page of the same
	// site: a status 200 rewrite or a URL elsewhere could serve what the
	// build did not write.
	for _, r := range c.Redirects {
		if (r.Status != 301 && r.Status != 302) || !strings.HasPrefix(r.To, "/") || strings.HasPrefix(r.To, "//") || r.Force {
			t.Errorf("%s: redirect %s -> %s (status %d, force %v) is not a plain redirect within the site", file, r.From, r.To, r.Status, r.Force)
		}
	}
	return c
}

// publicBuildArgs returns the arguments of the one command a public build
// runs, or a reason why the command could publish something else.
func publicBuildArgs(command string) ([]string, string) {
	for _, op := range []string{"&&", "||", ";", "|", ">", "<", "`", "$(", "\n", "&"} {
		if strings.Contains(command, op) {
			return nil, "it holds " + quoteOp(op) + ": the public build must be one roadmapgen build and nothing else, so that nothing else can write to the publish folder"
		}
	}
	args := strings.Fields(command)
	const prefix = "go run ./cmd/roadmapgen build"
	if !strings.HasPrefix(command, prefix+" ") {
		return nil, "it does not start with " + quoteOp(prefix)
	}
	return args[4:], ""
}

func quoteOp(s string) string { return "\"" + strings.ReplaceAll(s, "\n", `\n`) + "\"" }

// flagValue returns the values given to a flag, written "--f v" or "--f=v".
func flagValue(args []string, name string) []string {
	var out []string
	for i, a := range args {
		for _, dash := range []string{"-", "--"} {
			switch {
			case a == dash+name && i+1 < len(args):
				out = append(out, strings.Trim(args[i+1], `"'`))
			case strings.HasPrefix(a, dash+name+"="):
				out = append(out, strings.Trim(strings.TrimPrefix(a, dash+name+"="), `"'`))
			}
		}
	}
	return out
}

// TestNetlifyPublicCannotPublishInternal: in every deploy context, the
// public site runs one roadmapgen build of the public root alone and
// publishes exactly that root, so no internal file can be in it.
func TestNetlifyPublicCannotPublishInternal(t *testing.T) {
	c := readNetlify(t, "../../netlify.toml")
	if c.Build.Base != "" {
		t.Errorf("netlify.toml sets build.base %q: a base in the root file overrides the internal site's base directory, so both sites would build the same thing", c.Build.Base)
	}
	contexts := map[string]netlifyBuild{"build": c.Build}
	for name, b := range c.Context {
		if b.Base != "" {
			t.Errorf("context %s sets base %q", name, b.Base)
		}
		if b.Command == "" {
			b.Command = c.Build.Command
		}
		if b.Publish == "" {
			b.Publish = c.Build.Publish
		}
		contexts["context."+name] = b
	}
	for name, b := range contexts {
		args, why := publicBuildArgs(b.Command)
		if why != "" {
			t.Errorf("%s: command %q: %s", name, b.Command, why)
			continue
		}
		if sites := flagValue(args, "site"); len(sites) != 1 || sites[0] != "public" {
			t.Errorf("%s: command %q must build --site public exactly once, has --site %v", name, b.Command, sites)
		}
		for _, bad := range []string{"source", "theme"} {
			if v := flagValue(args, bad); len(v) > 0 {
				t.Errorf("%s: command sets --%s %v; the deploy builds content/ with its own theme", name, bad, v)
			}
		}
		outs := flagValue(args, "out")
		out := "dist"
		if len(outs) > 1 {
			t.Errorf("%s: --out given %d times", name, len(outs))
		} else if len(outs) == 1 {
			out = outs[0]
		}
		if want := path.Join(path.Clean(out), "public"); path.Clean(b.Publish) != want {
			t.Errorf("%s: publishes %q, but the public root of --out %s is %q: publish that folder and nothing around it", name, b.Publish, out, want)
		}
	}
}

// TestNetlifyHeaders: both sites send the security headers on every path;
// the internal site is also noindex and commits no credentials.
func TestNetlifyHeaders(t *testing.T) {
	for _, tt := range []struct {
		site, file string
		internal   bool
	}{{"public", "../../netlify.toml", false}, {"internal", "../../deploy/internal/netlify.toml", true}} {
		t.Run(tt.site, func(t *testing.T) {
			c := readNetlify(t, tt.file)
			var all map[string]string
			for _, h := range c.Headers {
				for k := range h.Values {
					if strings.EqualFold(k, "Basic-Auth") {
						t.Errorf("%s commits Basic-Auth credentials for %s: take them from an environment variable", tt.file, h.For)
					}
				}
				if h.For == "/*" {
					all = map[string]string{}
					for k, v := range h.Values {
						all[strings.ToLower(k)] = v
					}
				}
			}
			if all == nil {
				t.Fatalf("%s has no [[headers]] for \"/*\"", tt.file)
			}
			for _, msg := range headerProblems(all, tt.internal) {
				t.Errorf("%s: %s", tt.file, msg)
			}
		})
	}
}

// headerProblems lists what is missing or weak in the headers sent on
// every path.
func headerProblems(h map[string]string, internal bool) []string {
	var out []string
	csp := h["content-security-policy"]
	directives := map[string]string{}
	for d := range strings.SplitSeq(csp, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			directives[strings.ToLower(f[0])] = strings.Join(f[1:], " ")
		}
	}
	scripts, ok := directives["script-src"]
	if !ok {
		scripts, ok = directives["default-src"]
	}
	switch {
	case csp == "":
		out = append(out, "no Content-Security-Policy")
	case !ok:
		out = append(out, "Content-Security-Policy has neither script-src nor default-src, so it allows any script")
	case strings.Contains(scripts, "'unsafe-inline'"), strings.Contains(scripts, "'unsafe-eval'"), strings.Contains(scripts, "*"), strings.Contains(scripts, "data:"):
		out = append(out, "Content-Security-Policy allows inline, eval'd or foreign scripts: "+scripts)
	}
	if _, ok := directives["frame-ancestors"]; !ok && h["x-frame-options"] == "" {
		out = append(out, "neither frame-ancestors nor X-Frame-Options: the pages can be framed")
	}
	if h["referrer-policy"] == "" || strings.EqualFold(h["referrer-policy"], "unsafe-url") {
		out = append(out, "no Referrer-Policy (or unsafe-url)")
	}
	if !strings.EqualFold(h["x-content-type-options"], "nosniff") {
		out = append(out, "no X-Content-Type-Options: nosniff")
	}
	if internal && !strings.Contains(strings.ToLower(h["x-robots-tag"]), "noindex") {
		out = append(out, "the internal site is not X-Robots-Tag: noindex")
	}
	return out
}

// TestHeaderProblems: the header check itself fails on weak headers.
func TestHeaderProblems(t *testing.T) {
	good := map[string]string{
		"content-security-policy": "default-src 'none'; style-src 'self'; frame-ancestors 'none'",
		"referrer-policy":         "no-referrer",
		"x-content-type-options":  "nosniff",
		"x-robots-tag":            "noindex",
	}
	if p := headerProblems(good, true); len(p) != 0 {
		t.Fatalf("good headers reported: %v", p)
	}
	for name, change := range map[string][2]string{
		"no csp":            {"content-security-policy", ""},
		"inline scripts":    {"content-security-policy", "default-src 'self' 'unsafe-inline'; frame-ancestors 'none'"},
		"inline via script": {"content-security-policy", "default-src 'none'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"},
		"no default":        {"content-security-policy", "style-src 'self'; frame-ancestors 'none'"},
		"framable":          {"content-security-policy", "default-src 'none'"},
		"no referrer":       {"referrer-policy", ""},
		"sniffing":          {"x-content-type-options", ""},
		"indexable":         {"x-robots-tag", "all"},
	} {
		h := map[string]string{}
		for k, v := range good {
			h[k] = v
		}
		h[change[0]] = change[1]
		if len(headerProblems(h, true)) == 0 {
			t.Errorf("%s: not reported", name)
		}
	}
	args, why := publicBuildArgs(`go run ./cmd/roadmapgen build --site public --out dist && cp -r dist/internal dist/public`)
	if why == "" || args != nil {
		t.Error("a second command after the build was not refused")
	}
}

// netlifyCommand runs a configured command with sh in dir, using the test
// binary for roadmapgen, and returns its combined output.
func netlifyCommand(t *testing.T, dir, command string, env ...string) (string, error) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Netlify runs build commands in a POSIX shell")
	}
	command = strings.Replace(command, "go run ./cmd/roadmapgen", binary, 1)
	cmd := exec.Command("sh", "-c", command)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "TZ=UTC", "ROADMAPGEN=" + binary, "SOURCE_DATE_EPOCH=1795219200"}, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestNetlifyPublicBuild runs the public site's configured command on the
// example and checks what lands in the publish folder: the public page,
// its export and assets, and nothing internal.
func TestNetlifyPublicBuild(t *testing.T) {
	c := readNetlify(t, "../../netlify.toml")
	repo := t.TempDir()
	copyDir(t, "../../content", filepath.Join(repo, "content"))
	// A stale internal build beside it must not reach the publish folder.
	if out, err := netlifyCommand(t, repo, binary+" build --site internal --out dist"); err != nil {
		t.Fatalf("internal build: %v\n%s", err, out)
	}
	out, err := netlifyCommand(t, repo, c.Build.Command, "URL=https://roadmap.example.com")
	if err != nil {
		t.Fatalf("public build: %v\n%s", err, out)
	}
	files := tree(t, filepath.Join(repo, filepath.FromSlash(c.Build.Publish)))
	internal := tree(t, filepath.Join(repo, "dist", "internal"))
	for _, want := range []string{"index.html", "roadmap.json", "assets/style.css"} {
		if _, ok := files[want]; !ok {
			t.Errorf("publish folder lacks %s", want)
		}
	}
	for f, body := range files {
		if strings.HasPrefix(f, "internal/") || strings.HasPrefix(f, "items/") || strings.HasPrefix(f, "assets/internal/") {
			t.Errorf("publish folder holds internal file %s", f)
		}
		if ib, ok := internal[f]; ok && ib == body && strings.HasSuffix(f, ".html") {
			t.Errorf("publish folder holds the internal %s", f)
		}
	}
	var export struct{ Format string }
	if err := json.Unmarshal([]byte(files["roadmap.json"]), &export); err != nil || export.Format != "roadmapgen-public/1" {
		t.Errorf("roadmap.json in the publish folder is not the public export: %q, %v", export.Format, err)
	}
	if !strings.Contains(files["index.html"], "https://roadmap.example.com/") {
		t.Error("the canonical link does not use Netlify's $URL")
	}
}

// TestNetlifyInternalBuild runs the internal site's build script: without
// protection it refuses and writes nothing; with Basic-Auth credentials
// from the environment it builds the internal root and protects it.
func TestNetlifyInternalBuild(t *testing.T) {
	c := readNetlify(t, "../../deploy/internal/netlify.toml")
	if c.Build.Base != "" {
		t.Errorf("deploy/internal/netlify.toml sets base %q; the base directory is set on the site", c.Build.Base)
	}
	repo := t.TempDir()
	copyDir(t, "../../content", filepath.Join(repo, "content"))
	base := filepath.Join(repo, "deploy", "internal")
	if err := os.MkdirAll(base, 0o755); err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../deploy/internal/build.sh")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(base, "build.sh"), script, 0o755); err != nil {
		t.Fatal(err)
	}
	publish := filepath.Join(base, filepath.FromSlash(c.Build.Publish))

	for _, env := range [][]string{nil, {"ROADMAPGEN_PASSWORD_PROTECTION=yes"}, {"ROADMAPGEN_BASIC_AUTH=nocolon"}, {"ROADMAPGEN_BASIC_AUTH=a:b\n/public/*\n  X: y"}} {
		out, err := netlifyCommand(t, base, c.Build.Command, env...)
		if err == nil || !strings.Contains(out, "ROADMAPGEN_BASIC_AUTH") {
			t.Errorf("env %q: built without valid protection (err %v):\n%s", env, err, out)
		}
		if _, err := os.Stat(publish); !os.IsNotExist(err) {
			t.Fatalf("env %q: the publish folder exists after a refused build", env)
		}
	}

	out, err := netlifyCommand(t, base, c.Build.Command, "ROADMAPGEN_BASIC_AUTH=team:s3cret other:pw")
	if err != nil {
		t.Fatalf("protected build: %v\n%s", err, out)
	}
	files := tree(t, publish)
	if got, want := files["_headers"], "/*\n  Basic-Auth: team:s3cret other:pw\n"; got != want {
		t.Errorf("_headers = %q, want %q", got, want)
	}
	if _, ok := files["executive/index.html"]; !ok {
		t.Error("the internal root was not published")
	}
	// The redirect that keeps /items/<id>/ links working lands on a page
	// the build wrote.
	for _, r := range c.Redirects {
		if r.From == "/items/:id/" {
			target := strings.TrimPrefix(strings.ReplaceAll(r.To, ":id", "saml-sso"), "/")
			if _, ok := files[target]; !ok {
				t.Errorf("redirect %s -> %s: the build wrote no %s", r.From, r.To, target)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(base, "dist", "public")); !os.IsNotExist(err) {
		t.Error("the internal site built the public root too")
	}

	out, err = netlifyCommand(t, base, c.Build.Command, "ROADMAPGEN_PASSWORD_PROTECTION=netlify")
	if err != nil {
		t.Fatalf("build behind Netlify password protection: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(publish, "_headers")); !os.IsNotExist(err) {
		t.Error("old credentials survived a rebuild without Basic-Auth")
	}
}
