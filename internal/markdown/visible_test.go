package markdown

import "testing"

func TestVisibleText(t *testing.T) {
	for _, tc := range []struct{ name, md, want string }{
		{"plain", "Faster exports", "\nFaster exports\n\n"},
		{"entities are decoded", "Q&#51; &amp; next&nbsp;quarter, 5 &lt; 6", "\nQ3 & next\u00a0quarter, 5 < 6\n\n"},
		{"inline markup joins", "20`27`, **20**27, *H*2, ~~Q~~3, [20](https://example.com)27", "\n2027, 2027, H2, Q3, 2027\n\n"},
		{"raw HTML and comments are dropped", "20<!---->27 and Q<b>3</b>", "\n2027 and Q3\n\n"},
		{"blocks stay apart", "Q\n\n3\n\n- a\n- b", "\nQ\n\n\n3\n\n\n\n\na\n\n\nb\n\n\n\n"},
		{"image alt and titles are read", `![Q3 2027](x.png "by H2") [a](https://x.example "in June")`, "\nQ3 2027\nby H2\n \nin June\na\n\n"},
		{"quoted attribute names inside a value are not attributes", `[a](https://x.example "x alt=&quot;Q3&quot;")`, "\n\nx alt=\"Q3\"\na\n\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, err := NewPublic().String(tc.md)
			if err != nil {
				t.Fatal(err)
			}
			if got := VisibleText(h); got != tc.want {
				t.Errorf("VisibleText(%q)\n got %q\nwant %q", h, got, tc.want)
			}
		})
	}
}
