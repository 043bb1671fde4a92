package check

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/roadmapgen/roadmapgen/internal/model"
)

// leaks: the public copy of a public item is often written by editing its
// internal fields, and then carries what only insiders should read: the
// internal title that public_title was meant to replace, a customer name or
// a revenue figure from the outcome, a worry from the risk, or the name of
// the team that builds it. The allow-list keeps those fields off the public
// page; this rule catches them when they are copied into public text.
//
// To stay quiet on ordinary copy, text is compared as words (lower case,
// punctuation and Markdown dropped) and a shared phrase counts only when it
// is long enough to be a copy (five words or more), holds a money or
// percentage figure ("$1.1M", "68%"), or is a name of three capitalized
// words or more ("Granite State Electric"). The internal title counts when
// it appears whole. Teams: see teamNamer.
func (c *checker) leaks(it *model.Item) {
	if !it.Public() {
		return
	}
	type field struct{ key, value string }
	public := []field{{"public_title", it.PublicTitle}, {"public_summary", it.PublicSummary}}
	if it.PublicTitle == "" {
		public[0] = field{"title", it.Title}
	}
	outcome, risk := newPhrases(it.Outcome), newPhrases(it.Risk)
	var title []token
	if it.PublicTitle != "" {
		title = tokenize(it.Title)
	}
	for _, f := range public {
		if f.value == "" {
			continue
		}
		words := tokenize(f.value)
		what := f.key + " of item " + quote(it.ID)
		if i, n := findRun(words, title); n > 0 {
			c.diags.Warnf(it.Origin.StringPos(f.key, f.value, words[i].start), "%s repeats the internal title %q, which public_title is set to replace: reword it for customers", what, it.Title)
		}
		for _, src := range []struct {
			key string
			ph  phrases
		}{{"outcome", outcome}, {"risk", risk}} {
			if i, n := src.ph.find(words); n > 0 {
				c.diags.Warnf(it.Origin.StringPos(f.key, f.value, words[i].start), "%s repeats %q from the item's %s, which is internal only: reword it for customers",
					what, truncate(f.value[words[i].start:words[i+n-1].end], 60), src.key)
			}
		}
		teams := c.teams()
		for _, h := range teams.named(words, f.value) {
			c.diags.Warnf(it.Origin.StringPos(f.key, f.value, words[h.at].start), "%s names the internal team %q: say what customers get, not who builds it", what, teams.teams[h.team].title)
		}
	}
}

// token is a word of a text: its normalized form, the byte range it was
// read from, and whether it was written with a capital letter.
type token struct {
	norm       string
	start, end int
	capital    bool
}

// tokenize splits s into words: runs of letters, digits and the marks a
// figure or a compound uses ("$1.1M", "68%", "on-the-way", "don't"),
// trimmed of those marks at either end and lower-cased.
func tokenize(s string) []token {
	var out []token
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !inWord(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !inWord(r) {
				break
			}
			j += size
		}
		start, end := i, j
		for start < end {
			r, size := utf8.DecodeRuneInString(s[start:end])
			if !strings.ContainsRune(".,'’-", r) {
				break
			}
			start += size
		}
		for end > start && strings.ContainsRune(".,'’-", lastRune(s[start:end])) {
			_, size := utf8.DecodeLastRuneInString(s[start:end])
			end -= size
		}
		if start < end {
			first, _ := utf8.DecodeRuneInString(s[start:end])
			norm := strings.ToLower(strings.ReplaceAll(s[start:end], "’", "'"))
			out = append(out, token{norm: norm, start: start, end: end, capital: unicode.IsUpper(first)})
		}
		i = j
	}
	return out
}

