package check_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/check"
	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

const baseRoadmap = `title = "Test roadmap"
now = "2026-Q4"
reviewed = 2026-11-01
review_every = "quarter"

[capacity]
product = 60
tech = 20
innovation = 10
buffer = 10

[[objectives]]
id = "growth"
title = "Grow"

[[products]]
id = "core"
title = "Core"

[[teams]]
id = "alpha"
title = "Alpha"
product = "core"
capacity = 30

[[themes]]
id = "speed"
title = "Speed"
objective = "growth"
public_title = "Faster work"
`

const baseItem = `+++
title = "A"
kind = "feature"
theme = "speed"
team = "alpha"
horizon = "now"
estimate = "2w"
+++
Body.
`

var today = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// runSite writes files (over a valid base site) to a temporary folder and
// returns every diagnostic as "file:line:col: severity: message [hint]".
func runSite(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{"roadmap.toml": baseRoadmap, "items/a.md": baseItem}
	for k, v := range files {
		all[k] = v
	}
	for name, content := range all {
		if content == "-" {
			continue // "-" removes a base file
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := all["items/a.md"]; ok {
		os.MkdirAll(filepath.Join(dir, "items"), 0o755)
	}
	return diagnose(t, dir)
}

func diagnose(t *testing.T, dir string) []string {
	t.Helper()
	return withoutUnscored(diagnoseAll(t, dir)) // the test items give no cost_of_delay; capacity_test.go tests that rule
}

// diagnoseAll runs load, model and check over dir and returns every
// diagnostic as a line, with file paths relative to dir.
func diagnoseAll(t *testing.T, dir string) []string {
	t.Helper()
	var diags diag.List
	site := source.NewLoader(nil).Load(context.Background(), dir, &diags)
	plan := model.Build(context.Background(), site, &diags)
	check.Run(context.Background(), plan, check.Options{Today: today}, &diags)
	var out []string
	for _, d := range diags.Sorted() {
		d.Pos.File = filepath.ToSlash(strings.TrimPrefix(d.Pos.File, dir+string(filepath.Separator)))
		line := d.Pos.String() + ": " + d.Severity.String() + ": " + d.Message
		if d.Hint != "" {
			line += " [" + d.Hint + "]"
		}
		out = append(out, line)
	}
	return out
}

func TestBaseSiteIsClean(t *testing.T) {
	if got := runSite(t, nil); len(got) != 0 {
		t.Fatalf("base site has problems:\n%s", strings.Join(got, "\n"))
	}
}

// item builds an item file from front matter lines.
func item(lines ...string) string {
	return "+++\n" + strings.Join(lines, "\n") + "\n+++\nBody.\n"
}

// base are the lines of a valid now item, to which a case adds or from
// which it leaves out.
var base = []string{`title = "B"`, `kind = "feature"`, `theme = "speed"`, `team = "alpha"`, `horizon = "now"`, `estimate = "2w"`}

func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		// Errors.
		{"toml syntax", map[string]string{"items/b.md": item(`title = "B`)},
			[]string{`items/b.md:2:11: error: invalid TOML: strings cannot contain newlines`}},
		{"text after a value", map[string]string{"items/b.md": item(append(base, `risk = "Cafe"    oops`)...)},
			[]string{`items/b.md:8:18: error: invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'o' instead`}},
		{"front matter does not open", map[string]string{"items/b.md": "title = \"B\"\n"},
			[]string{`items/b.md:1:1: error: expected front matter: an item file must start with a line "+++", then TOML, then a line "+++"`}},
		{"yaml front matter", map[string]string{"items/b.md": "---\ntitle: B\n---\n"},
			[]string{`items/b.md:1:1: error: expected front matter: an item file must start with a line "+++", then TOML, then a line "+++" [roadmapgen front matter is TOML between +++ lines, not YAML between --- lines]`}},
		{"blank line before front matter", map[string]string{"items/b.md": "\n" + baseItem},
			[]string{`items/b.md:1:1: error: expected front matter: an item file must start with a line "+++", then TOML, then a line "+++" [the +++ line must be the very first line of the file: remove what comes before it]`}},
		{"front matter does not close", map[string]string{"items/b.md": "+++\ntitle = \"B\"\n"},
			[]string{`items/b.md:1:1: error: the front matter opened here is never closed: expected a line "+++" after the TOML`}},
		{"unknown item key", map[string]string{"items/b.md": item(append(base, `thme = "speed"`)...)},
			[]string{`items/b.md:8:1: error: unknown key "thme" in item front matter [did you mean "theme"?]`}},
		{"unknown roadmap key", map[string]string{"roadmap.toml": baseRoadmap + "\n[[theme]]\nid = \"x\"\n"},
			[]string{`roadmap.toml:32:3: error: unknown key "theme" in roadmap.toml [did you mean "themes"?]`}},
		{"unknown key in a table", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, "capacity = 30", "capacty = 30", 1)},
			[]string{`roadmap.toml:24:1: error: unknown key "capacty" in team [did you mean "capacity"?]`}},
		{"unknown rice key", map[string]string{"items/b.md": item(append(base, `rice = { reach = 1, reech = 2 }`)...)},
			[]string{`items/b.md:8:21: error: unknown key "reech" in rice [did you mean "reach"?]`}},
		{"missing title", map[string]string{"items/b.md": item(base[1:]...)},
			[]string{`items/b.md:1:1: error: item front matter has no title: add title = "B"`}},
		{"missing kind", map[string]string{"items/b.md": item(`title = "B"`, `theme = "speed"`, `horizon = "next"`)},
			[]string{`items/b.md:1:1: error: item has no kind: add kind = "feature" (one of feature, research, platform, infrastructure, tech-debt, security)`}},
		{"missing horizon", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "speed"`)},
			[]string{`items/b.md:1:1: error: item has no horizon: add horizon = "now" (one of now, next, later, shipped)`}},
		{"empty title", map[string]string{"items/b.md": item(append([]string{`title = " "`}, base[1:]...)...)},
			[]string{`items/b.md:2:9: error: title is empty: expected title = "B"`}},
		{"title of wrong type", map[string]string{"items/b.md": item(append([]string{`title = 5`}, base[1:]...)...)},
			[]string{`items/b.md:2:9: error: title must be a string in quotes, not the number 5`}},
		{"invalid kind", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feat"`, `theme = "speed"`, `horizon = "next"`)},
			[]string{`items/b.md:3:8: error: invalid kind "feat": expected one of feature, research, platform, infrastructure, tech-debt, security [did you mean "feature"?]`}},
		{"invalid horizon", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "speed"`, `horizon = "soon"`)},
			[]string{`items/b.md:5:11: error: invalid horizon "soon": expected one of now, next, later, shipped`}},
		{"invalid status", map[string]string{"items/b.md": item(append(base, `status = "atrisk"`)...)},
			[]string{`items/b.md:8:10: error: invalid status "atrisk": expected one of on-track, at-risk, blocked [did you mean "at-risk"?]`}},
		{"invalid confidence", map[string]string{"items/b.md": item(append(base, `confidence = "certain"`)...)},
			[]string{`items/b.md:8:14: error: invalid confidence "certain": expected one of high, medium, low`}},
		{"invalid moscow and visibility", map[string]string{"items/b.md": item(append(base, `moscow = "musst"`, `visibility = "private"`)...)},
			[]string{
				`items/b.md:8:10: error: invalid moscow "musst": expected one of must, should, could, wont [did you mean "must"?]`,
				`items/b.md:9:14: error: invalid visibility "private": expected one of internal, public`,
			}},
		{"window is a day", map[string]string{"items/b.md": item(append(base, `window = "2026-12-01"`)...)},
			[]string{`items/b.md:8:10: error: invalid window "2026-12-01": expected a quarter ("2026-Q4"), a half ("2027-H1") or a year ("2027"); a window is never a day [2026-12-01 is a day; the quarter that holds it is "2026-Q4"]`}},
		{"invalid estimate", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "speed"`, `team = "alpha"`, `horizon = "now"`, `estimate = "6 days"`)},
			[]string{`items/b.md:7:12: error: invalid estimate "6 days": expected engineer-weeks such as "3w" or a range such as "4-6w" [estimates are in engineer-weeks: 5 working days are 1w]`}},
		{"estimate without a unit", map[string]string{"items/b.md": item(append(slices.Clip(base[:5]), `estimate = "4-6"`)...)},
			[]string{`items/b.md:7:12: error: invalid estimate "4-6": expected engineer-weeks such as "3w" or a range such as "4-6w" [did you mean "4-6w"?]`}},
		{"window written the other way round", map[string]string{"items/b.md": item(append(base, `window = "Q3 2027"`)...)},
			[]string{`items/b.md:8:10: error: invalid window "Q3 2027": expected a quarter ("2026-Q4"), a half ("2027-H1") or a year ("2027"); a window is never a day [did you mean "2027-Q3"?]`}},
		{"empty estimate and window", map[string]string{"items/b.md": item(append(slices.Clip(base[:5]), `estimate = ""`, `window = " "`)...)},
			[]string{
				`items/b.md:7:12: error: estimate is empty: give it a value or remove the key`,
				`items/b.md:8:10: error: window is empty: give it a value or remove the key`,
			}},
		{"unsafe feedback url", map[string]string{"roadmap.toml": baseRoadmap + "\n[public]\nfeedback_url = \"javascript:alert(1)\"\n"},
			[]string{`roadmap.toml:33:16: error: feedback_url must be an https://, http:// or mailto: link, not "javascript:alert(1)"`}},
		{"duplicate key", map[string]string{"items/b.md": item(append(base, `team = "alpha"`)...)},
			[]string{`items/b.md:8:1: error: duplicate key "team": it is already set on line 5`}},
		{"keys swallowed by a [rice] header", map[string]string{"items/b.md": item(append(base, `[rice]`, `reach = 1`, `visibility = "public"`)...)},
			[]string{`items/b.md:10:1: error: unknown key "visibility" in rice [visibility belongs to the item: keys after a [rice] header belong to that table; move visibility to the top, before any [table] header, or write rice = { ... } on one line]`}},
		{"negative cost of delay", map[string]string{"items/b.md": item(append(base, `cost_of_delay = -4`)...)},
			[]string{`items/b.md:8:17: error: cost_of_delay must not be negative, got -4`}},
		{"rice confidence as percent", map[string]string{"items/b.md": item(append(base, `rice = { reach = 10, impact = 1, confidence = 80, effort = 2 }`)...)},
			[]string{`items/b.md:8:47: error: rice confidence must be a fraction from 0 to 1 [write 80% as 0.8]`}},
		{"invalid item id", map[string]string{"items/Big Item.md": baseItem},
			[]string{`items/Big Item.md: error: invalid item id "Big Item": the file name is the id and must be a slug of lower-case letters, digits and single hyphens [rename the file to big-item.md]`}},
		{"invalid roadmap id", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, `id = "core"`, `id = "Core Line"`, 1)},
			[]string{
				`roadmap.toml:17:6: error: invalid product id "Core Line": ids are slugs of lower-case letters, digits and single hyphens [did you mean "core-line"?]`,
				`roadmap.toml:23:11: error: unknown product "core": roadmap.toml declares no valid products`,
			}},
		{"duplicate item id across folders", map[string]string{"items/sub/a.md": baseItem},
			[]string{`items/sub/a.md:1:1: error: duplicate item id "a": ` + `items/a.md has the same file name; item ids are file names and must be unique across all folders`}},
		{"duplicate theme id", map[string]string{"roadmap.toml": baseRoadmap + "\n[[themes]]\nid = \"speed\"\ntitle = \"Again\"\nobjective = \"growth\"\n"},
			[]string{`roadmap.toml:33:6: error: duplicate theme id "speed": ids must be unique among themes`}},
		{"unknown theme", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "sped"`, `team = "alpha"`, `horizon = "now"`, `estimate = "2w"`)},
			[]string{`items/b.md:4:9: error: unknown theme "sped" [did you mean "speed"?]`}},
		{"unknown team, product and dependency", map[string]string{"items/b.md": item(append(slices.Clip(base[:3]), `team = "beta"`, `product = "cor"`, `horizon = "now"`, `estimate = "2w"`, `depends_on = ["a", "zz"]`)...)},
			[]string{
				`items/b.md:5:8: error: unknown team "beta" [known: alpha]`,
				`items/b.md:6:11: error: unknown product "cor" [did you mean "core"?]`,
				`items/b.md:9:20: error: unknown item "zz" [known: a, b]`,
			}},
		{"unknown objective and team product", map[string]string{"roadmap.toml": strings.Replace(strings.Replace(baseRoadmap, `objective = "growth"`, `objective = "grow"`, 1), `product = "core"`, `product = "cora"`, 1)},
			[]string{
				`roadmap.toml:12:3: warning: objective "growth" has no theme: no work in the plan serves it; add a theme with objective = "growth" or drop the objective`,
				`roadmap.toml:23:11: error: unknown product "cora" [did you mean "core"?]`,
				`roadmap.toml:29:13: error: unknown objective "grow" [did you mean "growth"?]`,
			}},
		{"empty reference", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, `objective = "growth"`, `objective = ""`, 1)},
			[]string{
				`roadmap.toml:12:3: warning: objective "growth" has no theme: no work in the plan serves it; add a theme with objective = "growth" or drop the objective`,
				`roadmap.toml:29:13: error: objective is empty: name an objective id or remove the key`,
			}},
		{"dependency cycle", map[string]string{
			"items/a.md": item(append(base, `depends_on = ["b"]`)...),
			"items/b.md": item(append(base, `depends_on = ["c"]`)...),
			"items/c.md": item(append(base, `depends_on = ["a"]`)...),
		}, []string{`items/a.md:8:15: error: dependency cycle: a -> b -> c -> a; remove one of these dependencies`}},
		{"self dependency", map[string]string{"items/a.md": item(append(base, `depends_on = ["a"]`)...)},
			[]string{`items/a.md:8:15: error: dependency cycle: "a" depends on itself`}},
		{"capacity does not sum to 100", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, "buffer = 10", "buffer = 5", 1)},
			[]string{`roadmap.toml:6:2: error: capacity shares sum to 95, not 100: product 60 + tech 20 + innovation 10 + buffer 5 [until they do, teams are not checked against plannable capacity, nor technical work against its share]`}},
		{"capacity share not a whole percentage", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, "tech = 20", "tech = 120", 1)},
			[]string{`roadmap.toml:8:8: error: tech must be a whole percentage from 0 to 100, got 120`}},
		{"date in public summary", map[string]string{"items/b.md": item(append(base, `visibility = "public"`, `public_title = "Faster exports"`, `public_summary = "Ships in Q3 for everyone"`)...)},
			[]string{`items/b.md:10:28: error: public_summary contains date-like text "Q3" (quarter): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"date in public item title without public title", map[string]string{"items/b.md": item(append([]string{`title = "September release"`}, append(base[1:], `visibility = "public"`)...)...)},
			[]string{`items/b.md:2:10: error: title (shown publicly because the item has no public_title) contains date-like text "September" (month): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"date in theme and public section", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, `public_title = "Faster work"`, `public_title = "Faster work by 2027"`, 1) + "\n[public]\nintro = \"Coming next month\"\n"},
			[]string{
				`roadmap.toml:30:32: error: public_title of theme "speed" contains date-like text "2027" (year): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`,
				`roadmap.toml:33:17: error: [public] intro contains date-like text "next month" (relative time): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`,
			}},
		// A date hidden from the source by Markdown is still a date on the
		// page: it is reported at the field, with what the page shows.
		{"date behind an entity in a public summary", map[string]string{"items/b.md": item(append(base, `visibility = "public"`, `public_title = "Faster exports"`, `public_summary = "Ready next&nbsp;quarter"`)...)},
			[]string{`items/b.md:10:19: error: public_summary shows date-like text "next\u00a0quarter" (relative time) once its Markdown is rendered: the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"dates behind markup in a public summary", map[string]string{"items/b.md": item(append(base, `public_summary = "Then 20`+"`27`"+`, Q&#51; and **H**2"`)...)},
			[]string{`items/b.md:8:19: error: public_summary shows date-like text "2027" (year) once its Markdown is rendered (and 2 more date-like phrases in this field): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"date behind a comment in the public intro and a theme summary", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, `public_title = "Faster work"`, `public_title = "Faster work"`+"\npublic_summary = \"GA in Q<!-- x -->3\"", 1) + "\n[public]\nintro = \"Beta this *summer*, then [20](https://example.com)27\"\n"},
			[]string{
				`roadmap.toml:31:19: error: public_summary of theme "speed" shows date-like text "Q3" (quarter) once its Markdown is rendered: the public page never shows dates, because customers read them as promises; describe the problem, not the timing`,
				`roadmap.toml:31:26: warning: raw HTML in public_summary of theme "speed" is not rendered: write Markdown instead`,
				`roadmap.toml:34:10: error: [public] intro shows date-like text "this summer" (relative time) once its Markdown is rendered (and 1 more date-like phrases in this field): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`,
			}},
		// Digits of other scripts are digits.
		{"year in Arabic-Indic digits in a public summary", map[string]string{"items/b.md": item(append(base, `public_summary = "Ships in Q٣ ٢٠٢٧"`)...)},
			[]string{`items/b.md:8:28: error: public_summary contains date-like text "Q٣ ٢٠٢٧" (quarter): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"year in Devanagari digits in a public title", map[string]string{"items/b.md": item(append(base, `public_title = "Faster by २०२७"`)...)},
			[]string{`items/b.md:8:27: error: public_title contains date-like text "२०२७" (year): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		// Right-to-left letters reorder the numbers beside them: "20א27"
		// displays as "2027א", "20ب 27" as "2027 ب".
		{"Hebrew letter between the halves of a year", map[string]string{"items/b.md": item(append(base, `public_summary = "Ready 20א27"`)...)},
			[]string{`items/b.md:8:27: error: public_summary shows date-like text "2027" (year) once right-to-left letters reorder the numbers beside them: the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"Arabic letter and a space between the halves of a year", map[string]string{"items/b.md": item(append(base, `public_title = "Ready 20ب 27"`)...)},
			[]string{`items/b.md:8:25: error: public_title shows date-like text "2027" (year) once right-to-left letters reorder the numbers beside them: the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"right-to-left letters behind Markdown", map[string]string{"items/b.md": item(append(base, `public_summary = "Ready *20*א27"`)...)},
			[]string{`items/b.md:8:19: error: public_summary shows date-like text "2027" (year) once right-to-left letters reorder the numbers beside them: the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"Hebrew copy with numbers apart is clean", map[string]string{"items/b.md": item(append(base, `public_summary = "שלב 2 מתוך 3 בכל סניף"`, `public_title = "Bulk édits für 12 Teams"`)...)},
			nil},
		// Bidirectional controls can reorder what a reader sees ("\u202e7202"
		// shows "2027"), so no public field may hold one; the error points
		// at the character.
		{"right-to-left override in a public summary", map[string]string{"items/b.md": item(append(base, "public_summary = \"Ready \u202e7202\u202c now\"")...)},
			[]string{`items/b.md:8:25: error: public_summary contains U+202E RIGHT-TO-LEFT OVERRIDE (and 1 more such character in this field), which can reorder how the text displays; remove it`}},
		{"isolate in a public title and a theme's public title", map[string]string{
			"roadmap.toml": strings.Replace(baseRoadmap, `public_title = "Faster work"`, "public_title = \"Faster \u2067work\"", 1),
			"items/b.md":   item(append(base, "public_title = \"Faster \u2066exports\u2069\"")...),
		}, []string{
			`items/b.md:8:24: error: public_title contains U+2066 LEFT-TO-RIGHT ISOLATE (and 1 more such character in this field), which can reorder how the text displays; remove it`,
			`roadmap.toml:30:24: error: public_title of theme "speed" contains U+2067 RIGHT-TO-LEFT ISOLATE, which can reorder how the text displays; remove it`,
		}},
		{"right-to-left mark in the public intro and a public item's title", map[string]string{
			"roadmap.toml": baseRoadmap + "\n[public]\nintro = \"Ready 20\u200f \u200f27\"\n",
			"items/b.md":   item(append([]string{"title = \"Arabic\u061c mark\""}, append(base[1:], `visibility = "public"`)...)...),
		}, []string{
			`items/b.md:2:16: error: title (shown publicly because the item has no public_title) contains U+061C ARABIC LETTER MARK, which can reorder how the text displays; remove it`,
			`roadmap.toml:33:18: error: [public] intro contains U+200F RIGHT-TO-LEFT MARK (and 1 more such character in this field), which can reorder how the text displays; remove it`,
		}},
		{"control written as an escape is reported at the escape", map[string]string{"items/b.md": item(append(base, `public_summary = "Ready \u202E7202"`)...)},
			[]string{`items/b.md:8:25: error: public_summary contains U+202E RIGHT-TO-LEFT OVERRIDE, which can reorder how the text displays; remove it`}},
		{"control behind an entity in a public summary", map[string]string{"items/b.md": item(append(base, `public_summary = "Ready &#x202E;7202 by Q3"`)...)},
			[]string{
				`items/b.md:8:19: error: public_summary shows U+202E RIGHT-TO-LEFT OVERRIDE once its Markdown is rendered, which can reorder how the text displays; remove it`,
				`items/b.md:8:41: error: public_summary contains date-like text "Q3" (quarter): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`,
			}},
		{"control and date in one field are two messages", map[string]string{"items/b.md": item(append(base, "public_summary = \"Ready \u202eby Q3\"")...)},
			[]string{
				`items/b.md:8:25: error: public_summary contains U+202E RIGHT-TO-LEFT OVERRIDE, which can reorder how the text displays; remove it`,
				`items/b.md:8:29: error: public_summary contains date-like text "Q3" (quarter): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`,
			}},
		{"left-to-right marks and controls in internal fields are allowed", map[string]string{"items/b.md": item(append(base, "public_summary = \"Faster\u200e exports\"", "outcome = \"Ready \u202e7202\"")...)},
			nil},
		{"markup without a date in a public summary is clean", map[string]string{"items/b.md": item(append(base, `public_summary = "Exports in *one* click, 24/7, &amp; [docs](https://example.com) for v2.0"`)...)},
			nil},
		{"symlink out of the source", nil, nil}, // see TestSymlinks

		// One mistake, one message.
		{"missing roadmap.toml", map[string]string{"roadmap.toml": "-", "items/b.md": item(append(base, `product = "core"`)...)},
			[]string{`roadmap.toml: error: missing roadmap.toml: every source folder needs one (see the README for its format)`}},
		{"misspelt table of teams", map[string]string{
			// Other errors in between must not lose the count (the message is
			// amended after more diagnostics have been added).
			"roadmap.toml": strings.Replace(baseRoadmap, "[[teams]]", "[[team]]", 1),
			"items/b.md":   item(`title = "B"`, `kind = "featur"`, `theme = "speed"`, `team = "alpha"`, `horizon = "next"`),
			"items/c.md":   item(`title = "C"`, `kind = "featur"`, `theme = "speed"`, `team = "alpha"`, `horizon = "next"`),
		}, []string{
			`items/a.md:5:8: error: unknown team "alpha": roadmap.toml declares no valid teams (2 more references to teams not listed)`,
			`items/b.md:3:8: error: invalid kind "featur": expected one of feature, research, platform, infrastructure, tech-debt, security [did you mean "feature"?]`,
			`items/c.md:3:8: error: invalid kind "featur": expected one of feature, research, platform, infrastructure, tech-debt, security [did you mean "feature"?]`,
			`roadmap.toml:20:3: error: unknown key "team" in roadmap.toml [did you mean "teams"?]`,
		}},
		{"known ids in a hint are sorted", map[string]string{
			"items/zeta.MD": baseItem, "items/beta.MD": baseItem, "items/delta.MD": baseItem,
			"items/b.md": item(append(base, `depends_on = ["zz"]`)...),
		}, []string{
			`items/b.md:8:15: error: unknown item "zz" [known: a, b, beta, delta, zeta]`,
			`items/beta.MD: warning: ignored: item files must end in lower-case ".md"`,
			`items/delta.MD: warning: ignored: item files must end in lower-case ".md"`,
			`items/zeta.MD: warning: ignored: item files must end in lower-case ".md"`,
		}},
		{"invalid objective id is not also an objective without themes", map[string]string{"roadmap.toml": baseRoadmap + "\n[[objectives]]\nid = \"Bad Id\"\ntitle = \"X\"\n"},
			[]string{`roadmap.toml:33:6: error: invalid objective id "Bad Id": ids are slugs of lower-case letters, digits and single hyphens [did you mean "bad-id"?]`}},
		{"misspelt key is not also missing", map[string]string{"items/b.md": item(`Title = "B"`, `kind = "feature"`, `theme = "speed"`, `team = "alpha"`, `horizon = "now"`, `estimte = "2w"`)},
			[]string{
				`items/b.md:2:1: error: unknown key "Title" in item front matter [did you mean "title"?]`,
				`items/b.md:7:1: error: unknown key "estimte" in item front matter [did you mean "estimate"?]`,
			}},
		// Keys after a [table] header belong to that table: a header that
		// swallows the item's own keys is the one mistake, not each key.
		{"unknown table swallows the keys after it", map[string]string{"items/b.md": item(`title = "B"`, `theme = "speed"`, `team = "alpha"`, `[extra]`, `note = "x"`, `horizon = "now"`, `kind = "feature"`, `estimate = "2w"`)},
			[]string{`items/b.md:5:2: error: unknown table [extra] in item front matter: the keys after its header belong to it, so horizon, kind and estimate are not read [move them to the top, before any [table] header, and fix or remove the [extra] header]`}},
		{"a now item's estimate swallowed by an unknown table", map[string]string{"items/b.md": item(append(slices.Clip(base[:5]), `[extra]`, `estimate = "2w"`)...)},
			[]string{`items/b.md:7:2: error: unknown table [extra] in item front matter: the keys after its header belong to it, so estimate is not read [move estimate to the top, before any [table] header, and fix or remove the [extra] header]`}},
		{"misspelt table header swallows the keys after it", map[string]string{"items/b.md": item(`title = "B"`, `theme = "speed"`, `[ric]`, `reach = 10`, `impact = 1`, `kind = "feature"`, `horizon = "next"`)},
			[]string{`items/b.md:4:2: error: unknown table [ric] in item front matter: the keys after its header belong to it, so kind and horizon are not read [did you mean [rice]? Fix the header name, and move them to the top, before any [table] header]`}},
		{"unknown array of tables swallows the keys after it", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "speed"`, `[[notes]]`, `text = "x"`, `horizon = "next"`)},
			[]string{`items/b.md:5:3: error: unknown table [[notes]] in item front matter: the keys after its header belong to it, so horizon is not read [move horizon to the top, before any [table] header, and fix or remove the [[notes]] header]`}},
		{"unknown table that swallows nothing", map[string]string{"items/b.md": item(append(base, `[extra]`, `note = "x"`)...)},
			[]string{`items/b.md:8:2: error: unknown key "extra" in item front matter [expected one of: title, kind, theme, product, team, horizon, status, confidence, window, estimate, risk, outcome, cost_of_delay, depends_on, moscow, rice, visibility, public_title, public_summary]`}},
		{"an inline table swallows nothing", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "speed"`, `extra = { horizon = "next" }`)},
			[]string{
				`items/b.md:1:1: error: item has no horizon: add horizon = "now" (one of now, next, later, shipped)`,
				`items/b.md:5:1: error: unknown key "extra" in item front matter [expected one of: title, kind, theme, product, team, horizon, status, confidence, window, estimate, risk, outcome, cost_of_delay, depends_on, moscow, rice, visibility, public_title, public_summary]`,
			}},
		{"keys swallowed by a [rice] header are one message", map[string]string{"items/b.md": item(`title = "B"`, `theme = "speed"`, `[rice]`, `reach = 1`, `kind = "feature"`, `horizon = "next"`)},
			[]string{`items/b.md:6:1: error: unknown keys "kind" and "horizon" in rice [kind and horizon belong to the item: keys after a [rice] header belong to that table; move them to the top, before any [table] header, or write rice = { ... } on one line]`}},
		{"a top-level key swallowed by [public] is not also missing", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, `now = "2026-Q4"`+"\n", "", 1) + "\n[public]\ntitle = \"Ours\"\nnow = \"2026-Q4\"\n"},
			[]string{`roadmap.toml:33:1: error: unknown key "now" in [public] [now belongs to the top level of roadmap.toml: keys after a [public] header belong to that table; move now to the top, before any [table] header, or write public = { ... } on one line]`}},
		{"a top-level key swallowed by [[themes]]", map[string]string{"roadmap.toml": baseRoadmap + "value_unit = \"k$ per week\"\n"},
			[]string{`roadmap.toml:31:1: error: unknown key "value_unit" in theme [value_unit belongs to the top level of roadmap.toml: keys after a [[themes]] header belong to that table; move value_unit to the top, before any [table] header]`}},
		{"invalid horizon gives no sequencing warning", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "speed"`, `horizon = "soon"`, `depends_on = ["a"]`)},
			[]string{`items/b.md:5:11: error: invalid horizon "soon": expected one of now, next, later, shipped`}},
		{"capacity of the wrong type is not summed", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, "product = 60", `product = "60%"`, 1)},
			[]string{`roadmap.toml:7:11: error: product must be a number, not the string "60%"`}},
		{"reviewed of the wrong type is not also missing", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, "reviewed = 2026-11-01", `reviewed = "2nd Nov 2026"`, 1)},
			[]string{`roadmap.toml:3:12: error: reviewed must be a date like 2026-10-02, not the string "2nd Nov 2026"`}},
		{"refused item file is not also unknown", map[string]string{
			"items/Big-Item.md": baseItem,
			"items/b.md":        item(append(base, `depends_on = ["big-item", "c"]`)...),
			"items/c.MD":        baseItem,
		}, []string{
			`items/Big-Item.md: error: invalid item id "Big-Item": the file name is the id and must be a slug of lower-case letters, digits and single hyphens [rename the file to big-item.md]`,
			`items/c.MD: warning: ignored: item files must end in lower-case ".md"`,
		}},
		{"items is a file", map[string]string{"items/a.md": "-", "items": "x"},
			[]string{`items: error: items is not a folder: put one Markdown file per item in an items/ folder`}},
		{"many dates in one field give one message", map[string]string{"items/b.md": item(append(base, `public_summary = "`+strings.Repeat("in Q3 and 2027 ", 500)+`"`)...)},
			[]string{`items/b.md:8:22: error: public_summary contains date-like text "Q3" (quarter) (and 999 more date-like phrases in this field): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
		{"date in a multi-line summary", map[string]string{"items/b.md": item(append(base, `public_summary = """`, `Faster exports`, `for everyone by Q3.`, `"""`)...)},
			[]string{`items/b.md:10:17: error: public_summary contains date-like text "Q3" (quarter): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},

		// Warnings.
		{"item with no theme", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `horizon = "next"`)},
			[]string{`items/b.md:1:1: warning: item "b" has no theme: say which theme (and so which objective) it serves, or it has no why`}},
		{"theme with no objective", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, "objective = \"growth\"\n", "", 1)},
			[]string{`roadmap.toml:12:3: warning: objective "growth" has no theme: no work in the plan serves it; add a theme with objective = "growth" or drop the objective`, `roadmap.toml:26:3: warning: theme "speed" has no objective: say which company objective it serves (objective = "..."), or it has no why`}},
		{"objective with no theme", map[string]string{"roadmap.toml": baseRoadmap + "\n[[objectives]]\nid = \"idle\"\ntitle = \"Idle\"\n"},
			[]string{`roadmap.toml:32:3: warning: objective "idle" has no theme: no work in the plan serves it; add a theme with objective = "idle" or drop the objective`}},
		{"no items", map[string]string{"items/a.md": "-"},
			[]string{`items: warning: items/ holds no item files: add one Markdown file (ending in .md) per initiative`}},
		{"review overdue", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, "reviewed = 2026-11-01", "reviewed = 2026-06-01", 1)},
			[]string{`roadmap.toml:3:12: warning: the roadmap review is overdue: last reviewed 2026-06-01, reviews are due every quarter, so by 2026-09-01 (81 days ago); review the plan and update reviewed`}},
		{"unquoted quarter", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, `now = "2026-Q4"`, `now = 2026-Q4`, 1)},
			[]string{`roadmap.toml:2:7: error: invalid TOML: invalid datetime: "2026-" [quarters and halves are strings: write "2026-Q4" in quotes]`}},
		{"now is in the past", map[string]string{"roadmap.toml": strings.Replace(baseRoadmap, `now = "2026-Q4"`, `now = "2026-Q2"`, 1)},
			[]string{`roadmap.toml:2:7: warning: now is 2026-Q2 but today (2026-11-21) is in 2026-Q4: the plan is read against a past quarter; move now forward`}},
		{"now item without estimate or team", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "speed"`, `horizon = "now"`)},
			[]string{
				`items/b.md:5:11: warning: item "b" is planned for now but has no estimate: committed work needs one, such as estimate = "2-4w"`,
				`items/b.md:5:11: warning: item "b" is planned for now but has no team: committed work needs an owner`,
			}},
		{"later with window and high confidence", map[string]string{"items/b.md": item(`title = "B"`, `kind = "feature"`, `theme = "speed"`, `horizon = "later"`, `window = "2027-H2"`, `confidence = "high"`)},
			[]string{
				`items/b.md:6:10: warning: false precision: item "b" is planned for later but has window 2027-H2; later work is not scheduled yet, so remove the window or move the item to next`,
				`items/b.md:7:14: warning: false precision: item "b" is planned for later with high confidence; later work is uncertain by definition`,
			}},
		{"sequencing conflict by window", map[string]string{
			"items/a.md": item(`title = "A"`, `kind = "feature"`, `theme = "speed"`, `horizon = "next"`, `window = "2027-Q1"`, `depends_on = ["b"]`),
			"items/b.md": item(`title = "B"`, `kind = "platform"`, `theme = "speed"`, `horizon = "next"`, `window = "2027-H1"`),
		}, []string{`items/a.md:7:15: warning: sequencing conflict: "a" is planned for 2027-Q1 but depends on "b", planned for 2027-H1, which ends later`}},
		{"sequencing conflict by horizon", map[string]string{
			"items/a.md": item(append(base, `depends_on = ["b"]`)...),
			"items/b.md": item(`title = "B"`, `kind = "platform"`, `theme = "speed"`, `horizon = "next"`),
		}, []string{`items/a.md:8:15: warning: sequencing conflict: "a" is planned for now but depends on "b", which is planned for next`}},
		{"slipped item", map[string]string{"items/b.md": item(append(base, `window = "2026-Q3"`)...)},
			[]string{`items/b.md:8:10: warning: item "b" has slipped: its window 2026-Q3 ended before the current quarter 2026-Q4 and it is not shipped; move the window or mark it shipped`}},
		{"public item under a theme without public title", map[string]string{
			"roadmap.toml": strings.Replace(baseRoadmap, "public_title = \"Faster work\"\n", "", 1),
			"items/b.md":   item(append(base, `visibility = "public"`, `public_title = "Faster exports"`)...),
		}, []string{`items/b.md:8:14: warning: item "b" is public but its theme "speed" has no public_title, so the public page cannot show the theme it belongs to; add public_title to the theme`}},
		{"raw html and script link in body", map[string]string{"items/b.md": "+++\n" + strings.Join(base, "\n") + "\n+++\nIntro.\n\n<div>x</div>\n\nSee [x](JavaScript:alert(1)) and <b>bold</b>.\n"},
			[]string{
				`items/b.md:11:1: warning: raw HTML in the body of "b" is not rendered: write Markdown instead (and 2 more raw HTML in this body)`,
				`items/b.md:13:6: warning: link to "JavaScript:alert(1)" in the body of "b" will be removed: only http, https, mailto and relative links are kept`,
			}},
		{"unsafe links are located at the link", map[string]string{"items/b.md": "+++\n" + strings.Join(base, "\n") + "\n+++\nIntro mentions javascript:x in text.\nThen <javascript:x> and\n[`code`](vbscript:y) and ![](data:text/html,z).\n"},
			[]string{`items/b.md:10:7: warning: link to "javascript:x" in the body of "b" will be removed: only http, https, mailto and relative links are kept (and 2 more such link in this body)`}},
		{"link with an empty label", map[string]string{"items/b.md": "+++\n" + strings.Join(base, "\n") + "\n+++\nFirst line.\nSecond ![](javascript:b) here.\n"},
			[]string{`items/b.md:10:10: warning: link to "javascript:b" in the body of "b" will be removed: only http, https, mailto and relative links are kept`}},
		{"date in an indented multi-line summary", map[string]string{"items/b.md": item(append(base, `public_summary = """`, ``, `   Faster exports`, `   for everyone by Q3.`, `"""`)...)},
			[]string{`items/b.md:11:20: error: public_summary contains date-like text "Q3" (quarter): the public page never shows dates, because customers read them as promises; describe the problem, not the timing`}},
	}
	for _, tt := range tests {
		if tt.files == nil {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			got := runSite(t, tt.files)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestHintsAreBounded: every unknown reference is reported, but the "did
// you mean" search, which compares with every id, stops after a bound so
// that thousands of broken references cannot make check quadratic.
func TestHintsAreBounded(t *testing.T) {
	files := map[string]string{}
	for i := range 300 {
		files[fmt.Sprintf("items/i%03d.md", i)] = item(append(base, fmt.Sprintf(`depends_on = ["i%03dx"]`, i))...)
	}
	got := runSite(t, files)
	unknown, hinted := 0, 0
	for _, line := range got {
		if strings.Contains(line, "error: unknown item") {
			unknown++
			if strings.Contains(line, "did you mean") {
				hinted++
			}
		}
	}
	if unknown != 300 || hinted != 200 {
		t.Errorf("%d unknown-item errors (want 300), %d with a hint (want the first 200)", unknown, hinted)
	}
}
