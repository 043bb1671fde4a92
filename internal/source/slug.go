package source

import "strings"

// IsSlug reports whether s is a valid id: lower-case ASCII letters and
// digits in groups joined by single hyphens, 1 to 100 characters.
func IsSlug(s string) bool {
	if s == "" || len(s) > 100 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Slugify suggests a valid id for s ("SAML SSO" -> "saml-sso"), or "".
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		r = fold(r)
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > 100 || !IsSlug(out) {
		return ""
	}
	return out
}

// fold maps common accented Latin letters to their base letter, so that
// "café" suggests "cafe", not "caf".
func fold(r rune) rune {
	const accented, plain = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿßłśźżčšž", "aaaaaaceeeeiiiinoooooouuuuyyslszzcsz"
	i := 0
	for _, a := range accented {
		if a == r {
			return rune(plain[i])
		}
		i++
	}
	return r
}
