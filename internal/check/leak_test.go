package check_test

import (
	"strconv"
	"strings"
	"testing"
)

// pub are the lines of a valid public now item.
var pub = append(append([]string{}, base...), `visibility = "public"`)

// TestPublicCopyLeaks: public copy that repeats internal-only text, or
// names a team, is reported at the repeated text; ordinary copy is not.
func TestPublicCopyLeaks(t *testing.T) {
	teams := strings.Replace(baseRoadmap, "[[themes]]", `[[teams]]
id = "payments"
title = "Payments"
product = "core"

[[teams]]
id = "core-platform"
title = "Core Platform"
product = "core"

[[teams]]
id = "board"
title = "Board invoice"
product = "core"

[[themes]]`, 1)
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"internal title repeated in the summary", []string{`title = "Project Falcon SSO"`, `public_title = "Single sign-on"`, `public_summary = "The project falcon SSO work lets you sign in."`},
			[]string{`items/b.md:10:23: warning: public_summary of item "b" repeats the internal title "Project Falcon SSO", which public_title is set to replace: reword it for customers`}},
		{"public title equal to the title", []string{`title = "Single sign-on"`, `public_title = "Single sign-on"`},
			[]string{`items/b.md:9:17: warning: public_title of item "b" repeats the internal title "Single sign-on", which public_title is set to replace: reword it for customers`}},
		{"title without public title is not compared with itself", []string{`title = "Faster exports"`}, nil},
		{"customer name from the outcome", []string{`outcome = "Unblocks the Granite State Electric renewal"`, `public_summary = "Built with Granite State Electric, and for everyone."`},
			[]string{`items/b.md:10:30: warning: public_summary of item "b" repeats "Granite State Electric" from the item's outcome, which is internal only: reword it for customers`}},
		{"revenue figure from the outcome", []string{`outcome = "About $1.1M new ARR"`, `public_summary = "Worth $1.1M to us."`},
			[]string{`items/b.md:10:25: warning: public_summary of item "b" repeats "$1.1M" from the item's outcome, which is internal only: reword it for customers`}},
		{"percentage from the outcome in the title", []string{`outcome = "Support tickets down 70%"`, `title = "Tickets down 70%"`},
			[]string{`items/b.md:2:23: warning: title of item "b" repeats "70%" from the item's outcome, which is internal only: reword it for customers`}},
		{"five words copied from the risk", []string{`risk = "Slips if the session store migration is late"`, `public_summary = "We are rebuilding how THE SESSION STORE MIGRATION IS done."`},
			[]string{`items/b.md:10:41: warning: public_summary of item "b" repeats "THE SESSION STORE MIGRATION IS" from the item's risk, which is internal only: reword it for customers`}},
		{"four shared words are ordinary copy", []string{`outcome = "Fewer calls to the office; portal use up"`, `public_summary = "Cuts down on calls to the office."`}, nil},
		{"ordinary figures and names are not leaks", []string{`outcome = "SAML 2.0 for Entra ID users"`, `public_summary = "Use SAML 2.0 with Entra ID."`}, nil},
		{"multi-word team title", []string{`public_summary = "Our Core Platform people built it."`},
			[]string{`items/b.md:9:23: warning: public_summary of item "b" names the internal team "Core Platform": say what customers get, not who builds it`}},
		{"multi-word team title in lower case is prose", []string{`public_summary = "Our core platform is faster."`}, nil},
		{"multi-word team title next to team", []string{`public_summary = "The core platform team made it faster."`},
			[]string{`items/b.md:9:23: warning: public_summary of item "b" names the internal team "Core Platform": say what customers get, not who builds it`}},
		{"sentence-case team title starting a sentence is prose", []string{`public_summary = "Faster totals. Board invoice totals are clearer."`}, nil},
		{"sentence-case team title as a name", []string{`public_summary = "Ask Board invoice about it."`},
			[]string{`items/b.md:9:23: warning: public_summary of item "b" names the internal team "Board invoice": say what customers get, not who builds it`}},
		{"hyphenated team id", []string{`public_title = "Built by core-platform"`},
			[]string{`items/b.md:9:26: warning: public_title of item "b" names the internal team "Core Platform": say what customers get, not who builds it`}},
		{"one-word team title as a name", []string{`public_summary = "Ask Payments about it."`},
			[]string{`items/b.md:9:23: warning: public_summary of item "b" names the internal team "Payments": say what customers get, not who builds it`}},
		{"one-word team title next to team", []string{`public_summary = "The payments team ships it."`},
			[]string{`items/b.md:9:23: warning: public_summary of item "b" names the internal team "Payments": say what customers get, not who builds it`}},
		{"one-word team title as a word", []string{`public_summary = "Take card payments. Payments arrive faster."`}, nil},
		{"internal items are not checked", []string{`visibility = "internal"`, `outcome = "About $1.1M new ARR"`, `public_summary = "Worth $1.1M, by the payments team."`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := append([]string{}, pub...)
			for _, l := range tt.lines {
				key := l[:strings.Index(l, " =")]
				replaced := false
				for i, b := range lines {
					if strings.HasPrefix(b, key+" =") {
						lines[i], replaced = l, true
					}
				}
				if !replaced {
					lines = append(lines, l)
				}
			}
			got := publicRules(runSite(t, map[string]string{"roadmap.toml": teams, "items/b.md": item(lines...)}))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestMarkupInFields: raw HTML and refused links in the Markdown fields of
// roadmap.toml and front matter are reported where they are written.
func TestMarkupInFields(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"raw html in the public intro", map[string]string{"roadmap.toml": baseRoadmap + "\n[public]\nintro = \"Hello <img src=x onerror=alert(1)> and <b>x</b>\"\n"},
			[]string{`roadmap.toml:33:16: warning: raw HTML in [public] intro is not rendered: write Markdown instead (and 2 more raw HTML in this field)`}},
		{"script link in the public intro", map[string]string{"roadmap.toml": baseRoadmap + "\n[public]\nintro = \"See [this](&#106;avascript:alert(1)).\"\n"},
			[]string{`roadmap.toml:33:15: warning: link to "&#106;avascript:alert(1)" in [public] intro will be removed: only http, https, mailto and relative links inside the public site are kept`}},
		{"link out of the public site", map[string]string{"roadmap.toml": baseRoadmap + "public_summary = \"See [the plan](../internal/index.html).\"\n"},
			[]string{`roadmap.toml:31:24: warning: link to "../internal/index.html" in public_summary of theme "speed" will be removed: only http, https, mailto and relative links inside the public site are kept`}},
		{"html comment in a theme description", map[string]string{"roadmap.toml": baseRoadmap + "description = \"\"\"\nWhy.\n\n<!-- codename Falcon -->\n\"\"\"\n"},
			[]string{`roadmap.toml:34:1: warning: raw HTML in description of theme "speed" is not rendered: write Markdown instead`}},
		{"relative link in a theme description is fine", map[string]string{"roadmap.toml": baseRoadmap + "description = \"See [docs](../docs/).\"\n"}, nil},
		{"data link in an item public summary", map[string]string{"items/b.md": item(append(base, `public_summary = "A [file](DATA:text/html,x) and ![ok](data:image/png;base64,AA)."`)...)},
			[]string{`items/b.md:8:22: warning: link to "DATA:text/html,x" in public_summary of item "b" will be removed: only http, https, mailto and relative links inside the public site are kept`}},
		{"escaped string points at the value", map[string]string{"items/b.md": item(append(base, `public_summary = "Tab\there <i>x</i>"`)...)},
			[]string{`items/b.md:8:18: warning: raw HTML in public_summary of item "b" is not rendered: write Markdown instead (and 1 more raw HTML in this field)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := publicRules(runSite(t, tt.files))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestExampleHasNoLeaks: the worked example is the model authors copy, so
// the public-copy rules must find nothing in it.
func TestExampleHasNoLeaks(t *testing.T) {
	for _, line := range publicRules(diagnose(t, "../../content")) {
		t.Error(line)
	}
}

// publicRules keeps the diagnostics of the rules tested here, so that the
// cases do not change when other rules are added.
func publicRules(lines []string) []string {
	var out []string
	for _, l := range lines {
		for _, s := range []string{" repeats ", "names the internal team", "raw HTML in", "will be removed"} {
			if strings.Contains(l, s) {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// TestFeedbackURLSchemes: the feedback link is the only URL the public page
// takes from roadmap.toml as it is; anything but http(s) and mailto stops
// the build, however it is spelt.
func TestFeedbackURLSchemes(t *testing.T) {
	for u, ok := range map[string]bool{
		"https://example.com/feedback": true,
		"HTTPS://EXAMPLE.COM/f":        true,
		"mailto:roadmap@example.com":   true,
		"javascript:alert(1)":          false,
		"JaVaScRiPt:alert(1)":          false,
		"&#106;avascript:alert(1)":     false,
		" javascript:alert(1)":         false,
		"vbscript:msgbox":              false,
		"data:text/html,x":             false,
		"file:///etc/passwd":           false,
		"//evil.example.com/":          false,
		"/feedback":                    false,
		"ftp://example.com/":           false,
	} {
		got := runSite(t, map[string]string{"roadmap.toml": baseRoadmap + "\n[public]\nfeedback_url = " + strconv.Quote(u) + "\n"})
		refused := strings.Contains(strings.Join(got, "\n"), "error: feedback_url must be an https://, http:// or mailto: link")
		if refused == ok {
			t.Errorf("feedback_url %q: refused %v, want %v", u, refused, !ok)
		}
	}
}
