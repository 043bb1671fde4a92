// Package plan is the planning stage: it ranks every item, product and
// technical alike, by the one framework the roadmap declares, with value
// flowing through dependencies, and measures committed effort against team
// capacity in every quarter from now on. Every view, the plan command and
// check's capacity rules read this one computation, so an item ranks the
// same wherever it appears.
package plan

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
)

// Entry is one item's place in the plan.
type Entry struct {
	Item *model.Item
	// Rank is the 1-based position among planned (not shipped) items; 0 for
	// shipped items.
	Rank int
	// Score is the framework's score; meaningful only when Scored.
	Score  float64
	Scored bool
	// Formula shows how the score was computed, such as
	// "cost of delay 40 k$ per week / effort 5w = 8".
	Formula string
	// Missing says what the framework needed and did not get, for an
	// unscored planned item.
	Missing string

	// Own is the item's own value: its cost of delay (WSJF) or reach ×
	// impact × confidence (RICE); HasOwn says whether it was given.
	Own    float64
	HasOwn bool
	// Unblocks holds every planned item that waits on this one, directly
	// or through others, each once, in rank order. A shipped item waits on
	// nothing, and nothing waits through it.
	Unblocks []*Entry
	// Parts are the values that flow into this item: each item of
	// Unblocks that has a value, highest first (ties by id).
	Parts []Part
	// Value is Own plus every part: what waiting on this item costs.
	Value float64
	// Effort is the framework's effort: the estimate's midpoint (WSJF) or
	// RICE effort, in engineer-weeks; 0 when not given.
	Effort float64

	// num is the item's place in the model's items; key is Score rounded
	// to nine decimals, as ranks compare it.
	num int
	key float64
}

// Num is the entry's item's index in the model's items.
func (e *Entry) Num() int { return e.num }

// Part is the value of one waiting item counted in another's value.
type Part struct {
	Entry *Entry
	Value float64
}

// Flowed returns the sum of the parts: the value this item carries for
// the work that waits on it.
func (e *Entry) Flowed() float64 { return e.Value - e.Own }

// Breakdown writes how the item's value is made up, naming each waiting
// item with name: "own 5 + unblocks: SAML SSO 40, audit log 15 = 60 k$ per
// week". unit may be empty.
func (e *Entry) Breakdown(unit string, name func(*Entry) string) string {
	var b strings.Builder
	if e.HasOwn {
		b.WriteString("own " + Num(e.Own))
	} else {
		b.WriteString("own not given")
	}
	if len(e.Parts) > 0 {
		b.WriteString(" + unblocks: ")
		for i, p := range e.Parts {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(name(p.Entry) + " " + Num(p.Value))
		}
	}
	b.WriteString(" = " + Num(e.Value))
	if unit != "" {
		b.WriteString(" " + unit)
	}
	return b.String()
}

// Plan is the ranked plan.
type Plan struct {
	Model *model.Plan
	// Ranked holds every planned item in rank order: scored items by score,
	// highest first, then unscored ones, ties broken by id.
	Ranked []*Entry
	// Shipped holds shipped items by id.
	Shipped []*Entry
	// Capacity is committed effort against team capacity, per quarter
	// from now on.
	Capacity Capacity
	byID     map[string]*Entry
}

// Entry returns the entry of the item with the given id, or nil.
func (p *Plan) Entry(id string) *Entry { return p.byID[id] }

// Make ranks the items of m and measures capacity. A dependency cycle
// (an error check reports) neither hangs it nor counts a value twice.
func Make(m *model.Plan) *Plan {
	p := &Plan{Model: m, byID: make(map[string]*Entry, len(m.Items))}
	// One allocation for every entry: a server makes a plan after every
	// save, and the garbage collector then sees one object, not 10,000.
	entries := make([]Entry, len(m.Items))
	for i, it := range m.Items {
		e := &entries[i]
		e.Item, e.num = it, i
		p.byID[it.ID] = e
		if it.Horizon == model.HorizonShipped {
			p.Shipped = append(p.Shipped, e)
			continue
		}
		own(m, e)
		p.Ranked = append(p.Ranked, e)
	}
	f := flower{seen: make([]int, len(entries))}
	for _, e := range p.Ranked {
		f.flow(p, e)
		score(m, e)
		e.key = round9(e.Score)
	}
	slices.SortFunc(p.Ranked, byScore) // a total order: ids are unique
	for i, e := range p.Ranked {
		e.Rank = i + 1
	}
	for _, e := range p.Ranked {
		if len(e.Unblocks) > 1 {
			slices.SortFunc(e.Unblocks, func(a, b *Entry) int { return cmp.Compare(a.Rank, b.Rank) })
		}
	}
	p.Capacity = measure(p)
	return p
}

// byScore orders scored entries before unscored ones, by score (highest
// first), then by id. Scores are compared at nine decimals (key), so that
// two sums that differ only by floating-point noise tie and fall to the
// id.
func byScore(a, b *Entry) int {
	if a.Scored != b.Scored {
		if a.Scored {
			return -1
		}
		return 1
	}
	if a.Scored {
		if c := cmp.Compare(b.key, a.key); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.Item.ID, b.Item.ID)
}

