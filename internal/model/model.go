// Package model is the plan as plain data: every entity of a roadmap with
// its references resolved (an item knows its theme, objective, product,
// team, what it depends on and what depends on it) and derived values
// filled in (kind family, default confidence, parsed windows and estimate
// ranges). Build makes a Plan from a loaded source; later stages only read
// it.
package model

import (
	"strconv"
	"time"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/source"
)

// Plan is one roadmap.
type Plan struct {
	Title        string
	Organization string
	// Now is the current quarter: windows and horizons are read against it.
	Now Quarter
	// Reviewed is the date of the last roadmap review (zero when unset).
	Reviewed time.Time
	// ReviewEvery is how often the roadmap should be reviewed ("" when
	// unset).
	ReviewEvery Period
	// Prioritization is the one framework every item is ranked by.
	Prioritization Framework
	// ValueUnit is the unit of cost of delay, such as "k$ per week".
	ValueUnit string
	Capacity  CapacityModel
	Public    Public

	Objectives []*Objective
	Products   []*Product
	Teams      []*Team
	Themes     []*Theme
	// Items are sorted by id.
	Items []*Item

	// Origin locates roadmap.toml's top-level keys.
	Origin Origin
	// RoadmapLoaded is false when roadmap.toml is missing or does not
	// decode; its problems are then already reported.
	RoadmapLoaded bool
}

// CapacityModel is the declared allocation of team capacity, in percent.
type CapacityModel struct {
	Product, Tech, Innovation, Buffer int
	// Declared is false when roadmap.toml has no [capacity] table and the
	// defaults apply.
	Declared bool
	// InvalidShare is set when product, tech or innovation was written
	// with a value that is not a whole percentage from 0 to 100 (it then
	// holds 0); InvalidBuffer the same for buffer; Unbalanced when every
	// share is valid but they do not sum to 100. Each is reported where it
	// is written, and the plan is not judged against what it breaks (see
	// Valid and BufferValid).
	InvalidShare, InvalidBuffer, Unbalanced bool
	Origin                                  Origin
}

// Valid reports whether the plan can be judged against the model as a
// whole, as the technical-share rule does: every share is valid and they
// sum to 100.
func (c CapacityModel) Valid() bool {
	return !c.InvalidShare && !c.InvalidBuffer && !c.Unbalanced
}

// BufferValid reports whether the unplanned buffer can be held back from
// team capacity, as the over-capacity rule does. It cannot when it is
// invalid, nor when the shares do not sum to 100: the sum does not say
// which share is wrong, and the buffer may be the one.
func (c CapacityModel) BufferValid() bool { return !c.InvalidBuffer && !c.Unbalanced }

// Share returns the declared percentage for a family.
func (c CapacityModel) Share(f Family) int {
	switch f {
	case FamilyProduct:
		return c.Product
	case FamilyTech:
		return c.Tech
	case FamilyInnovation:
		return c.Innovation
	}
	return 0
}

// Public is the [public] table: the frame of the customer-facing page.
type Public struct {
	Title string
	// Intro is Markdown.
	Intro       string
	FeedbackURL string
	Origin      Origin
}

// Objective is a company objective (an OKR): the "why" of themes.
type Objective struct {
	ID         string
	Title      string
	KeyResults []string
	// Themes are the themes that serve this objective, by id.
	Themes []*Theme
	Origin Origin
}

// Product is a product line.
type Product struct {
	ID    string
	Title string
	// Teams and Items belong to this product line, by id.
	Teams  []*Team
	Items  []*Item
	Origin Origin
}

// Team is a delivery team.
type Team struct {
	ID      string
	Title   string
	Product *Product
	// Capacity is in engineer-weeks per quarter; 0 when not declared.
	Capacity float64
	Items    []*Item
	Origin   Origin
}

// Theme is a customer problem or business opportunity that groups items.
type Theme struct {
	ID        string
	Title     string
	Objective *Objective
	KPI       string
	// Description, PublicSummary are Markdown.
	Description   string
	PublicTitle   string
	PublicSummary string
	Items         []*Item
	Origin        Origin
}

