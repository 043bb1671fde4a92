package source

import (
	"errors"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		toml     string
		body     string
		bodyLine int
		err      error
	}{
		{name: "plain", in: "+++\ntitle = \"x\"\n+++\nBody\n", toml: "title = \"x\"\n", body: "Body\n", bodyLine: 4},
		{name: "crlf", in: "+++\r\na = 1\r\n+++\r\nB", toml: "a = 1\r\n", body: "B", bodyLine: 4},
		{name: "bom", in: "\xef\xbb\xbf+++\na = 1\n+++\n", toml: "a = 1\n", body: "", bodyLine: 4},
		{name: "trailing space on delimiters", in: "+++  \na = 1\n+++\t\nB", toml: "a = 1\n", body: "B", bodyLine: 4},
		{name: "empty front matter", in: "+++\n+++\nB", toml: "", body: "B", bodyLine: 3},
		{name: "no newline after close", in: "+++\na = 1\n+++", toml: "a = 1\n", body: "", bodyLine: 4},
		{name: "+++ inside body is body", in: "+++\na=1\n+++\nx\n+++\n", toml: "a=1\n", body: "x\n+++\n", bodyLine: 4},
		{name: "no open", in: "title = 1\n", err: ErrNoOpen},
		{name: "yaml", in: "---\ntitle: x\n---\n", err: ErrNoOpen},
		{name: "empty file", in: "", err: ErrNoOpen},
		{name: "no close", in: "+++\ntitle = 1\n", err: ErrNoClose},
		{name: "four pluses", in: "++++\na=1\n++++\n", err: ErrNoOpen},
		{name: "indented close is not a close", in: "+++\na=1\n +++\n", err: ErrNoClose},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, err := SplitFrontMatter([]byte(tt.in))
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(fm.TOML) != tt.toml || string(fm.Body) != tt.body || fm.BodyLine != tt.bodyLine {
				t.Errorf("got toml %q body %q line %d", fm.TOML, fm.Body, fm.BodyLine)
			}
			if got := tt.in[fm.BodyOffset:]; got != tt.body {
				t.Errorf("BodyOffset points at %q", got)
			}
		})
	}
}

func TestSlugs(t *testing.T) {
	for _, s := range []string{"a", "saml-sso", "q4-2026", "0"} {
		if !IsSlug(s) {
			t.Errorf("IsSlug(%q) = false", s)
		}
	}
	for _, s := range []string{"", "-a", "a-", "a--b", "A", "a_b", "a.b", "a b", "é", "../x"} {
		if IsSlug(s) {
			t.Errorf("IsSlug(%q) = true", s)
		}
	}
	for in, want := range map[string]string{"SAML SSO": "saml-sso", "a__b": "a-b", "--x--": "x", "!!!": "", "Café Crème": "cafe-creme", "Überblick": "uberblick"} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
