package check

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/roadmapgen/roadmapgen/internal/model"
)

// findTeam is the leak rule for one team, team by team: the first word
// that is its id, else the first run of words that reads as its title.
// teamNames.named must find what it finds for every team.
func findTeam(n teamNamer, words []token, s string) (int, bool) {
	if n.id != "" {
		for i, w := range words {
			if w.norm == n.id {
				return i, true
			}
		}
	}
	for i := range words {
		if n.titleAt(words, s, i) {
			return i, true
		}
	}
	return 0, false
}

// TestTeamNamesMatchTeamByTeam builds texts from the words of teams whose
// titles share words, whose ids are words of other titles and whose
// titles repeat a word, and requires teamNames.named to find what
// findTeam finds for each team, in the teams' order.
func TestTeamNamesMatchTeamByTeam(t *testing.T) {
	tms := []*model.Team{
		{ID: "payments", Title: "Payments"},
		{ID: "core-platform", Title: "Core Platform"},
		{ID: "core-data", Title: "Core Data"},
		{ID: "board", Title: "Board invoice"},
		{ID: "field-app", Title: "Field App"},
		{ID: "data-data", Title: "Data Data"},
		{ID: "platform", Title: "core-platform"},
		{ID: "x", Title: ""},
	}
	vocab := []string{"Payments", "payments", "Core", "core", "Platform", "platform", "Data", "data", "Board", "board",
		"invoice", "Invoice", "Field", "App", "field-app", "core-platform", "core-data", "data-data", "team", "teams",
		"squad", "the", "we", "ship", ".", ",", "and", "Fast", "exports"}
	names := newTeamNames(tms)
	r := rand.New(rand.NewPCG(1, 2))
	found := 0
	for range 5000 {
		var b strings.Builder
		for range 1 + r.IntN(14) {
			w := vocab[r.IntN(len(vocab))]
			if w != "." && w != "," && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		s := b.String()
		words := tokenize(s)
		var want []teamHit
		for i, tn := range names.teams {
			if at, ok := findTeam(tn, words, s); ok {
				want = append(want, teamHit{team: i, at: at})
			}
		}
		got := names.named(words, s)
		for k := range got {
			got[k].byID = false
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: named %v, team by team %v", s, got, want)
		}
		found += len(want)
	}
	if found < 1000 {
		t.Errorf("the texts named %d teams in all: too few to compare", found)
	}
}

// TestInWord: the ASCII shortcut of inWord says what the Unicode tables
// say, for every rune of the Basic Multilingual Plane.
func TestInWord(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("$€£%.,'’-", r)
		if got := inWord(r); got != want {
			t.Fatalf("inWord(%q) = %v, want %v", r, got, want)
		}
	}
}

// TestFindKeysMatchJoinRun: find's keys, built in a buffer, are the
// words' normal forms joined by single spaces, the keys newPhrases
// stores, and find finds a run through them.
func TestFindKeysMatchJoinRun(t *testing.T) {
	words := tokenize("Cut the p95 latency of €1.2M invoices by 40% for Acme Field Services today")
	p := newPhrases("We cut the p95 latency of €1.2M invoices by 40% at Acme Field Services")
	if i, n := p.find(words); n < copyWords || words[i].norm != "cut" {
		t.Errorf("find = %d, %d: want the run from \"cut\"", i, n)
	}
	for k := 0; k+copyWords <= len(words); k++ {
		var norms []string
		for _, w := range words[k : k+copyWords] {
			norms = append(norms, w.norm)
		}
		if got, want := string(appendRun([]byte("stale"), words[k:k+copyWords])[5:]), strings.Join(norms, " "); got != want {
			t.Fatalf("appendRun %q, want %q", got, want)
		}
	}
}
