package chart

import (
	"container/heap"
	"slices"
	"strings"
)

// Bar is one item on a timeline.
type Bar struct {
	Label, Href, Note string
	// Start and End are column indexes, inclusive. They may lie outside
	// the columns; the bar is then clipped and drawn with a pointed, open
	// end on that side.
	Start, End int
	// Family, Confidence and Status use the values of Card.
	Family, Confidence, Status string
	// Conflict marks an item planned before something it depends on.
	Conflict bool
	// Slipped marks an item planned later than it first was.
	Slipped bool
	// Detail is small text written on the bar after its status, such
	// as what a group's items need attention for ("2 blocked · 1 at
	// risk"); it is part of the tooltip and the text alternative too.
	Detail string
	// Count is the number of items a bar stands for when it groups
	// several (a lane's items in one window, on a timeline too large to
	// draw item by item); 0 means one item. The text alternative counts
	// items, not bars.
	Count int
}

// items is the number of items a bar stands for.
func (b *Bar) items() int { return max(b.Count, 1) }

// Lane is a swimlane, such as a team or a product.
type Lane struct {
	Title, Href string
	Bars        []Bar
}

// Timeline is the input of TimelineChart.
type Timeline struct {
	// Columns are the windows, left to right, such as "2026-Q4".
	Columns []string
	// Current is the index of the current quarter, -1 if none is shown.
	Current int
	Lanes   []Lane
}

// Timeline geometry.
const (
	tlColW    = 168.0
	tlHeadH   = 50.0
	tlPadR    = 16.0
	tlLanePad = 8.0
	tlBarGapY = 6.0
	tlBarInX  = 4.0 // gap between a bar and its column edge
	tlBarPadX = 9.0 // text inset inside a bar
	tlArrow   = 10.0
)

// tlBar is a bar after clipping and text layout.
type tlBar struct {
	b             *Bar
	cs, ce        int  // clipped columns
	before, after bool // the bar runs past the first / last column
	label, flags  []string
	flagStatus    bool // the flag line starts with a status mark
	tip           string
	h             float64
	row           int
	lane          int
	x1, x2, y     float64
}

