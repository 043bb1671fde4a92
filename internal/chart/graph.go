package chart

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/diag"
)

// Node is an item in a dependency graph.
type Node struct {
	ID, Label, Note, Href string
	// Family uses the values of Card.
	Family string
	// Status is "on-track", "at-risk", "blocked", "done" or "".
	Status string
}

// Edge says that From must be done before To: From unblocks To.
type Edge struct{ From, To string }

// Graph geometry.
const (
	gNodeW  = 200.0
	gColGap = 76.0
	gRowGap = 14.0 // between two nodes in a column
	gLaneGp = 6.0  // between an edge's lane and its neighbours
	gDummyH = 6.0  // the height of an edge's lane through a column
	gPad    = 16.0
	gHeadH  = 34.0
	gSweeps = 12 // barycentre sweeps at most, alternately left to right and back
)

// Graph lays out a dependency graph left to right: prerequisites in the
// left columns, the work they unblock to their right. Nodes go into
// columns by the longest chain of prerequisites before them (column 1
// holds work that can start now); an edge that spans several columns
// gets a lane through each, so that it never runs under a node. Each
// column is ordered by the mean position of its neighbours, sweeping
// both ways and keeping the order with the fewest crossings, and each node
// is placed level with its neighbours where the column leaves room.
// Edges to unknown nodes, self loops and repeats are ignored. Cycles are
// broken by depth-first search in input order; the edge that closes each
// cycle is drawn dashed. The cost is O(nodes + edges) per sweep plus
// sorting; lanes are capped at a few per node (see dummyBudget).
func Graph(id, title string, nodes []Node, edges []Edge) *SVG {
	// Resolve ids; a repeated id keeps its first node.
	index := make(map[string]int, len(nodes))
	var keep []int
	for i := range nodes {
		if _, dup := index[nodes[i].ID]; dup {
			continue
		}
		index[nodes[i].ID] = len(keep)
		keep = append(keep, i)
	}
	n := len(keep)
	if n == 0 {
		return empty(id, "graph", title, "No dependencies to show.")
	}
	node := func(v int) *Node { return &nodes[keep[v]] }

	var es []gEdge
	seen := make(map[[2]int]bool, len(edges))
	out := make([][]int, n) // edge indexes by source
	in := make([][]int, n)  // edge indexes by target
	for _, e := range edges {
		f, ok1 := index[e.From]
		t, ok2 := index[e.To]
		if !ok1 || !ok2 || f == t || seen[[2]int{f, t}] {
			continue
		}
		seen[[2]int{f, t}] = true
		out[f] = append(out[f], len(es))
		in[t] = append(in[t], len(es))
		es = append(es, gEdge{from: f, to: t})
	}
	markBackEdges(n, es, out)

	// Every node is as tall as the tallest, so that columns line up.
	cards := make([]card, n)
	nodeH := 0.0
	for v := range n {
		nd := node(v)
		cards[v] = layoutCard(nd.Label, nd.Note, nd.Href, nd.Family, "", nd.Status, gNodeW, 2, 1, false)
		nodeH = max(nodeH, cards[v].h)
	}
	height := func(v int) float64 {
		if v < n {
			return nodeH
		}
		return gDummyH
	}
	gap := func(a, b int) float64 {
		if a < n && b < n {
			return gRowGap
		}
		return gLaneGp
	}
	g := layoutGraph(n, es, out, gHeadH+gPad, height, gap)
	colX := func(l int) float64 { return gPad + float64(l)*(gNodeW+gColGap) }
	bodyBottom := 0.0
	for v, y := range g.y {
		bodyBottom = max(bodyBottom, y+height(v)/2)
	}
	width := 2*gPad + float64(len(g.layers))*gNodeW + float64(len(g.layers)-1)*gColGap
	hasBack := false
	for _, e := range es {
		hasBack = hasBack || e.back
	}
	bottom := bodyBottom + gPad
	if hasBack {
		bottom += 36 // room for the loops of back edges under the nodes
	}

	c := newCanvas(id)
	c.reserve(6*n + 2*len(es) + 2*len(g.layers) + 64) // about what a graph draws
	for li := range g.layers {
		label := "Step " + strconv.Itoa(li+1)
		if li == 0 {
			label += " · can start now"
		}
		c.text(colX(li)+gNodeW/2, 22, sAxis, []string{fit(label, gNodeW, sAxis)}, "middle", "col-label")
	}
	drawEdges(c, g, es, in, out, colX, nodeH, func(v int) string { return node(v).Status })
	seenStatus := map[string]bool{}
	for v := range n {
		cards[v].draw(c, colX(g.layer[v]), g.y[v]-nodeH/2, gNodeW, nodeH, "node")
		seenStatus[norm(node(v).Status)] = true
	}

	items := []legendItem{{label: "must be done before", mark: func(c *canvas, x, mid float64) float64 {
		l := c.line(x, mid, x+28, mid, "edge")
		l.Marker = c.arrow()
		return 30
	}}}
	if hasBack {
		items = append(items, legendItem{label: "closes a cycle", mark: func(c *canvas, x, mid float64) float64 {
			l := c.line(x, mid, x+28, mid, "edge back")
			l.Marker = c.arrow()
			return 30
		}})
	}
	items = append(items, statusLegend(seenStatus)...)
	bottom += c.legend(gPad, bottom, width-2*gPad, items) + 8
	// The description lists real nodes only, column by column.
	realLayers := make([][]int, len(g.layers))
	for li, l := range g.layers {
		for _, v := range l {
			if v < n {
				realLayers[li] = append(realLayers[li], v)
			}
		}
	}
	return c.finish("chart graph", title, graphDesc(nodes, keep, es, out, in, realLayers), width, bottom, width*0.7)
}

