// Package safelink decides which link destinations may be published. It is
// shared by check, which warns authors, and the renderer, which drops what
// it refuses, so that both agree.
package safelink

import (
	"html"
	"net/url"
	"strings"
)

// Escapes reports whether a relative link on a page depth folders below
// the top of its site climbs out of the site: "../internal/" from the public
// page (depth 0), however the dots and slashes are spelled ("%2e%2e",
// entities, backslashes, which browsers read as slashes). Absolute URLs,
// network-path references ("//host/") and paths from the site's top ("/x")
// stay on a host and are not an escape from the folder.
func Escapes(dest string, depth int) bool {
	dest = html.UnescapeString(dest)
	dest = strings.Map(func(r rune) rune {
		switch {
		case r == '\\':
			return '/'
		case r <= ' ' || r == 0x7f:
			return -1 // browsers strip these from a URL
		}
		return r
	}, dest)
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	if hasScheme(dest) || strings.HasPrefix(dest, "/") {
		return false
	}
	level := depth
	for seg := range strings.SplitSeq(dest, "/") {
		switch strings.ReplaceAll(strings.ToLower(seg), "%2e", ".") {
		case "..":
			if level--; level < 0 {
				return true
			}
		case ".", "":
		default:
			level++
		}
	}
	return false
}

// hasScheme reports whether dest starts with a URL scheme ("name:" before
// any "/", "?" or "#").
func hasScheme(dest string) bool {
	i := strings.IndexByte(dest, ':')
	return i > 0 && !strings.ContainsAny(dest[:i], "/?#")
}

// Unsafe reports whether a link destination uses a scheme that can run
// script or smuggle content: javascript:, vbscript:, file: and data: other
// than raster images. The scheme is read the way browsers read it: after
// decoding HTML entities and dropping white space and control characters,
// case-insensitively.
func Unsafe(dest string) bool {
	dest = html.UnescapeString(dest) // "&#106;avascript:" is still javascript:
	var b strings.Builder
	for _, r := range dest {
		if r <= ' ' || r == 0x7f {
			continue // browsers strip these inside a scheme
		}
		if r == ':' {
			break
		}
		b.WriteRune(r)
	}
	scheme := strings.ToLower(b.String())
	if !strings.Contains(dest, ":") || strings.ContainsAny(scheme, "/?#") {
		return false // relative URL
	}
	switch scheme {
	case "javascript", "vbscript", "file":
		return true
	case "data":
		lower := strings.ToLower(strings.TrimSpace(dest))
		for _, ok := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
			if strings.HasPrefix(lower, ok) {
				return false
			}
		}
		return true
	}
	return false
}

// Feedback reports whether u may be the public page's feedback link: an
// absolute https or http URL with a host, or a mailto: address.
func Feedback(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "https", "http":
		return p.Host != ""
	case "mailto":
		return strings.Contains(p.Opaque, "@")
	}
	return false
}
