package render

import "testing"

func TestCanonical(t *testing.T) {
	for _, tc := range []struct{ base, page, want string }{
		{"", "index.html", ""},
		{"https://rm.example.com", "index.html", "https://rm.example.com/"},
		{"https://rm.example.com/", "executive/index.html", "https://rm.example.com/executive/"},
		{"https://rm.example.com/x/", "index.html", "https://rm.example.com/x/"},
		{"https://rm.example.com/x", "index.html", "https://rm.example.com/x/"},
		{"https://rm.example.com/x/", "executive/index.html", "https://rm.example.com/x/executive/"},
		{"https://rm.example.com/x/", "items/a.html", "https://rm.example.com/x/items/a.html"},
	} {
		if got := canonical(tc.base, tc.page); got != tc.want {
			t.Errorf("canonical(%q, %q) = %q, want %q", tc.base, tc.page, got, tc.want)
		}
	}
}
