package chart

import (
	"cmp"
	"math"
	"slices"
)

// gEdge is a resolved edge; back edges close a cycle and are left out of
// the layering.
type gEdge struct {
	from, to int
	back     bool
}

// gLayout is a graph laid out in columns. Vertices 0..n-1 are the nodes;
// the ones after them are dummies that carry a long edge through each
// column it crosses, so that long edges take part in the ordering and get
// a lane of their own instead of running under other nodes.
type gLayout struct {
	layer  []int     // column of each vertex
	layers [][]int   // vertices of each column, top to bottom
	segs   []gEdge   // edges between vertices, each one column long when dummies are used
	in     [][]int   // seg indexes by target vertex
	out    [][]int   // seg indexes by source vertex
	chains [][]int   // for each forward edge, its vertices from source to target; nil for back edges
	y      []float64 // centre of each vertex
}

// dummyBudget bounds the dummies of a graph of n nodes, so that edges
// spanning many columns cannot make the layout quadratic; past it, long
// edges are drawn straight across.
func dummyBudget(n int) int { return 4*n + 1000 }

// layoutGraph places n nodes joined by es (back edges already marked):
// columns by longest path, dummies for long edges, order by barycentre
// sweeps, then heights. height gives the height of a vertex (dummies
// have index ≥ n) and gap the space wanted between two neighbours in a
// column.
func layoutGraph(n int, es []gEdge, out [][]int, top float64, height func(v int) float64, gap func(a, b int) float64) *gLayout {
	g := &gLayout{layer: longestPath(n, es, out), chains: make([][]int, len(es))}
	dummies := 0
	for _, e := range es {
		if !e.back {
			dummies += g.layer[e.to] - g.layer[e.from] - 1
		}
	}
	useDummies := dummies <= dummyBudget(n)
	for ei, e := range es {
		if e.back {
			continue
		}
		chain := []int{e.from}
		prev := e.from
		if useDummies {
			for l := g.layer[e.from] + 1; l < g.layer[e.to]; l++ {
				d := len(g.layer)
				g.layer = append(g.layer, l)
				g.segs = append(g.segs, gEdge{from: prev, to: d})
				chain = append(chain, d)
				prev = d
			}
		}
		g.segs = append(g.segs, gEdge{from: prev, to: e.to})
		g.chains[ei] = append(chain, e.to)
	}
	nv := len(g.layer)
	g.in, g.out = make([][]int, nv), make([][]int, nv)
	for si, s := range g.segs {
		g.out[s.from] = append(g.out[s.from], si)
		g.in[s.to] = append(g.in[s.to], si)
	}
	depth := 0
	for _, l := range g.layer {
		depth = max(depth, l+1)
	}
	g.layers = make([][]int, depth)
	for v, l := range g.layer {
		g.layers[l] = append(g.layers[l], v)
	}
	orderLayers(g.layers, g.segs, g.in, g.out)
	g.y = placeRows(g.layers, g.segs, g.in, g.out, top, height, gap)
	return g
}

// markBackEdges breaks cycles deterministically: an iterative depth-first
// search from each node in input order marks every edge that leads back
// to a node still on the stack.
func markBackEdges(n int, es []gEdge, out [][]int) {
	const (
		unseen = iota
		onStack
		finished
	)
	state := make([]int, n)
	type frame struct{ v, next int }
	var stack []frame
	for root := range n {
		if state[root] != unseen {
			continue
		}
		state[root] = onStack
		stack = append(stack[:0], frame{v: root})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(out[f.v]) {
				state[f.v] = finished
				stack = stack[:len(stack)-1]
				continue
			}
			ei := out[f.v][f.next]
			f.next++
			switch w := es[ei].to; state[w] {
			case onStack:
				es[ei].back = true
			case unseen:
				state[w] = onStack
				stack = append(stack, frame{v: w})
			}
		}
	}
}

