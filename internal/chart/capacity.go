package chart

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Bucket is one capacity bucket of the allocation chart: its planned
// share of effort and the share the declared model gives it, in percent.
type Bucket struct {
	Label string
	// Family uses the values of Card; "" for a bucket such as buffer.
	Family         string
	Planned, Model float64
	// Verb says what the planned share is ("planned" when empty); a
	// buffer's share is "left free".
	Verb string
}

// verb returns what a bucket's planned share is called.
func (b Bucket) verb() string {
	if b.Verb == "" {
		return "planned"
	}
	return b.Verb
}

// TeamLoad is one team's capacity and committed effort in the current
// window: Low, Mid and High are the committed effort in the best case,
// the midpoint and the worst case.
type TeamLoad struct {
	Label, Href              string
	Capacity, Low, Mid, High float64
}

// Row chart geometry, shared by Allocation and TeamCapacity.
const (
	rcPad    = 16.0
	rcHeadH  = 30.0
	rcRowH   = 48.0
	rcTrackW = 420.0
	rcTextGp = 16.0
)

// rowLabels wraps row labels into a gutter sized to the longest one.
func rowLabels(labels []string) (lines [][]string, gutter float64) {
	w := 0.0
	for _, l := range labels {
		w = max(w, textWidth(clean(l), sLane))
	}
	gutter = clampf(w+rcPad+12, 96, 200)
	lines = make([][]string, len(labels))
	for i, l := range labels {
		lines[i], _ = wrap(l, gutter-rcPad-12, sLane, 2)
	}
	return lines, gutter
}

// drawRowLabel writes a row's label, vertically centred on mid.
func drawRowLabel(c *canvas, lines []string, full, href string, mid float64) {
	if len(lines) == 0 {
		return
	}
	lh := sLane.lineHeight()
	y := mid - lh*float64(len(lines)-1)/2 + sLane.size()*0.35
	t := c.text(rcPad, y, sLane, lines, "", "row-label")
	t.Href = href
	if href != "" || strings.Join(lines, " ") != clean(full) {
		t.Tip = clean(full)
	}
}