func round9(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// own fills an entry's own value and effort from the framework's inputs.
func own(m *model.Plan, e *Entry) {
	it := e.Item
	switch m.Prioritization {
	case model.FrameworkRICE:
		if r := it.RICE; r != nil {
			if r.Reach != 0 && r.Impact != 0 && r.Confidence != 0 {
				e.Own, e.HasOwn = r.Reach*r.Impact*r.Confidence, true
			}
			e.Effort = r.Effort
		}
	default:
		e.Own, e.HasOwn = it.CostOfDelay, it.HasCostOfDelay
		if !it.Estimate.IsZero() {
			e.Effort = it.Estimate.Mid()
		}
	}
}

// flower walks dependents for flow, reusing its memory from one entry
// to the next.
type flower struct {
	// seen holds, by entry number, the number (plus one) of the entry
	// whose dependents were last walked through it.
	seen  []int
	queue []*model.Item
}

// flow collects the planned items that wait on e, breadth first over
// dependents, each once; a shipped item ends the path (nothing waits
// through done work). Their own values flow into e's value.
func (f *flower) flow(p *Plan, e *Entry) {
	e.Value = e.Own
	if len(e.Item.Dependents) == 0 {
		return // nothing waits on most items
	}
	mark := e.num + 1
	f.seen[e.num] = mark
	queue := append(f.queue[:0], e.Item.Dependents...)
	for k := 0; k < len(queue); k++ {
		d := queue[k]
		de := p.byID[d.ID]
		if de == nil {
			continue // not in the plan (one built by hand)
		}
		if f.seen[de.num] == mark {
			continue
		}
		f.seen[de.num] = mark
		if d.Horizon == model.HorizonShipped {
			continue
		}
		e.Unblocks = append(e.Unblocks, de)
		if de.HasOwn {
			e.Parts = append(e.Parts, Part{Entry: de, Value: de.Own})
		}
		queue = append(queue, d.Dependents...)
	}
	f.queue = queue[:0]
	slices.SortFunc(e.Parts, func(a, b Part) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.Entry.Item.ID, b.Entry.Item.ID))
	})
	for _, pt := range e.Parts {
		e.Value += pt.Value
	}
}

// score fills e's score by the roadmap's framework from its value and
// effort, or says what is missing.
func score(m *model.Plan, e *Entry) {
	it := e.Item
	switch m.Prioritization {
	case model.FrameworkRICE:
		if e.Missing = riceMissing(it.RICE); e.Missing != "" {
			return
		}
		e.Score = e.Value / e.Effort
		if bad(e.Score) || bad(e.Value) {
			e.Score, e.Missing = 0, "RICE inputs too large to score"
			return
		}
		r := it.RICE
		e.Scored = true
		// Concatenated, not formatted: a plan writes one per item.
		value := "reach " + Num(r.Reach) + " × impact " + Num(r.Impact) + " × confidence " + Num(r.Confidence)
		if len(e.Parts) > 0 {
			value = "(" + value + " = " + Num(e.Own) + ", + unblocks " + Num(e.Flowed()) + ")"
		}
		e.Formula = value + " / effort " + Num(e.Effort) + " = " + Num(e.Score)
	default:
		switch {
		case !it.HasCostOfDelay && e.Effort == 0:
			e.Missing = "WSJF needs cost_of_delay and an estimate"
		case !it.HasCostOfDelay:
			e.Missing = "WSJF needs cost_of_delay"
		case e.Effort == 0:
			e.Missing = "WSJF needs an estimate"
		default:
			e.Score = e.Value / e.Effort
			if bad(e.Score) || bad(e.Value) {
				e.Score, e.Missing = 0, "cost_of_delay too large to score"
				return
			}
			e.Scored = true
			value := "cost of delay " + Num(e.Value)
			if m.ValueUnit != "" {
				value += " " + m.ValueUnit
			}
			if len(e.Parts) > 0 {
				value += " (own " + Num(e.Own) + " + unblocks " + Num(e.Flowed()) + ")"
			}
			e.Formula = value + " / effort " + Num(e.Effort) + "w = " + Num(e.Score)
		}
	}
}

// riceMissing names the RICE inputs an item lacks, or returns "".
func riceMissing(r *model.RICE) string {
	if r == nil {
		return "RICE needs reach, impact, confidence and effort"
	}
	var miss []string
	for _, f := range []struct {
		name string
		v    float64
	}{{"reach", r.Reach}, {"impact", r.Impact}, {"confidence", r.Confidence}, {"effort", r.Effort}} {
		if f.v == 0 {
			miss = append(miss, f.name)
		}
	}
	if len(miss) == 0 {
		return ""
	}
	return "RICE needs " + diag.JoinAnd(miss)
}

func bad(v float64) bool { return math.IsInf(v, 0) || math.IsNaN(v) }

// Num formats a number for people: at most two decimals, no trailing
// zeros.
func Num(v float64) string {
	r := math.Round(v * 100)
	if math.Abs(r) < 1e15 {
		// Below 10^13 a double tells hundredths apart, so the shortest
		// decimal of r/100 is r's digits with the point put back: written
		// directly, several times faster, as every view prints thousands.
		return hundredths(int64(r))
	}
	s := strconv.FormatFloat(r/100, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// hundredths writes n/100 with at most two decimals and no trailing zeros.
func hundredths(n int64) string {
	var buf [24]byte
	b := buf[:0]
	if n < 0 {
		b, n = append(b, '-'), -n
	}
	b = strconv.AppendInt(b, n/100, 10)
	if f := n % 100; f != 0 {
		b = append(b, '.', byte('0'+f/10))
		if f%10 != 0 {
			b = append(b, byte('0'+f%10))
		}
	}
	return string(b)
}