// inWord reports whether r belongs in a word: a letter, a digit or a
// mark of a figure or a compound ($€£%.,'’-).
func inWord(r rune) bool {
	if r < utf8.RuneSelf { // most text: no Unicode tables
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("$%.,'-", r)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("€£’", r)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// findRun returns where the whole of want appears in words, and its length
// (0 when it does not appear).
func findRun(words, want []token) (int, int) {
	if len(want) == 0 {
		return 0, 0
	}
	for i := 0; i+len(want) <= len(words); i++ {
		if equalRun(words[i:i+len(want)], want) {
			return i, len(want)
		}
	}
	return 0, 0
}

func equalRun(a, b []token) bool {
	for k := range b {
		if a[k].norm != b[k].norm {
			return false
		}
	}
	return true
}

// copyWords is how many words in a row make a copied phrase.
const copyWords = 5

// phrases indexes an internal field for the shared phrases that count as a
// leak: every run of copyWords words, every money or percentage figure, and
// every run of three capitalized words. Lookups are by map, so a hostile
// field costs linear time.
type phrases struct {
	words []token
	// runs, figures and names map a key (words joined by spaces) to the
	// index in words where it first occurs.
	runs, figures, names map[string]int
}

func newPhrases(s string) phrases {
	w := tokenize(s)
	p := phrases{words: w, runs: map[string]int{}, figures: map[string]int{}, names: map[string]int{}}
	for i := range w {
		if i+copyWords <= len(w) {
			addFirst(p.runs, joinRun(w[i:i+copyWords]), i)
		}
		if isFigure(w[i].norm) {
			addFirst(p.figures, w[i].norm, i)
		}
		if i+3 <= len(w) && w[i].capital && w[i+1].capital && w[i+2].capital {
			addFirst(p.names, joinRun(w[i:i+3]), i)
		}
	}
	return p
}

func addFirst(m map[string]int, k string, i int) {
	if _, ok := m[k]; !ok {
		m[k] = i
	}
}

func joinRun(w []token) string { return string(appendRun(nil, w)) }

// appendRun appends the words of w joined by spaces, the key joinRun
// makes, to b: find looks keys up without making a string of each.
func appendRun(b []byte, w []token) []byte {
	for i, t := range w {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, t.norm...)
	}
	return b
}

// isFigure reports whether a word is an amount of money or a percentage.
func isFigure(w string) bool {
	return strings.ContainsAny(w, "0123456789") && strings.ContainsAny(w, "$€£%")
}

// find returns the first shared phrase in words, grown to all the words
// the two texts share there, and its length (0 when there is none).
func (p phrases) find(words []token) (int, int) {
	if len(p.words) == 0 {
		return 0, 0
	}
	var key []byte // a lookup by string(key) makes no string
	for i := range words {
		j, ok := -1, false
		if i+copyWords <= len(words) {
			key = appendRun(key[:0], words[i:i+copyWords])
			j, ok = p.runs[string(key)]
		}
		if !ok && i+3 <= len(words) {
			key = appendRun(key[:0], words[i:i+3])
			j, ok = p.names[string(key)]
		}
		if !ok {
			j, ok = p.figures[words[i].norm]
		}
		if ok {
			n := 1
			for i+n < len(words) && j+n < len(p.words) && words[i+n].norm == p.words[j+n].norm {
				n++
			}
			return i, n
		}
	}
	return 0, 0
}

// teamNamer finds a team named in public text. Team titles are often
// ordinary words ("Payments", "Scheduling", "Board invoice"), so a title
// counts only where it reads as the team's name:
//   - next to the word "team" ("the payments team", "Core Platform team");
//   - written with the title's own capitals ("Core Platform", "Payments"),
//     except at the start of a sentence when the title's only capital is
//     its first letter, since every sentence starts that way;
//   - an id counts when it holds a hyphen ("field-app"): prose rarely does.
type teamNamer struct {
	title string
	words []token
	// innerCapital: a word after the first is capitalized ("Core
	// Platform"), which a sentence start cannot explain.
	innerCapital bool
	id           string
}

func newTeamNamer(tm *model.Team) teamNamer {
	n := teamNamer{title: tm.Title, words: tokenize(tm.Title)}
	for _, w := range n.words[min(1, len(n.words)):] {
		n.innerCapital = n.innerCapital || w.capital
	}
	if strings.Contains(tm.ID, "-") {
		n.id = tm.ID
	}
	return n
}

// titleAt reports whether the words from i on read as the team's title.
func (n teamNamer) titleAt(words []token, s string, i int) bool {
	k := len(n.words)
	if k == 0 || i+k > len(words) {
		return false
	}
	run := words[i : i+k]
	if !equalRun(run, n.words) {
		return false
	}
	nextToTeam := (i > 0 && isTeamWord(words[i-1].norm)) || (i+k < len(words) && isTeamWord(words[i+k].norm))
	sameCase := true
	for j := range run {
		sameCase = sameCase && run[j].capital == n.words[j].capital
	}
	asName := sameCase && n.words[0].capital && (n.innerCapital || !sentenceStart(s, run[0].start))
	return nextToTeam || asName
}

// teamNames finds the teams a public text names: for each team, the first
// word that is its id, else the first run of words that reads as its
// title (titleAt). It finds them through a map from a word to the teams
// whose id or first title word it is, so a text costs its words, not its
// words times the teams (a portfolio of 10,000 items has 3,000 public
// ones and 120 teams).
type teamNames struct {
	teams  []teamNamer
	byWord map[string][]int // indexes into teams
}

func newTeamNames(tms []*model.Team) *teamNames {
	n := &teamNames{teams: make([]teamNamer, 0, len(tms)), byWord: map[string][]int{}}
	for i, tm := range tms {
		tn := newTeamNamer(tm)
		n.teams = append(n.teams, tn)
		if tn.id != "" {
			n.byWord[tn.id] = append(n.byWord[tn.id], i)
		}
		if len(tn.words) > 0 && tn.words[0].norm != tn.id {
			n.byWord[tn.words[0].norm] = append(n.byWord[tn.words[0].norm], i)
		}
	}
	return n
}

// teamHit is a team named in a text: at is the index of the word that
// names it, and byID says that word is the team's id.
type teamHit struct {
	team, at int
	byID     bool
}

// named returns the teams words (the words of s) name, in the teams'
// order, each with the index of the word that names it.
func (n *teamNames) named(words []token, s string) []teamHit {
	var hits []teamHit
	hit := func(team int) *teamHit {
		for k := range hits {
			if hits[k].team == team {
				return &hits[k]
			}
		}
		return nil
	}
	for i, w := range words {
		for _, t := range n.byWord[w.norm] {
			tn, h := &n.teams[t], hit(t)
			switch {
			case h != nil && h.byID:
				// an id is found before any title
			case tn.id != "" && w.norm == tn.id:
				if h == nil {
					hits = append(hits, teamHit{team: t, at: i, byID: true})
				} else {
					*h = teamHit{team: t, at: i, byID: true}
				}
			case h == nil && tn.titleAt(words, s, i):
				hits = append(hits, teamHit{team: t, at: i})
			}
		}
	}
	slices.SortFunc(hits, func(a, b teamHit) int { return a.team - b.team })
	return hits
}

func isTeamWord(w string) bool { return w == "team" || w == "teams" || w == "squad" }

// sentenceStart reports whether the text before byte offset i ends a
// sentence (or is empty), so a capital there says nothing.
func sentenceStart(s string, i int) bool {
	before := strings.TrimRightFunc(s[:i], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("*_`\"'“‘([#>-", r)
	})
	return before == "" || strings.ContainsRune(".!?:;", lastRune(before))
}