// TimelineChart lays out a timeline: windows left to right, one swimlane
// per lane, one bar per item. Bars that overlap in time stack in rows. The
// current window is shaded and labelled "now"; conflicts and slips are
// written on the bar ("⚠ conflict", "slipped"), not shown by colour alone.
func TimelineChart(id, title string, t Timeline) *SVG {
	n := len(t.Columns)
	total, nbars := 0, 0
	for _, l := range t.Lanes {
		nbars += len(l.Bars)
		for i := range l.Bars {
			total += l.Bars[i].items()
		}
	}
	switch {
	case n == 0:
		return empty(id, "timeline", title, "No windows to show.")
	case total == 0:
		return empty(id, "timeline", title, "No items are planned in these windows.")
	}
	c := newCanvas(id)
	c.reserve(5*nbars/2 + 4*len(t.Lanes) + 4*n + 64) // about what a timeline draws
	cur := t.Current
	if cur < 0 || cur >= n {
		cur = -1
	}

	gutter := 0.0
	for _, l := range t.Lanes {
		gutter = max(gutter, textWidth(clean(l.Title), sLane))
	}
	gutter = clampf(gutter+28, 120, 200)
	colX := func(i int) float64 { return gutter + float64(i)*tlColW }
	width := colX(n) + tlPadR

	// Clip, measure and pack every bar, lane by lane.
	bars := make([]tlBar, 0, nbars)
	laneTop := make([]float64, len(t.Lanes)+1)
	laneTitle := make([][]string, len(t.Lanes))
	seenConf, seenStatus := map[string]bool{}, map[string]bool{}
	anyConflict, anySlip, anyClip := false, false, false
	y := tlHeadH
	for li := range t.Lanes {
		lane := &t.Lanes[li]
		laneTop[li] = y
		lt, _ := wrap(lane.Title, gutter-20, sLane, 3)
		laneTitle[li] = lt
		first := len(bars)
		for bi := range lane.Bars {
			b := &lane.Bars[bi]
			tb := clipBar(b, n)
			tb.lane = li
			x1 := colX(tb.cs) + tlBarInX
			x2 := colX(tb.ce+1) - tlBarInX
			tb.x1, tb.x2 = x1, x2
			inner := x2 - x1 - 2*tlBarPadX
			if tb.before {
				inner -= tlArrow
			}
			if tb.after {
				inner -= tlArrow
			}
			layoutBar(&tb, t.Columns, inner)
			seenConf[confLevel(b.Confidence)] = true
			if confLevel(b.Confidence) == "" {
				seenConf["high"] = true
			}
			seenStatus[norm(b.Status)] = true
			anyConflict = anyConflict || b.Conflict
			anySlip = anySlip || b.Slipped
			anyClip = anyClip || tb.before || tb.after
			bars = append(bars, tb)
		}
		lb := bars[first:]
		slices.SortStableFunc(lb, func(a, b tlBar) int {
			if a.cs != b.cs {
				return a.cs - b.cs
			}
			return a.ce - b.ce
		})
		rows := packRows(lb, n)
		rowH := make([]float64, rows)
		for _, b := range lb {
			rowH[b.row] = max(rowH[b.row], b.h)
		}
		rowY := make([]float64, rows)
		ry := y + tlLanePad
		for r := range rowH {
			rowY[r] = ry
			ry += rowH[r] + tlBarGapY
		}
		for i := range lb {
			lb[i].y = rowY[lb[i].row] // bars keep their own height: a tall bar would look weightier
		}
		contentH := ry - tlBarGapY + tlLanePad - y
		if rows == 0 {
			contentH = 40
		}
		titleH := float64(len(lt))*sLane.lineHeight() + 2*tlLanePad + 4
		y += max(contentH, titleH)
	}
	laneTop[len(t.Lanes)] = y
	bottom := y

	// Backgrounds first: lane stripes, the current column, the grid.
	for li := range t.Lanes {
		if li%2 == 1 {
			c.rect(0, laneTop[li], width, laneTop[li+1]-laneTop[li], 0, "lane-bg")
		}
	}
	if cur >= 0 {
		c.rect(colX(cur), 0, tlColW, bottom, 0, "now-col")
		c.line(colX(cur), 1.5, colX(cur+1), 1.5, "now-rule")
	}
	for i := 0; i <= n; i++ {
		c.line(colX(i), 0, colX(i), bottom, "grid")
	}
	for li := 0; li <= len(t.Lanes); li++ {
		c.line(0, laneTop[li], width, laneTop[li], "lane-rule")
	}
	for i, col := range t.Columns {
		mid := colX(i) + tlColW/2
		label := fit(col, tlColW-12, sAxis)
		tx := c.text(mid, 22, sAxis, []string{label}, "middle", "col-label")
		if label != clean(col) {
			tx.Tip = clean(col)
		}
		if i == cur {
			c.text(mid, 39, sMeta, []string{"now"}, "middle", "now-label")
		}
	}
	for li := range t.Lanes {
		lane := &t.Lanes[li]
		tx := c.text(12, baseline(laneTop[li]+tlLanePad, sLane), sLane, laneTitle[li], "", "lane-title")
		tx.Href = lane.Href
		if full := clean(lane.Title); len(laneTitle[li]) > 0 && (strings.Join(laneTitle[li], " ") != full || lane.Href != "") {
			tx.Tip = full
		}
		if len(lane.Bars) == 0 {
			c.text(colX(0)+tlBarPadX, baseline(laneTop[li]+tlLanePad+4, sNote), sNote, []string{"Nothing planned"}, "", "muted")
		}
	}
	for i := range bars {
		drawBar(c, &bars[i])
	}

	height := bottom + 8
	var items []legendItem
	items = append(items, confidenceLegend(seenConf)...)
	items = append(items, statusLegend(seenStatus)...)
	if anyConflict {
		items = append(items, symbolItem("⚠ conflict", "flag flag-conflict", "planned before work it depends on"))
	}
	if anySlip {
		items = append(items, symbolItem("slipped", "flag flag-slipped", "later than first planned"))
	}
	if anyClip {
		items = append(items, legendItem{label: "continues beyond these windows", mark: func(c *canvas, x, mid float64) float64 {
			var p pathData
			p.cmd('M', x, mid-7).cmd('L', x+16, mid-7).cmd('L', x+24, mid).cmd('L', x+16, mid+7).cmd('L', x, mid+7).cmd('z')
			c.path(p.String(), "swatch fam-none conf-high")
			return 24
		}})
	}
	if len(items) > 0 {
		height += c.legend(12, height, width-24, items) + 4
	}
	return c.finish("chart timeline", title, timelineDesc(t, bars, cur, total), width, height, width*0.7)
}

// clipBar fits a bar into the columns [0, n).
func clipBar(b *Bar, n int) tlBar {
	s, e := b.Start, b.End
	if s > e {
		s, e = e, s
	}
	tb := tlBar{b: b, before: s < 0, after: e >= n}
	tb.cs, tb.ce = max(s, 0), min(e, n-1)
	switch {
	case e < 0:
		tb.cs, tb.ce = 0, 0
	case s >= n:
		tb.cs, tb.ce = n-1, n-1
	}
	return tb
}