// longestPath puts each node in the column after its latest prerequisite
// (longest path from the sources over forward edges, by Kahn's
// algorithm), so column 0 holds the work with no prerequisites.
func longestPath(n int, es []gEdge, out [][]int) []int {
	indeg := make([]int, n)
	for _, e := range es {
		if !e.back {
			indeg[e.to]++
		}
	}
	layer := make([]int, n)
	queue := make([]int, 0, n)
	for v := range n {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for i := 0; i < len(queue); i++ {
		v := queue[i]
		for _, ei := range out[v] {
			e := es[ei]
			if e.back {
				continue
			}
			layer[e.to] = max(layer[e.to], layer[v]+1)
			if indeg[e.to]--; indeg[e.to] == 0 {
				queue = append(queue, e.to)
			}
		}
	}
	return layer
}

// orderLayers reorders each column by the barycentre (mean position) of
// each node's neighbours, sweeping left to right (by prerequisites) and
// back (by dependents); a node with no neighbour on the sweep's side uses
// the other side, and one with none keeps its place. Positions are centred
// on 0, as the columns are drawn, so that columns of different heights
// compare. The order with the fewest crossings between adjacent columns
// is kept. Ties keep the current order, so the result is deterministic.
func orderLayers(layers [][]int, es []gEdge, in, out [][]int) {
	n := 0
	for _, l := range layers {
		n += len(l)
	}
	pos := make([]float64, n)
	layerOf := make([]int, n)
	place := func(l []int) {
		mid := float64(len(l)-1) / 2
		for i, v := range l {
			pos[v] = float64(i) - mid
		}
	}
	for li, l := range layers {
		place(l)
		for _, v := range l {
			layerOf[v] = li
		}
	}
	// Edges between adjacent columns, by the left column: the ones whose
	// crossings are counted.
	adjacent := make([][]gEdge, len(layers))
	for _, e := range es {
		if !e.back && layerOf[e.to] == layerOf[e.from]+1 {
			adjacent[layerOf[e.from]] = append(adjacent[layerOf[e.from]], e)
		}
	}
	best := crossings(layers, adjacent, pos)
	bestOrder := flatten(layers)
	bary := func(v int, adj []int, far func(gEdge) int) (float64, bool) {
		sum, cnt := 0.0, 0
		for _, ei := range adj {
			if !es[ei].back {
				sum += pos[far(es[ei])]
				cnt++
			}
		}
		if cnt == 0 {
			return 0, false
		}
		return sum / float64(cnt), true
	}
	from := func(e gEdge) int { return e.from }
	to := func(e gEdge) int { return e.to }
	key := make([]float64, n)
	for sweep := 0; sweep < gSweeps && best > 0; sweep++ {
		down := sweep%2 == 0
		for k := range layers {
			li := k
			if !down {
				li = len(layers) - 1 - k
			}
			l := layers[li]
			for _, v := range l {
				near, nearFar, other, otherFar := in[v], from, out[v], to
				if !down {
					near, nearFar, other, otherFar = out[v], to, in[v], from
				}
				if b, ok := bary(v, near, nearFar); ok {
					key[v] = b
				} else if b, ok := bary(v, other, otherFar); ok {
					key[v] = b
				} else {
					key[v] = pos[v]
				}
			}
			slices.SortStableFunc(l, func(a, b int) int {
				if c := cmp.Compare(key[a], key[b]); c != 0 {
					return c
				}
				return cmp.Compare(pos[a], pos[b])
			})
			place(l)
		}
		if c := crossings(layers, adjacent, pos); c < best {
			best, bestOrder = c, flatten(layers)
		}
	}
	i := 0
	for _, l := range layers {
		i += copy(l, bestOrder[i:i+len(l)])
	}
}

// flatten copies the columns' order into one slice.
func flatten(layers [][]int) []int {
	var out []int
	for _, l := range layers {
		out = append(out, l...)
	}
	return out
}

// crossings counts the pairs of edges between adjacent columns that cross:
// with the edges sorted by source position then target position, each
// pair out of order by target is a crossing, counted with a Fenwick tree
// in O(edges × log nodes).
func crossings(layers [][]int, adjacent [][]gEdge, pos []float64) int {
	total := 0
	for li, edges := range adjacent {
		if len(edges) < 2 || li+1 >= len(layers) {
			continue
		}
		m := len(layers[li+1])
		off := float64(m-1) / 2 // pos + off is the target's index
		slices.SortFunc(edges, func(a, b gEdge) int {
			if c := cmp.Compare(pos[a.from], pos[b.from]); c != 0 {
				return c
			}
			return cmp.Compare(pos[a.to], pos[b.to])
		})
		tree := make([]int, m+1)
		for k, e := range edges {
			t := int(pos[e.to]+off+0.5) + 1
			// Edges seen so far whose target lies below t cross this one.
			le := 0
			for i := t; i > 0; i -= i & -i {
				le += tree[i]
			}
			total += k - le
			for i := t; i <= m; i += i & -i {
				tree[i]++
			}
		}
	}
	return total
}

// placeRows sets the centre height of each vertex so that it lines up
// with its neighbours: first each column from the second on is placed at
// the mean height of its predecessors, then, right to left, each vertex
// with successors at the mean height of those. Within a column the order
// is kept and neighbours keep the gap between them; the heights closest
// to the wished ones under those constraints are found by isotonic
// regression (pool adjacent violators), in linear time per column.
func placeRows(layers [][]int, es []gEdge, in, out [][]int, top float64, height func(int) float64, gap func(a, b int) float64) []float64 {
	n := 0
	for _, l := range layers {
		n += len(l)
	}
	ys := make([]float64, n)
	sep := func(a, b int) float64 { return height(a)/2 + height(b)/2 + gap(a, b) }
	for _, l := range layers {
		for i, v := range l {
			if i == 0 {
				ys[v] = top + height(v)/2
			} else {
				ys[v] = ys[l[i-1]] + sep(l[i-1], v)
			}
		}
	}
	mean := func(adj []int, far func(gEdge) int) (float64, bool) {
		sum, cnt := 0.0, 0
		for _, ei := range adj {
			if !es[ei].back {
				sum += ys[far(es[ei])]
				cnt++
			}
		}
		if cnt == 0 {
			return 0, false
		}
		return sum / float64(cnt), true
	}
	var want, seps []float64
	align := func(l []int, adj [][]int, far func(gEdge) int) {
		if len(l) == 0 {
			return
		}
		want, seps = want[:0], seps[:0]
		for i, v := range l {
			w, ok := mean(adj[v], far)
			if !ok {
				w = ys[v]
			}
			want = append(want, w)
			if i > 0 {
				seps = append(seps, sep(l[i-1], v))
			}
		}
		for i, y := range spaced(want, seps, top+height(l[0])/2) {
			ys[l[i]] = y
		}
	}
	for li := 1; li < len(layers); li++ {
		align(layers[li], in, func(e gEdge) int { return e.from })
	}
	for li := len(layers) - 2; li >= 0; li-- {
		align(layers[li], out, func(e gEdge) int { return e.to })
	}
	// Move everything up so that the highest box starts at top.
	least := math.Inf(1)
	for v, y := range ys {
		least = min(least, y-height(v)/2)
	}
	for v := range ys {
		ys[v] += top - least
	}
	return ys
}

// spaced returns the heights closest (least squares) to want that keep
// their order, keep neighbours i and i+1 at least seps[i] apart, and
// start at or below lo. With z[i] = y[i] minus the sum of the gaps before
// i, the constraint is that z never decreases, which pool adjacent
// violators solves in one pass.
func spaced(want, seps []float64, lo float64) []float64 {
	type block struct {
		sum float64
		n   int
	}
	off := make([]float64, len(want))
	for i := 1; i < len(want); i++ {
		off[i] = off[i-1] + seps[i-1]
	}
	var blocks []block
	for i, w := range want {
		blocks = append(blocks, block{w - off[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/float64(a.n) <= b.sum/float64(b.n) {
				break
			}
			blocks = blocks[:len(blocks)-1]
			blocks[len(blocks)-1] = block{a.sum + b.sum, a.n + b.n}
		}
	}
	out := make([]float64, 0, len(want))
	for _, b := range blocks {
		z := max(b.sum/float64(b.n), lo)
		for range b.n {
			out = append(out, z+off[len(out)])
		}
	}
	return out
}
