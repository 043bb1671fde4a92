package chart

import "strings"

// card is the laid-out content of a card: a board card or a graph node.
// Its family, confidence and status are each shown by a class and by
// words, so that none is told by colour alone.
type card struct {
	meta      string   // family and confidence, e.g. "Tech · medium confidence"
	status    string   // the status value, e.g. "at-risk"
	statusOwn bool     // the status label needs a line of its own
	title     []string // wrapped title
	note      []string // wrapped note
	family    string
	conf      string
	href      string
	tip       string
	h         float64
}

// Card geometry.
const (
	cardPadX   = 12.0
	cardPadTop = 9.0
	cardPadBot = 9.0
	cardGapTxt = 3.0 // between the meta line and the title, and the title and the note
)

// layoutCard wraps the texts of a card of width w; showConf says whether
// the confidence is spelt out in the meta line.
func layoutCard(title, note, href, family, conf, status string, w float64, titleLines, noteLines int, showConf bool) card {
	inner := w - 2*cardPadX
	k := card{status: norm(status), family: family, conf: confLevel(conf), href: href}
	meta := familyLabel(family)
	if showConf && k.conf != "" {
		meta = joinNonEmpty(" · ", meta, k.conf+" confidence")
	}
	st := statusLabel(status)
	if st != "" && meta != "" && textWidth(meta, sMeta)+statusWidth(st)+12 > inner {
		k.statusOwn = true
	}
	k.meta = fit(meta, inner, sMeta)
	k.title, _ = wrap(title, inner, sTitle, titleLines)
	k.note, _ = wrap(note, inner, sNote, noteLines)
	if len(k.title) == 0 {
		k.title = []string{"Untitled"}
	}
	full := clean(title)
	if n := clean(note); n != "" {
		full += " — " + n
	}
	if words := joinNonEmpty(", ", familyLabel(family), confWords(k.conf), statusLabel(status)); words != "" {
		full += " (" + words + ")"
	}
	// The tooltip holds everything, whether or not the picture had to cut
	// it short, and names the link's target for pointer users.
	k.tip = full
	h := cardPadTop
	if k.meta != "" || st != "" {
		h += sMeta.lineHeight()
		if k.statusOwn {
			h += sMeta.lineHeight()
		}
		h += cardGapTxt
	}
	h += float64(len(k.title)) * sTitle.lineHeight()
	if len(k.note) > 0 {
		h += cardGapTxt + float64(len(k.note))*sNote.lineHeight()
	}
	k.h = h + cardPadBot
	return k
}

// confWords is the confidence in a tooltip or sentence, "" when unset.
func confWords(level string) string {
	if level == "" {
		return ""
	}
	return level + " confidence"
}

// statusWidth is the room a status mark and its label take.
func statusWidth(label string) float64 {
	if label == "" {
		return 0
	}
	return 16 + textWidth(label, sMeta)
}

// baseline is where the first baseline of a block of text in style st
// sits when the block starts at y.
func baseline(y float64, st style) float64 {
	return y + (st.lineHeight()-st.size())/2 + st.size()*0.86
}

// draw adds the card with its top left corner at (x, y), w wide and h high
// (h may exceed the card's own height to line cards up).
func (k card) draw(c *canvas, x, y, w, h float64, base string) {
	r := c.rect(x, y, w, h, 6, joinClass(base, familyClass(k.family), confClass(k.conf), statusClass(k.status)))
	r.Href, r.Tip = k.href, k.tip
	txt := ""
	if k.conf == "medium" {
		r.Fill = c.hatch(k.family)
		txt = "on-hatch" // a halo keeps text legible over the hatching
	}
	if k.status == "at-risk" || k.status == "blocked" {
		// A status bar on the left edge, so the state shows at a glance
		// even where the label is far away.
		c.rect(x, y, 4, h, 2, joinClass("status-edge", statusClass(k.status)))
	}
	cy := y + cardPadTop
	st := statusLabel(k.status)
	if k.meta != "" || st != "" {
		mb := baseline(cy, sMeta)
		if k.meta != "" {
			c.text(x+cardPadX, mb, sMeta, []string{k.meta}, "", joinClass("meta", txt))
		}
		if st != "" {
			sb := mb
			sx := x + w - cardPadX - statusWidth(st)
			if k.statusOwn || k.meta == "" {
				sx = x + cardPadX
			}
			if k.statusOwn {
				sb += sMeta.lineHeight()
				cy += sMeta.lineHeight()
			}
			statusMark(c, sx+5, sb-sMeta.size()*0.35, k.status)
			c.text(sx+14, sb, sMeta, []string{st}, "", joinClass("status-text", statusClass(k.status), txt))
		}
		cy += sMeta.lineHeight() + cardGapTxt
	}
	c.text(x+cardPadX, baseline(cy, sTitle), sTitle, k.title, "", joinClass("card-title", txt))
	cy += float64(len(k.title)) * sTitle.lineHeight()
	if len(k.note) > 0 {
		cy += cardGapTxt
		c.text(x+cardPadX, baseline(cy, sNote), sNote, k.note, "", joinClass("card-note", txt))
	}
}

// cardWords describes a card in a sentence: "SSO (3 items, product,
// high confidence, at risk)".
func cardWords(title, note, family, conf, status string) string {
	t := shorten(title, descLabel)
	if t == "" {
		t = "Untitled"
	}
	extra := joinNonEmpty(", ", shorten(note, descLabel), familyWords(family), confWords(confLevel(conf)), statusWords(status))
	if extra == "" {
		return t
	}
	return t + " (" + extra + ")"
}

// tally counts cards by family and status for summaries of large pictures.
type tally struct {
	n                     int
	product, tech, innov  int
	atRisk, blocked, done int
	conflicts, slipped    int
}

func (t *tally) add(family, status string) {
	t.n++
	switch norm(family) {
	case "product":
		t.product++
	case "tech":
		t.tech++
	case "innovation":
		t.innov++
	}
	switch norm(status) {
	case "at-risk":
		t.atRisk++
	case "blocked":
		t.blocked++
	case "done":
		t.done++
	}
}

// words writes the tally as "12 items: 5 product, 7 technical; 2 at risk".
func (t tally) words() string {
	var fam, st []string
	for _, p := range []struct {
		n    int
		word string
	}{{t.product, "product"}, {t.tech, "technical"}, {t.innov, "innovation"}} {
		if p.n > 0 {
			fam = append(fam, count(p.n)+" "+p.word)
		}
	}
	for _, p := range []struct {
		n          int
		one, other string
	}{
		{t.atRisk, "at risk", "at risk"}, {t.blocked, "blocked", "blocked"}, {t.done, "done", "done"},
		{t.conflicts, "sequencing conflict", "sequencing conflicts"}, {t.slipped, "slipped", "slipped"},
	} {
		if p.n > 0 {
			st = append(st, plural(p.n, p.one, p.other))
		}
	}
	s := plural(t.n, "item", "items")
	if d := joinNonEmpty("; ", strings.Join(fam, ", "), strings.Join(st, ", ")); d != "" {
		s += " (" + d + ")"
	}
	return s
}
