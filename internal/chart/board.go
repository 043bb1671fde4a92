package chart

import (
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

// Card is one entry on a board: a theme on the executive view, an item on
// the public page.
type Card struct {
	Title, Note, Href string
	// Family is "product", "tech", "innovation" or "".
	Family string
	// Confidence is "high", "medium", "low" or "".
	Confidence string
	// Status is "on-track", "at-risk", "blocked" or "".
	Status string
}

// Group is a titled set of cards in a column, such as a public theme and
// its items. A Group with an empty Title is drawn as its cards only.
type Group struct {
	Title, Href string
	Cards       []Card
}

// Column is one column of a board, such as "Now" with the note "this
// quarter".
type Column struct {
	Title, Note string
	Groups      []Group
}

// Board geometry.
const (
	boardColW   = 300.0
	boardGap    = 16.0
	boardPad    = 12.0
	boardCardGp = 8.0  // between cards
	boardGrpGap = 14.0 // between groups
)

// Board lays out a Now / Next / Later board: columns left to right, each
// with its groups and cards top to bottom. Confidence is drawn solid
// (high), hatched (medium) or as an outline (low); family and status are
// also written on each card.
func Board(id, title string, cols []Column) *SVG {
	n, titled := 0, 0
	for _, col := range cols {
		for _, g := range col.Groups {
			n += len(g.Cards)
			if clean(g.Title) != "" {
				titled++
			}
		}
	}
	if len(cols) == 0 || n+titled == 0 {
		return empty(id, "board", title, "No items are planned in these windows.")
	}

	c := newCanvas(id)
	width := float64(len(cols))*boardColW + float64(len(cols)+1)*boardGap
	inner := boardColW - 2*boardPad
	hasNote := false
	for _, col := range cols {
		if clean(col.Note) != "" {
			hasNote = true
		}
	}
	headH := boardPad + sHead.lineHeight() + 8
	if hasNote {
		headH += sNote.lineHeight()
	}
	top := boardGap

	// Lay out every column first: the panels share the tallest height.
	type placed struct {
		x, y float64
		k    card
	}
	type heading struct {
		x, y  float64
		lines []string
		href  string
		tip   string
	}
	var cards []placed
	var heads []heading
	var emptyCols []float64
	bottom := 0.0
	seenConf, seenStatus := map[string]bool{}, map[string]bool{}
	for i, col := range cols {
		x := boardGap + float64(i)*(boardColW+boardGap)
		y := top + headH + boardPad
		drawn := false
		for gi, g := range col.Groups {
			gt := clean(g.Title)
			if gt == "" && len(g.Cards) == 0 {
				continue
			}
			if drawn && gi > 0 {
				y += boardGrpGap - boardCardGp
			}
			drawn = true
			if gt != "" {
				lines, cut := wrap(gt, inner, sGroup, 2)
				h := heading{x: x + boardPad, y: y, lines: lines, href: g.Href}
				if cut || g.Href != "" {
					h.tip = gt
				}
				heads = append(heads, h)
				y += float64(len(lines))*sGroup.lineHeight() + 6
				if len(g.Cards) == 0 {
					y += boardCardGp
				}
			}
			for _, cd := range g.Cards {
				k := layoutCard(cd.Title, cd.Note, cd.Href, cd.Family, cd.Confidence, cd.Status, inner, 3, 2, true)
				cards = append(cards, placed{x: x + boardPad, y: y, k: k})
				seenConf[k.conf] = true
				if k.conf == "" {
					seenConf["high"] = true
				}
				seenStatus[k.status] = true
				y += k.h + boardCardGp
			}
		}
		if !drawn {
			emptyCols = append(emptyCols, x)
			y += sNote.lineHeight() + boardCardGp
		}
		bottom = max(bottom, y-boardCardGp+boardPad)
	}
	panelH := bottom - top

	for i, col := range cols {
		x := boardGap + float64(i)*(boardColW+boardGap)
		c.rect(x, top, boardColW, panelH, 10, "col-panel")
		head := fit(col.Title, inner, sHead)
		hy := top + boardPad
		t := c.text(x+boardPad, baseline(hy, sHead), sHead, []string{head}, "", "col-title")
		if head != clean(col.Title) {
			t.Tip = clean(col.Title)
		}
		hy += sHead.lineHeight()
		if note := clean(col.Note); note != "" {
			nt := c.text(x+boardPad, baseline(hy, sNote), sNote, []string{fit(note, inner, sNote)}, "", "col-note muted")
			if nt.Lines[0] != note {
				nt.Tip = note
			}
		}
		c.line(x+boardPad, top+headH, x+boardColW-boardPad, top+headH, "col-rule")
	}
	for _, x := range emptyCols {
		c.text(x+boardPad, baseline(top+headH+boardPad, sNote), sNote, []string{"Nothing planned"}, "", "muted empty-col")
	}
	for _, h := range heads {
		t := c.text(h.x, baseline(h.y, sGroup), sGroup, h.lines, "", "group-title")
		t.Href, t.Tip = h.href, h.tip
	}
	for _, p := range cards {
		p.k.draw(c, p.x, p.y, inner, p.k.h, "card")
	}

	height := bottom
	items := append(confidenceLegend(seenConf), statusLegend(seenStatus)...)
	if len(items) > 0 {
		height += 6 + c.legend(boardGap, bottom+6, width-2*boardGap, items)
	}
	height += boardGap
	return c.finish("chart board", title, boardDesc(cols, n), width, height, width*0.72)
}

// boardDesc says what the board shows, column by column; past descItems
// cards it counts instead of listing.
func boardDesc(cols []Column, n int) string {
	var b strings.Builder
	names := make([]string, len(cols))
	for i, col := range cols {
		names[i] = shorten(col.Title, descLabel)
		if names[i] == "" {
			names[i] = "Untitled"
		}
	}
	b.WriteString("A board of " + plural(len(cols), "column", "columns") + " read left to right: " + diag.JoinAnd(names) + ".")
	for i, col := range cols {
		b.WriteString(" ")
		head := names[i]
		if note := shorten(col.Note, descLabel); note != "" {
			head += " (" + note + ")"
		}
		var parts []string
		var t tally
		groups := 0
		for _, g := range col.Groups {
			gt := shorten(g.Title, descLabel)
			if gt == "" && len(g.Cards) == 0 {
				continue
			}
			if gt != "" {
				groups++
			}
			for _, cd := range g.Cards {
				t.add(cd.Family, cd.Status)
			}
			if n > descItems {
				continue
			}
			var cs []string
			for _, cd := range g.Cards {
				cs = append(cs, cardWords(cd.Title, cd.Note, cd.Family, cd.Confidence, cd.Status))
			}
			switch {
			case gt == "":
				parts = append(parts, cs...)
			case len(cs) == 0:
				parts = append(parts, gt+", with no items yet")
			default:
				parts = append(parts, gt+", with "+diag.JoinAnd(cs))
			}
		}
		switch {
		case t.n == 0 && groups == 0:
			b.WriteString(head + ": nothing planned.")
		case n > descItems:
			s := head + ": " + t.words()
			if groups > 0 {
				s += " in " + plural(groups, "group", "groups")
			}
			b.WriteString(s + ".")
		default:
			b.WriteString(sentence(head + ": " + strings.Join(parts, "; ")))
		}
	}
	return b.String()
}