// niceStep returns a round tick step (1, 2 or 5 times a power of ten) that
// cuts [0, top] into about n parts.
func niceStep(top float64, n int) float64 {
	if top <= 0 {
		return 1
	}
	raw := top / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// axis draws tick labels and grid lines for [0, top] over the track.
func axis(c *canvas, x0, trackW, top, step, y0, y1 float64, label func(float64) string) {
	for v := 0.0; v <= top+step/1000; v += step {
		x := x0 + trackW*v/top
		c.line(x, y0, x, y1, "grid")
		c.text(x, y0-8, sNote, []string{label(v)}, "middle", "tick muted")
	}
}

// Allocation draws, per bucket, the planned share of effort as a bar and
// the declared model as a target mark across it, with both numbers and
// the difference written beside the bar.
func Allocation(id, title string, buckets []Bucket) *SVG {
	if len(buckets) == 0 {
		return empty(id, "allocation", title, "No capacity buckets to show.")
	}
	labels := make([]string, len(buckets))
	top := 100.0
	for i, b := range buckets {
		labels[i] = b.Label
		top = max(top, pct(b.Planned), pct(b.Model))
	}
	step := niceStep(top, 4)
	top = math.Ceil(top/step) * step
	lines, gutter := rowLabels(labels)
	x0 := gutter
	texts := make([][2]string, len(buckets))
	textW := 0.0
	for i, b := range buckets {
		texts[i] = [2]string{
			amount(pct(b.Planned)) + "% " + b.verb() + " · model " + amount(pct(b.Model)) + "%",
			allocVerdict(pct(b.Planned) - pct(b.Model)),
		}
		textW = max(textW, textWidth(texts[i][0], sTitle), textWidth(texts[i][1], sMeta))
	}
	width := x0 + rcTrackW + rcTextGp + textW + rcPad
	bottom := rcHeadH + float64(len(buckets))*rcRowH

	c := newCanvas(id)
	axis(c, x0, rcTrackW, top, step, rcHeadH, bottom, func(v float64) string { return amount(v) + "%" })
	for i, b := range buckets {
		y := rcHeadH + float64(i)*rcRowH
		mid := y + rcRowH/2
		drawRowLabel(c, lines[i], b.Label, "", mid)
		fc := familyClass(b.Family)
		c.rect(x0, mid-9, rcTrackW*pct(b.Planned)/top, 18, 2, joinClass("alloc-bar", fc))
		mx := x0 + rcTrackW*pct(b.Model)/top
		c.line(mx, mid-15, mx, mid+15, "model-mark")
		tx := x0 + rcTrackW + rcTextGp
		c.text(tx, mid-3, sTitle, []string{texts[i][0]}, "", "value")
		c.text(tx, mid+12, sMeta, []string{texts[i][1]}, "", joinClass("verdict", allocClass(pct(b.Planned)-pct(b.Model))))
	}
	height := bottom + 6
	height += c.legend(x0, height, width-x0-rcPad, []legendItem{
		{label: "planned share", mark: func(c *canvas, x, mid float64) float64 {
			c.rect(x, mid-6, 24, 12, 2, "alloc-bar fam-none")
			return 24
		}},
		{label: "declared model", mark: func(c *canvas, x, mid float64) float64 {
			c.line(x+6, mid-9, x+6, mid+9, "model-mark")
			return 12
		}},
	}) + 8
	return c.finish("chart allocation", title, allocDesc(buckets), width, height, width*0.7)
}

// pct reads a percentage: negative and non-finite values count as 0.
func pct(v float64) float64 { return max(finite(v), 0) }

// allocVerdict says how far planned is from the model.
func allocVerdict(diff float64) string {
	d := amount(math.Abs(diff))
	switch {
	case math.Abs(diff) < 0.5:
		return "on model"
	case diff > 0:
		return "▲ " + d + plural2(d, " point", " points") + " over model"
	}
	return "▼ " + d + plural2(d, " point", " points") + " under model"
}

// plural2 picks the singular when a formatted number is "1".
func plural2(n, one, many string) string {
	if n == "1" {
		return one
	}
	return many
}

// allocClass is the class of the difference from the model.
func allocClass(diff float64) string {
	switch {
	case math.Abs(diff) < 0.5:
		return "on-model"
	case diff > 0:
		return "over-model"
	}
	return "under-model"
}

func allocDesc(buckets []Bucket) string {
	var b strings.Builder
	b.WriteString("Planned share of capacity against the declared model, in percent, one bar per bucket.")
	for i, bk := range buckets {
		if i == descItems {
			b.WriteString(" " + plural(len(buckets)-i, "more bucket is", "more buckets are") + " not described.")
			break
		}
		name := shorten(bk.Label, descLabel)
		if name == "" {
			name = "Untitled"
		}
		diff := pct(bk.Planned) - pct(bk.Model)
		v := strings.TrimPrefix(strings.TrimPrefix(allocVerdict(diff), "▲ "), "▼ ")
		b.WriteString(" " + name + ": " + amount(pct(bk.Planned)) + "% " + bk.verb() + ", model " + amount(pct(bk.Model)) + "%, " + v + ".")
	}
	return b.String()
}

// TeamCapacity draws, per team, its capacity as a line across a track and
// its committed effort as a range from best to worst case with a mark at
// the midpoint. A team whose midpoint exceeds its capacity gets the class
// "over" and the words "over by 12w"; one whose worst case exceeds it
// "may overrun by 4w". unit follows each amount: "w" gives "12w", a longer
// unit such as "weeks" gives "12 weeks".
func TeamCapacity(id, title, unit string, teams []TeamLoad) *SVG {
	if len(teams) == 0 {
		return empty(id, "capacity", title, "No teams to show.")
	}
	unit = clean(unit)
	qty := func(v float64) string { return withUnit(amount(v), unit) }
	labels := make([]string, len(teams))
	loads := make([]TeamLoad, len(teams))
	top := 0.0
	for i, t := range teams {
		labels[i] = t.Label
		loads[i] = normLoad(t)
		top = max(top, loads[i].Capacity, loads[i].High)
	}
	if top <= 0 {
		top = 1
	}
	step := niceStep(top, 5)
	top = math.Ceil(top*1.02/step) * step
	lines, gutter := rowLabels(labels)
	x0 := gutter
	xOf := func(v float64) float64 { return x0 + rcTrackW*v/top }
	texts := make([][2]string, len(teams))
	textW := 0.0
	for i, t := range loads {
		texts[i] = [2]string{loadVerdict(t, qty), "committed " + rangeWords(t, unit) + " · capacity " + qty(t.Capacity)}
		textW = max(textW, textWidth(texts[i][0], sTitle), textWidth(texts[i][1], sNote))
	}
	width := x0 + rcTrackW + rcTextGp + textW + rcPad
	bottom := rcHeadH + float64(len(teams))*rcRowH

	c := newCanvas(id)
	tick := func(v float64) string {
		if utf8.RuneCountInString(unit) <= 2 {
			return withUnit(amount(v), unit)
		}
		return amount(v)
	}
	axis(c, x0, rcTrackW, top, step, rcHeadH, bottom, tick)
	if utf8.RuneCountInString(unit) > 2 {
		c.text(x0+rcTrackW+rcTextGp, rcHeadH-8, sNote, []string{fit(unit, textW, sNote)}, "", "tick muted")
	}
	for i, t := range loads {
		y := rcHeadH + float64(i)*rcRowH
		mid := y + rcRowH/2
		drawRowLabel(c, lines[i], teams[i].Label, teams[i].Href, mid)
		state := loadClass(t)
		c.rect(x0, mid-10, rcTrackW, 20, 3, "track")
		c.rect(x0, mid-10, xOf(t.Capacity)-x0, 20, 3, "cap-area")
		if t.High > t.Low {
			lo, hi := xOf(t.Low), xOf(t.High)
			cx := xOf(t.Capacity)
			c.rect(lo, mid-5, min(hi, max(cx, lo))-lo, 10, 0, joinClass("range", state))
			if hi > cx {
				c.rect(max(cx, lo), mid-5, hi-max(cx, lo), 10, 0, "range-over")
			}
		}
		mx := xOf(t.Mid)
		var p pathData
		p.cmd('M', mx, mid-8).cmd('L', mx+6, mid).cmd('L', mx, mid+8).cmd('L', mx-6, mid).cmd('z')
		c.path(p.String(), joinClass("mid-mark", state))
		cx := xOf(t.Capacity)
		c.line(cx, mid-16, cx, mid+16, "cap-line")
		tx := x0 + rcTrackW + rcTextGp
		c.text(tx, mid-3, sTitle, []string{texts[i][0]}, "", joinClass("verdict", state))
		c.text(tx, mid+12, sNote, []string{texts[i][1]}, "", "muted")
	}
	height := bottom + 6
	height += c.legend(x0, height, width-x0-rcPad, []legendItem{
		{label: "committed, best to worst case", mark: func(c *canvas, x, mid float64) float64 {
			c.rect(x, mid-5, 24, 10, 0, "range")
			return 24
		}},
		{label: "midpoint", mark: func(c *canvas, x, mid float64) float64 {
			var p pathData
			p.cmd('M', x+6, mid-7).cmd('L', x+12, mid).cmd('L', x+6, mid+7).cmd('L', x, mid).cmd('z')
			c.path(p.String(), "mid-mark")
			return 12
		}},
		{label: "capacity", mark: func(c *canvas, x, mid float64) float64 {
			c.line(x+4, mid-9, x+4, mid+9, "cap-line")
			return 8
		}},
		{label: "beyond capacity", mark: func(c *canvas, x, mid float64) float64 {
			c.rect(x, mid-5, 24, 10, 0, "range-over")
			return 24
		}},
	}) + 8
	return c.finish("chart capacity", title, capacityDesc(teams, loads, unit, qty), width, height, width*0.7)
}

// withUnit appends a unit: "12w", or "12 weeks" for a longer one.
func withUnit(n, unit string) string {
	switch {
	case unit == "":
		return n
	case utf8.RuneCountInString(unit) <= 2:
		return n + unit
	}
	return n + " " + unit
}

// normLoad makes a load drawable: no negative or non-finite numbers, and
// Low ≤ Mid ≤ High.
func normLoad(t TeamLoad) TeamLoad {
	v := []float64{pct(t.Low), pct(t.Mid), pct(t.High)}
	slices.Sort(v)
	t.Capacity, t.Low, t.Mid, t.High = pct(t.Capacity), v[0], v[1], v[2]
	return t
}

// loadClass is "over" when the midpoint exceeds capacity, "risk" when only
// the worst case does, else "ok".
func loadClass(t TeamLoad) string {
	switch {
	case t.Mid > t.Capacity:
		return "over"
	case t.High > t.Capacity:
		return "risk"
	}
	return "ok"
}

// loadVerdict says in words how a team's commitment compares with its
// capacity.
func loadVerdict(t TeamLoad, qty func(float64) string) string {
	switch loadClass(t) {
	case "over":
		return "⚠ over by " + qty(t.Mid-t.Capacity)
	case "risk":
		return "may overrun by " + qty(t.High-t.Capacity)
	}
	return "fits, " + qty(t.Capacity-t.Mid) + " spare"
}

// rangeWords writes the committed range: "30–52w (mid 41w)".
func rangeWords(t TeamLoad, unit string) string {
	if t.Low == t.High {
		return withUnit(amount(t.Mid), unit)
	}
	return withUnit(amount(t.Low)+"–"+amount(t.High), unit) + " (mid " + withUnit(amount(t.Mid), unit) + ")"
}

func capacityDesc(teams []TeamLoad, loads []TeamLoad, unit string, qty func(float64) string) string {
	var b strings.Builder
	b.WriteString("Committed effort against capacity, one row per team")
	if unit != "" {
		b.WriteString(", in " + shorten(unit, descLabel))
	}
	b.WriteString(": each row shows the range from best to worst case, its midpoint, and the team's capacity.")
	for i := range teams {
		if i == descItems {
			over := 0
			for _, l := range loads[i:] {
				if loadClass(l) == "over" {
					over++
				}
			}
			b.WriteString(" " + plural(len(teams)-i, "more team", "more teams") + ", of which " + count(over) + " over capacity.")
			break
		}
		name := shorten(teams[i].Label, descLabel)
		if name == "" {
			name = "Untitled"
		}
		l := loads[i]
		v := strings.TrimPrefix(loadVerdict(l, qty), "⚠ ")
		b.WriteString(" " + name + ": capacity " + qty(l.Capacity) + ", committed " + rangeWords(l, unit) + "; " + v + ".")
	}
	return b.String()
}
