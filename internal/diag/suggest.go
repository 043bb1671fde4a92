package diag

import (
	"strconv"
	"strings"
)

// Suggest returns the candidate closest to word by edit distance, or "" when
// none is close enough to be a plausible typo. Ties go to the candidate that
// sorts first, so suggestions are deterministic.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	limit := 1 + len(word)/4 // "tema" -> "team" but not "x" -> "id"
	if limit > 3 {
		limit = 3
	}
	lower := strings.ToLower(word)
	for _, c := range candidates {
		if c == word {
			continue
		}
		if strings.ToLower(c) == lower {
			return c // "Title" for "title", "WSJF" for "wsjf"
		}
		if len(c)-len(word) > limit || len(word)-len(c) > limit {
			continue // the distance is at least the difference in length
		}
		d := distance(word, c)
		if d > limit {
			continue
		}
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	if best == "" && len(word) >= 2 {
		// An abbreviation: "feat" for "feature", "hi" for "high".
		for _, c := range candidates {
			if c != word && len(c) > len(word) && strings.EqualFold(c[:len(word)], word) && (best == "" || len(c) < len(best) || (len(c) == len(best) && c < best)) {
				best = c
			}
		}
	}
	return best
}

// DidYouMean formats a suggestion as a hint, or returns "".
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return "did you mean " + strconv.Quote(s) + "?"
	}
	return ""
}

// distance is the optimal string alignment distance (Levenshtein plus
// adjacent transpositions, the commonest typo), over bytes: keys and ids are
// ASCII slugs.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20 // too long to be a typo worth computing
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
