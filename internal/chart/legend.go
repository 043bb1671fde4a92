package chart

// legendItem is one entry of a legend: a mark and what it means.
type legendItem struct {
	// mark draws the symbol with its left edge at x and its middle at mid
	// and returns its width.
	mark  func(c *canvas, x, mid float64) float64
	label string
}

// legendRow is the height of one row of a legend.
const legendRow = 22.0

// legend lays items out left to right from (x, y), wrapping at maxW, and
// returns the height it used.
func (c *canvas) legend(x, y, maxW float64, items []legendItem) float64 {
	if len(items) == 0 {
		return 0
	}
	const gap, markGap = 20.0, 6.0
	cx, row := x, 0
	for _, it := range items {
		need := 24 + markGap + textWidth(it.label, sLegend)
		if cx > x && cx+need > x+maxW {
			cx, row = x, row+1
		}
		mid := y + float64(row)*legendRow + legendRow/2
		w := it.mark(c, cx, mid)
		label := fit(it.label, x+maxW-(cx+w+markGap), sLegend)
		c.text(cx+w+markGap, mid+sLegend.size()*0.35, sLegend, []string{label}, "", "legend-text")
		cx += w + markGap + textWidth(label, sLegend) + gap
	}
	return float64(row+1) * legendRow
}

// swatchItem shows how a confidence level is drawn.
func swatchItem(conf, label string) legendItem {
	return legendItem{label: label, mark: func(c *canvas, x, mid float64) float64 {
		s := c.rect(x, mid-7, 24, 14, 3, joinClass("swatch", "fam-none", confClass(conf)))
		if confLevel(conf) == "medium" {
			s.Fill = c.hatch("")
		}
		return 24
	}}
}

// statusItem shows the mark of a status.
func statusItem(status string) legendItem {
	return legendItem{label: statusLabel(status), mark: func(c *canvas, x, mid float64) float64 {
		statusMark(c, x+5, mid, status)
		return 10
	}}
}

// symbolItem shows a text symbol, such as the conflict sign.
func symbolItem(symbol, class, label string) legendItem {
	return legendItem{label: label, mark: func(c *canvas, x, mid float64) float64 {
		c.text(x, mid+sMeta.size()*0.35, sMeta, []string{symbol}, "", class)
		return textWidth(symbol, sMeta)
	}}
}

// confidenceLegend lists the confidence levels that occur.
func confidenceLegend(seen map[string]bool) []legendItem {
	var items []legendItem
	for _, l := range []string{"high", "medium", "low"} {
		if seen[l] {
			items = append(items, swatchItem(l, l+" confidence"))
		}
	}
	if len(items) == 1 && seen["high"] {
		return nil // everything solid needs no key
	}
	return items
}

// statusLegend lists the statuses with a mark that occur.
func statusLegend(seen map[string]bool) []legendItem {
	var items []legendItem
	for _, s := range []string{"at-risk", "blocked"} {
		if seen[s] {
			items = append(items, statusItem(s))
		}
	}
	return items
}

// statusMark draws the mark of a status centred at (x, y): a triangle for
// at risk and a square for blocked, so that shape, not only colour, tells
// them apart. It draws nothing for other statuses.
func statusMark(c *canvas, x, y float64, status string) {
	cl := joinClass("status-mark", statusClass(status))
	switch norm(status) {
	case "at-risk":
		var p pathData
		p.cmd('M', x, y-5.5).cmd('L', x+5.5, y+4.5).cmd('L', x-5.5, y+4.5).cmd('z')
		c.path(p.String(), cl)
	case "blocked":
		c.rect(x-4.5, y-4.5, 9, 9, 1, cl)
	case "done":
		c.circle(x, y, 4.5, cl)
	}
}