// layoutBar wraps the label and the flags of a bar to inner width and sets
// its height and tooltip.
func layoutBar(tb *tlBar, cols []string, inner float64) {
	b := tb.b
	tb.label, _ = wrap(b.Label, inner, sTitle, 2)
	if len(tb.label) == 0 {
		tb.label = []string{"Untitled"}
	}
	var flags []string
	if st := statusLabel(b.Status); st != "" && norm(b.Status) != "done" {
		flags = append(flags, st)
		tb.flagStatus = true
	}
	if d := clean(b.Detail); d != "" {
		flags = append(flags, d)
	}
	if b.Conflict {
		flags = append(flags, "⚠ conflict")
	}
	if b.Slipped {
		flags = append(flags, "slipped")
	}
	switch {
	case max(b.Start, b.End) < 0:
		flags = append(flags, "ended before "+clean(cols[0]))
	case min(b.Start, b.End) >= len(cols):
		flags = append(flags, "starts after "+clean(cols[len(cols)-1]))
	}
	if len(flags) > 0 {
		fw := inner
		if tb.flagStatus {
			fw -= 14
		}
		tb.flags, _ = wrap(strings.Join(flags, " · "), fw, sMeta, 2)
	}
	tb.h = 7 + float64(len(tb.label))*sTitle.lineHeight() + float64(len(tb.flags))*sMeta.lineHeight() + 6
	span := spanWords(tb, cols)
	tip := clean(b.Label)
	if note := clean(b.Note); note != "" {
		tip += " — " + note
	}
	tip += ": " + span
	if extra := barExtras(b); extra != "" {
		tip += " (" + extra + ")"
	}
	// Every bar gets the full text as a tooltip: the label may be cut, and
	// the dates and state are otherwise only in the picture's geometry.
	tb.tip = tip
}

// barExtras lists a bar's family, confidence, status and flags in words.
func barExtras(b *Bar) string {
	var flags []string
	if b.Conflict {
		flags = append(flags, "sequencing conflict")
	}
	if b.Slipped {
		flags = append(flags, "slipped")
	}
	return joinNonEmpty(", ", familyWords(b.Family), confWords(confLevel(b.Confidence)), clean(b.Detail), statusWords(b.Status), strings.Join(flags, ", "))
}

// spanWords says when a bar runs: "in 2026-Q4", "from 2026-Q4 to
// 2027-Q1", "started before 2026-Q4, continues after 2027-Q3".
func spanWords(tb *tlBar, cols []string) string {
	b := tb.b
	s, e := min(b.Start, b.End), max(b.Start, b.End)
	n := len(cols)
	col := func(i int) string { return shorten(cols[i], descLabel) }
	switch {
	case e < 0:
		return "before " + col(0)
	case s >= n:
		return "after " + col(n-1)
	case tb.before && tb.after:
		return "started before " + col(0) + ", continues after " + col(n-1)
	case tb.before:
		return "started before " + col(0) + ", ends in " + col(tb.ce)
	case tb.after:
		return "from " + col(tb.cs) + ", continues after " + col(n-1)
	case tb.cs == tb.ce:
		return "in " + col(tb.cs)
	}
	return "from " + col(tb.cs) + " to " + col(tb.ce)
}

// packRows puts bars (sorted by first column) into the lowest row that is
// free from their first column on. Rows are found through one min-heap of
// row numbers per last column, so the cost is O(bars × columns + bars ×
// log rows), not bars × rows.
func packRows(bars []tlBar, ncols int) int {
	free := make([]intHeap, ncols)
	rows := 0
	for i := range bars {
		s, e := bars[i].cs, bars[i].ce
		best, from := -1, -1
		for v := 0; v < s; v++ {
			if len(free[v]) > 0 && (best < 0 || free[v][0] < best) {
				best, from = free[v][0], v
			}
		}
		if best < 0 {
			best = rows
			rows++
		} else {
			heap.Pop(&free[from])
		}
		bars[i].row = best
		heap.Push(&free[e], best)
	}
	return rows
}

