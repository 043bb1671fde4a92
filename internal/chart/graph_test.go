package chart

import (
	"fmt"
	"strings"
	"testing"
)

// nodeBoxes maps each node's label to its box.
func nodeBoxes(s *SVG) map[string]Shape {
	boxes := map[string]Shape{}
	for _, sh := range shapesWithClass(s, "node") {
		label := sh.Tip
		if i := strings.IndexAny(label, " —("); i >= 0 {
			label = label[:i]
		}
		boxes[label] = sh
	}
	return boxes
}

func nodes(ids ...string) []Node {
	out := make([]Node, len(ids))
	for i, id := range ids {
		out[i] = Node{ID: id, Label: id, Href: "/items/" + id + "/"}
	}
	return out
}

func TestGraphLayers(t *testing.T) {
	tests := []struct {
		name  string
		nodes []Node
		edges []Edge
		col   map[string]int // column of each node
		back  int            // dashed edges
	}{
		{"chain", nodes("a", "b", "c"), []Edge{{"a", "b"}, {"b", "c"}}, map[string]int{"a": 0, "b": 1, "c": 2}, 0},
		{"longest path wins", nodes("a", "b", "c"), []Edge{{"a", "c"}, {"a", "b"}, {"b", "c"}}, map[string]int{"a": 0, "b": 1, "c": 2}, 0},
		{"unknown nodes and self loops ignored", nodes("a", "b"), []Edge{{"a", "zz"}, {"zz", "b"}, {"a", "a"}, {"a", "b"}, {"a", "b"}}, map[string]int{"a": 0, "b": 1}, 0},
		{"cycle broken", nodes("a", "b", "c"), []Edge{{"a", "b"}, {"b", "c"}, {"c", "a"}}, map[string]int{"a": 0, "b": 1, "c": 2}, 1},
		{"two-cycle", nodes("x", "y"), []Edge{{"x", "y"}, {"y", "x"}}, map[string]int{"x": 0, "y": 1}, 1},
		{"isolated", nodes("a", "b"), nil, map[string]int{"a": 0, "b": 0}, 0},
		{"duplicate id keeps the first", append(nodes("a", "b"), Node{ID: "a", Label: "dup"}), []Edge{{"a", "b"}}, map[string]int{"a": 0, "b": 1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Graph("g", "G", tt.nodes, tt.edges)
			boxes := nodeBoxes(s)
			if len(boxes) != len(tt.col) {
				t.Fatalf("%d nodes drawn, want %d", len(boxes), len(tt.col))
			}
			for id, col := range tt.col {
				want := r1(gPad + float64(col)*(gNodeW+gColGap))
				if boxes[id].X != want {
					t.Errorf("%s at x %v, want %v (column %d)", id, boxes[id].X, want, col)
				}
			}
			back := 0
			for _, e := range shapesWithClass(s, "edge") {
				if strings.Contains(e.Class, "back") && e.Kind == "path" {
					back++
				}
			}
			if back != tt.back {
				t.Errorf("%d dashed edges, want %d", back, tt.back)
			}
		})
	}
}

func TestGraphOrderAvoidsCrossings(t *testing.T) {
	// a1 feeds b2 and a2 feeds b1: the right column is reordered.
	s := Graph("g", "G", nodes("a1", "a2", "b1", "b2"), []Edge{{"a1", "b2"}, {"a2", "b1"}})
	b := nodeBoxes(s)
	if (b["a1"].Y < b["a2"].Y) != (b["b2"].Y < b["b1"].Y) {
		t.Errorf("edges cross: a1 %v a2 %v b1 %v b2 %v", b["a1"].Y, b["a2"].Y, b["b1"].Y, b["b2"].Y)
	}
	// No two nodes overlap.
	var all []Shape
	for _, sh := range b {
		all = append(all, sh)
	}
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			p, q := all[i], all[j]
			if p.X == q.X && p.Y < q.Y+q.H && q.Y < p.Y+p.H {
				t.Errorf("nodes overlap at %v,%v and %v,%v", p.X, p.Y, q.X, q.Y)
			}
		}
	}
}