// drawEdges draws every edge as a curve from the right side of its source
// to the left side of its target, running straight along its lane through
// each column it crosses. The ends of a node's edges are spread over its
// height in the order of the vertices at the other end, so that they do
// not cross at the node. Back edges loop under both nodes, dashed.
func drawEdges(c *canvas, g *gLayout, es []gEdge, in, out [][]int, colX func(int) float64, nodeH float64, status func(int) string) {
	next := func(ei int) int { return g.chains[ei][1] }                   // the vertex after the source
	prev := func(ei int) int { return g.chains[ei][len(g.chains[ei])-2] } // the vertex before the target
	srcPort := make([]float64, len(es))
	dstPort := make([]float64, len(es))
	ports := func(list []int, other func(int) int, port []float64) {
		var fw []int
		for _, ei := range list {
			if !es[ei].back {
				fw = append(fw, ei)
			}
		}
		slices.SortStableFunc(fw, func(a, b int) int { return cmp.Compare(g.y[other(a)], g.y[other(b)]) })
		for k, ei := range fw {
			port[ei] = spread(k, len(fw), nodeH)
		}
	}
	for v := range out {
		ports(out[v], next, srcPort)
		ports(in[v], prev, dstPort)
	}
	arrow := c.arrow()
	for ei, e := range es {
		cls := joinClass("edge", fromClass(status(e.from)))
		var p pathData
		if e.back {
			x1, y1 := colX(g.layer[e.from])+gNodeW/2, g.y[e.from]+nodeH/2
			x2, y2 := colX(g.layer[e.to])+gNodeW/2+12, g.y[e.to]+nodeH/2
			low := max(y1, y2) + 30
			p.cmd('M', x1, y1).cmd('C', x1, low, x2, low, x2, y2+2)
			cls += " back"
		} else {
			chain := g.chains[ei]
			x, y := colX(g.layer[e.from])+gNodeW, g.y[e.from]+srcPort[ei]
			p.cmd('M', x, y)
			curve := func(x2, y2 float64) {
				dx := max(24, (x2-x)/2)
				if x2-x > gNodeW+2*gColGap {
					dx = gColGap // a long edge without lanes bends near its ends
				}
				p.cmd('C', x+dx, y, x2-dx, y2, x2, y2)
				x, y = x2, y2
			}
			for _, d := range chain[1 : len(chain)-1] {
				curve(colX(g.layer[d]), g.y[d])
				x += gNodeW
				p.cmd('L', x, y)
			}
			curve(colX(g.layer[e.to])-2, g.y[e.to]+dstPort[ei])
		}
		s := c.path(p.String(), cls)
		s.Marker = arrow
	}
}