// Item is one initiative, product or technical.
type Item struct {
	ID    string
	Title string
	Kind  Kind
	// Family is derived from Kind.
	Family  Family
	Theme   *Theme
	Product *Product
	Team    *Team
	Horizon Horizon
	Status  Status
	// Confidence is the declared confidence or the horizon's default;
	// ConfidenceSet says which.
	Confidence     Confidence
	ConfidenceSet  bool
	Window         Window
	Estimate       Estimate
	Risk           string
	Outcome        string
	CostOfDelay    float64
	HasCostOfDelay bool
	// DependsOn and Dependents are sorted by id.
	DependsOn     []*Item
	Dependents    []*Item
	MoSCoW        MoSCoW
	RICE          *RICE
	Visibility    Visibility
	PublicTitle   string
	PublicSummary string
	// Body is the internal Markdown description, parsed once: at load,
	// or at its page in a build (source.Markdown.Converted).
	Body source.Markdown
	// Rel is the item file's path inside the source folder.
	Rel    string
	Origin Origin
	// depIndex maps a dependency's id to its index in depends_on, so that
	// checks can point at the exact entry.
	depIndex map[string]int
}

// DependencyPos returns the position of the depends_on entry naming id.
func (it *Item) DependencyPos(id string) diag.Pos {
	if i, ok := it.depIndex[id]; ok {
		return it.Origin.Value("depends_on." + strconv.Itoa(i))
	}
	return it.Origin.Value("depends_on")
}

// Public reports whether the item is marked for the public page.
func (it *Item) Public() bool { return it.Visibility == VisibilityPublic }

// RICE holds the inputs of the RICE framework. A zero field was not given.
type RICE struct {
	Reach, Impact, Confidence, Effort float64
}

// Origin locates an entity and its fields in the source, for diagnostics.
type Origin struct {
	doc *source.Doc
	// prefix is the entity's TOML path ("themes.3"), "" for a whole
	// document.
	prefix string
	file   string
	typos  map[string]bool
}

// Doc returns the document the entity was read from, nil for an entity
// not built from one. A document is never changed once loaded, so its
// identity says that everything read from it is unchanged (see
// check.Cache).
func (o Origin) Doc() *source.Doc { return o.doc }

// File returns the path of the entity's file.
func (o Origin) File() string { return o.file }

// Pos returns the position of the entity itself: its table header, or the
// start of its file.
func (o Origin) Pos() diag.Pos {
	if o.doc == nil {
		return diag.Pos{File: o.file, Line: 1, Col: 1}
	}
	if o.prefix == "" {
		return o.doc.Pos()
	}
	return o.doc.KeyPos(o.prefix)
}

// StringPos returns the position of the character at byte offset off
// within the string value of field, falling back to the value's start when
// the string is written with escape sequences.
func (o Origin) StringPos(field, value string, off int) diag.Pos {
	if o.doc == nil {
		return o.Pos()
	}
	return o.doc.StringPos(o.join(field), value, off)
}

// Value returns the position of field's value (such as "window" or
// "depends_on.2"), falling back to the entity itself.
func (o Origin) Value(field string) diag.Pos {
	if o.doc == nil {
		return o.Pos()
	}
	return o.doc.ValuePos(o.join(field))
}

// Has reports whether field was written in the source, or misspelt in a
// way already reported as an unknown key: rules about missing fields skip
// it, so that one mistake gives one message.
func (o Origin) Has(field string) bool {
	return o.typos[field] || (o.doc != nil && o.doc.Has(o.join(field)))
}

// Key returns the position of field's key, falling back like Value.
func (o Origin) Key(field string) diag.Pos {
	if o.doc == nil {
		return o.Pos()
	}
	return o.doc.KeyPos(o.join(field))
}

func (o Origin) join(field string) string {
	if o.prefix == "" {
		return field
	}
	return o.prefix + "." + field
}

// Slipped reports whether the item's window ended before quarter now while
// the item is not shipped.
func (it *Item) Slipped(now Quarter) bool {
	return it.Horizon != HorizonShipped && now != 0 && !it.Window.IsZero() && it.Window.End < now
}

// Conflict describes why an item is planned before something it depends
// on, or returns "" when dep does not conflict with it. check warns about
// it and the release plan marks it, so both use this one definition.
func (it *Item) Conflict(dep *Item) string {
	if dep.Horizon == HorizonShipped || dep == it || it.Horizon == "" || dep.Horizon == "" {
		return "" // an invalid horizon is reported where it is written
	}
	switch {
	case it.Horizon.Rank() < dep.Horizon.Rank():
		return "horizon"
	case !it.Window.IsZero() && !dep.Window.IsZero() && it.Window.End < dep.Window.End:
		return "window"
	}
	return ""
}

// ReviewDue returns the date by which the next review is due: the last
// review plus review_every. ok is false when either is not set.
func (p *Plan) ReviewDue() (due time.Time, ok bool) {
	n := p.ReviewEvery.Months()
	if p.Reviewed.IsZero() || n == 0 {
		return time.Time{}, false
	}
	return p.Reviewed.AddDate(0, n, 0), true
}