func TestCrossings(t *testing.T) {
	tests := []struct {
		name  string
		edges [][2]int // left index, right index
		want  int
	}{
		{"parallel", [][2]int{{0, 0}, {1, 1}, {2, 2}}, 0},
		{"one cross", [][2]int{{0, 1}, {1, 0}}, 1},
		{"fan in shares a target", [][2]int{{0, 1}, {1, 1}, {2, 1}}, 0},
		{"full reversal", [][2]int{{0, 2}, {1, 1}, {2, 0}}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			layers := [][]int{{0, 1, 2}, {3, 4, 5}}
			pos := []float64{-1, 0, 1, -1, 0, 1}
			var es []gEdge
			for _, e := range tt.edges {
				es = append(es, gEdge{from: e[0], to: 3 + e[1]})
			}
			if got := crossings(layers, [][]gEdge{es, nil}, pos); got != tt.want {
				t.Errorf("crossings = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestGraphCycleTerminates(t *testing.T) {
	// A ring of 500 with chords back: cycles everywhere.
	var ns []Node
	var es []Edge
	for i := range 500 {
		ns = append(ns, Node{ID: fmt.Sprint(i), Label: fmt.Sprint("n", i)})
		es = append(es, Edge{fmt.Sprint(i), fmt.Sprint((i + 1) % 500)}, Edge{fmt.Sprint(i), fmt.Sprint((i * 7) % 500)})
	}
	s := Graph("g", "G", ns, es)
	if len(shapesWithClass(s, "node")) != 500 {
		t.Fatal("not every node drawn")
	}
	if !strings.Contains(s.Desc, "close a cycle") {
		t.Errorf("Desc does not mention the cycles: %q", s.Desc[:200])
	}
}

func TestGraphDesc(t *testing.T) {
	s := Graph("g", "G", []Node{
		{ID: "pg", Label: "Postgres upgrade", Family: "tech", Status: "blocked"},
		{ID: "sso", Label: "Single sign-on", Family: "product"},
		{ID: "audit", Label: "Audit log", Family: "product", Status: "at-risk"},
		{ID: "lone", Label: "Search v2", Family: "tech"},
		{ID: "x", Label: "X"}, {ID: "y", Label: "Y"},
	}, []Edge{{"pg", "sso"}, {"pg", "audit"}, {"x", "y"}, {"y", "x"}, {"pg", "ghost"}})
	for _, want := range []string{
		"A dependency graph of 6 items and 4 dependencies in 2 steps, read left to right",
		"Postgres upgrade (technical, blocked) unblocks Single sign-on (product) and Audit log (product, at risk).",
		"X unblocks Y.",
		"Without dependencies: Search v2 (technical).",
		"Circular dependency: the dashed arrow from Y to X closes a cycle.",
	} {
		if !strings.Contains(s.Desc, want) {
			t.Errorf("Desc lacks %q:\n%s", want, s.Desc)
		}
	}
	mustHaveText(t, s, "Blocked")
	mustHaveText(t, s, "Step 1 · can start now")
}

func TestGraphEmpty(t *testing.T) {
	s := Graph("g", "G", nil, []Edge{{"a", "b"}})
	if s.Desc != "No dependencies to show." || !strings.Contains(s.Class, "chart-empty") {
		t.Errorf("Desc %q, class %q", s.Desc, s.Class)
	}
}

func TestGraphLargeIsSummarised(t *testing.T) {
	ns, es := bigGraph(2000)
	s := Graph("g", "G", ns, es)
	if len(s.Desc) > 3000 {
		t.Errorf("Desc is %d bytes", len(s.Desc))
	}
	if !strings.Contains(s.Desc, "In all: 2,000 items") {
		t.Errorf("Desc = %q", s.Desc)
	}
}

// bigGraph makes n nodes in chains with cross links, a few of them back.
func bigGraph(n int) ([]Node, []Edge) {
	fams := []string{"product", "tech", "innovation"}
	ns := make([]Node, n)
	var es []Edge
	for i := range n {
		ns[i] = Node{ID: fmt.Sprint("n", i), Label: fmt.Sprintf("Node %d with a label", i), Family: fams[i%3], Status: []string{"", "at-risk", "blocked"}[i%3]}
		if i >= 10 {
			es = append(es, Edge{fmt.Sprint("n", i-10), fmt.Sprint("n", i)})
		}
		if i >= 37 && i%5 == 0 {
			es = append(es, Edge{fmt.Sprint("n", i-37), fmt.Sprint("n", i)})
		}
		if i%97 == 0 && i > 0 {
			es = append(es, Edge{fmt.Sprint("n", i), fmt.Sprint("n", i-50)})
		}
	}
	return ns, es
}

func TestGraphLongEdgeGetsALane(t *testing.T) {
	// a → b → c and a → c: the long edge runs through column 2 beside b.
	s := Graph("g", "G", nodes("a", "b", "c"), []Edge{{"a", "b"}, {"b", "c"}, {"a", "c"}})
	b := nodeBoxes(s)["b"]
	lanes := 0
	for _, e := range shapesWithClass(s, "edge") {
		if e.Kind != "path" || !strings.Contains(e.D, "L") {
			continue
		}
		lanes++
		// The straight run through column 2 lies outside b's box.
		i := strings.Index(e.D, "L")
		var x, y float64
		fmt.Sscanf(e.D[i+1:], "%g %g", &x, &y)
		if x != b.X+b.W || (y >= b.Y && y <= b.Y+b.H) {
			t.Errorf("lane ends at %v,%v; b is at %v,%v %vx%v", x, y, b.X, b.Y, b.W, b.H)
		}
	}
	if lanes != 1 {
		t.Errorf("%d edges with a lane, want 1", lanes)
	}
}

func TestSpaced(t *testing.T) {
	tests := []struct {
		name string
		want []float64
		seps []float64
		lo   float64
		got  []float64
	}{
		{"apart already", []float64{10, 50, 90}, []float64{20, 20}, 0, []float64{10, 50, 90}},
		{"clash is spread around the mean", []float64{50, 50}, []float64{20}, 0, []float64{40, 60}},
		{"kept below the top", []float64{0, 0}, []float64{20}, 15, []float64{15, 35}},
		{"order is kept", []float64{90, 10}, []float64{20}, 0, []float64{40, 60}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := spaced(tt.want, tt.seps, tt.lo)
			if fmt.Sprint(got) != fmt.Sprint(tt.got) {
				t.Errorf("spaced = %v, want %v", got, tt.got)
			}
		})
	}
}