// spread is the offset of the k-th of m edge ends on a side of a node.
func spread(k, m int, nodeH float64) float64 {
	if m <= 1 {
		return 0
	}
	step := min(10, nodeH*0.5/float64(m-1))
	return (float64(k) - float64(m-1)/2) * step
}

// fromClass marks edges that leave troubled work, so that what a blocked
// item holds up can be followed.
func fromClass(status string) string {
	switch norm(status) {
	case "at-risk", "blocked":
		return "from-" + norm(status)
	}
	return ""
}

// graphDesc says what the graph shows: for each item, what it unblocks;
// past descItems nodes it counts per column instead.
func graphDesc(nodes []Node, keep []int, es []gEdge, out, in [][]int, layers [][]int) string {
	var b strings.Builder
	n := len(keep)
	name := func(v int) string {
		s := shorten(nodes[keep[v]].Label, descLabel)
		if s == "" {
			s = "Untitled"
		}
		return s
	}
	b.WriteString("A dependency graph of " + plural(n, "item", "items") + " and " + plural(len(es), "dependency", "dependencies"))
	b.WriteString(" in " + plural(len(layers), "step", "steps") + ", read left to right: each arrow points from work that must be done first to the work it unblocks.")
	// A large graph is summarised: counted per step, not listed per item.
	summary := n > descItems || len(es) > 2*descItems
	// Cycles are listed by name up to descSteps, then counted.
	var back []string
	nback := 0
	for _, e := range es {
		if e.back {
			if nback < descSteps && !summary {
				back = append(back, "from "+name(e.from)+" to "+name(e.to))
			}
			nback++
		}
	}
	if summary {
		var t tally
		var steps []string
		for li, l := range layers {
			for _, v := range l {
				t.add(nodes[keep[v]].Family, nodes[keep[v]].Status)
			}
			if li < descSteps {
				steps = append(steps, "step "+strconv.Itoa(li+1)+" holds "+count(len(l)))
			}
		}
		if len(layers) > descSteps {
			rest := 0
			for _, l := range layers[descSteps:] {
				rest += len(l)
			}
			steps = append(steps, "the "+plural(len(layers)-descSteps, "step", "steps")+" after hold "+count(rest))
		}
		b.WriteString(" " + sentence(upperFirst(diag.JoinAnd(steps))))
		b.WriteString(" In all: " + t.words() + ".")
	} else {
		var alone []string
		for _, l := range layers {
			for _, v := range l {
				nd := &nodes[keep[v]]
				var targets []string
				for _, ei := range out[v] {
					if !es[ei].back {
						t := &nodes[keep[es[ei].to]]
						targets = append(targets, cardWords(t.Label, "", t.Family, "", t.Status))
					}
				}
				hasIn := false
				for _, ei := range in[v] {
					hasIn = hasIn || !es[ei].back
				}
				who := cardWords(nd.Label, "", nd.Family, "", nd.Status)
				switch {
				case len(targets) > 0:
					b.WriteString(" " + who + " unblocks " + diag.JoinAnd(targets) + ".")
				case !hasIn:
					alone = append(alone, who)
				}
			}
		}
		if len(alone) > 0 {
			b.WriteString(" Without dependencies: " + diag.JoinAnd(alone) + ".")
		}
	}
	switch {
	case nback == 0:
	case len(back) == 1 && nback == 1:
		b.WriteString(" Circular dependency: the dashed arrow " + back[0] + " closes a cycle.")
	case len(back) == nback:
		b.WriteString(" Circular dependencies: the dashed arrows " + diag.JoinAnd(back) + " each close a cycle.")
	case len(back) > 0:
		b.WriteString(" Circular dependencies: the dashed arrows " + strings.Join(back, ", ") + " and " + count(nback-len(back)) + " more each close a cycle.")
	default:
		b.WriteString(" Circular dependencies: " + plural(nback, "dashed arrow closes a cycle", "dashed arrows each close a cycle") + ".")
	}
	return b.String()
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