// intHeap is a min-heap of row numbers.
type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// drawBar adds the shapes of one bar: its body (a rectangle, or a path
// with a pointed end where it is clipped), its label and its flags.
func drawBar(c *canvas, tb *tlBar) {
	b := tb.b
	cls := joinClass("bar", familyClass(b.Family), confClass(b.Confidence), statusClass(b.Status))
	if b.Conflict {
		cls += " conflict"
	}
	if b.Slipped {
		cls += " slipped"
	}
	x1, x2, y, h := tb.x1, tb.x2, tb.y, tb.h
	var body *Shape
	if tb.before || tb.after {
		aL, aR := 0.0, 0.0
		if tb.before {
			aL = tlArrow
			cls += " clipped-start"
		}
		if tb.after {
			aR = tlArrow
			cls += " clipped-end"
		}
		var p pathData
		p.cmd('M', x1+aL, y).cmd('L', x2-aR, y)
		if aR > 0 {
			p.cmd('L', x2, y+h/2)
		}
		p.cmd('L', x2-aR, y+h).cmd('L', x1+aL, y+h)
		if aL > 0 {
			p.cmd('L', x1, y+h/2)
		}
		p.cmd('z')
		body = c.path(p.String(), cls)
	} else {
		body = c.rect(x1, y, x2-x1, h, 4, cls)
	}
	body.Href, body.Tip = b.Href, tb.tip
	txt := ""
	if confLevel(b.Confidence) == "medium" {
		body.Fill = c.hatch(b.Family)
		txt = "on-hatch"
	}
	tx := x1 + tlBarPadX
	if tb.before {
		tx += tlArrow
	}
	ty := y + 7
	c.text(tx, baseline(ty, sTitle), sTitle, tb.label, "", joinClass("bar-label", txt))
	ty += float64(len(tb.label)) * sTitle.lineHeight()
	if len(tb.flags) > 0 {
		fx := tx
		fb := baseline(ty, sMeta)
		if tb.flagStatus {
			statusMark(c, fx+5, fb-sMeta.size()*0.35, b.Status)
			fx += 14
		}
		fc := "flag"
		if b.Conflict {
			fc += " flag-conflict"
		}
		c.text(fx, fb, sMeta, tb.flags, "", joinClass(fc, txt))
	}
}

// timelineDesc says what the timeline shows, lane by lane; past descItems
// bars it counts per lane instead of listing. total counts items (a bar
// that groups several counts them all).
func timelineDesc(t Timeline, bars []tlBar, cur, total int) string {
	var b strings.Builder
	n := len(t.Columns)
	first, last := shorten(t.Columns[0], descLabel), shorten(t.Columns[n-1], descLabel)
	b.WriteString("A timeline of " + plural(total, "item", "items") + " in " + plural(len(t.Lanes), "lane", "lanes"))
	if n == 1 {
		b.WriteString(" in " + first)
	} else {
		b.WriteString(" across " + plural(n, "window", "windows") + " from " + first + " to " + last + ", read left to right")
	}
	b.WriteString(".")
	if cur >= 0 {
		b.WriteString(" The current window, " + shorten(t.Columns[cur], descLabel) + ", is marked now.")
	}
	// Lanes are listed up to descItems, or descLanes once their bars are
	// only counted. bars are grouped by lane in lane order.
	summary := len(bars) > descItems
	limit := descItems
	if summary {
		limit = descLanes
	}
	i := 0
	for li := range t.Lanes {
		lane := &t.Lanes[li]
		j := i
		for j < len(bars) && bars[j].lane == li {
			j++
		}
		if li >= limit {
			rest := 0
			for k := li; k < len(t.Lanes); k++ {
				for bi := range t.Lanes[k].Bars {
					rest += t.Lanes[k].Bars[bi].items()
				}
			}
			b.WriteString(" " + plural(len(t.Lanes)-li, "more lane holds", "more lanes hold") + " " + plural(rest, "item", "items") + ".")
			break
		}
		name := shorten(lane.Title, descLabel)
		if name == "" {
			name = "Untitled lane"
		}
		b.WriteString(" ")
		switch {
		case j == i:
			b.WriteString(name + ": nothing planned.")
		case summary:
			var tl tally
			for _, tb := range bars[i:j] {
				if tb.b.Count > 1 { // a group: its families are not known here
					tl.n += tb.b.Count
					continue
				}
				tl.add(tb.b.Family, tb.b.Status)
				if tb.b.Conflict {
					tl.conflicts++
				}
				if tb.b.Slipped {
					tl.slipped++
				}
			}
			b.WriteString(name + ": " + tl.words() + ".")
		default:
			var parts []string
			for k := i; k < j; k++ {
				tb := &bars[k]
				p := shorten(tb.b.Label, descLabel)
				if p == "" {
					p = "Untitled"
				}
				p += " " + spanWords(tb, t.Columns)
				if extra := barExtras(tb.b); extra != "" {
					p += " (" + extra + ")"
				}
				parts = append(parts, p)
			}
			b.WriteString(sentence(name + ": " + strings.Join(parts, "; ")))
		}
		i = j
	}
	return b.String()
}
