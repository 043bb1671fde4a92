package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"unsafe"

	"github.com/roadmapgen/roadmapgen/internal/jsonesc"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// The roadmap.json exports are a stable interface (documented in the
// README): fields are added, never renamed or removed, within a format
// version.
const (
	internalFormat = "roadmapgen/1"
	publicFormat   = "roadmapgen-public/1"
)

type jsonPlan struct {
	Format         string          `json:"format"`
	Title          string          `json:"title"`
	Organization   string          `json:"organization,omitempty"`
	Now            string          `json:"now,omitempty"`
	Reviewed       string          `json:"reviewed,omitempty"`
	ReviewEvery    string          `json:"review_every,omitempty"`
	Prioritization string          `json:"prioritization"`
	ValueUnit      string          `json:"value_unit"`
	Capacity       jsonCapacity    `json:"capacity"`
	Objectives     []jsonObjective `json:"objectives"`
	Products       []jsonProduct   `json:"products"`
	Teams          []jsonTeam      `json:"teams"`
	Themes         []jsonTheme     `json:"themes"`
	Items          []jsonItem      `json:"items"`
}

type jsonCapacity struct {
	Product    int  `json:"product"`
	Tech       int  `json:"tech"`
	Innovation int  `json:"innovation"`
	Buffer     int  `json:"buffer"`
	Declared   bool `json:"declared"`
}

type jsonObjective struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	KeyResults []string `json:"key_results"`
	Themes     []string `json:"themes"`
}

type jsonProduct struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Teams []string `json:"teams"`
}

type jsonTeam struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	Product  string  `json:"product,omitempty"`
	Capacity float64 `json:"capacity,omitempty"`
}

type jsonTheme struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	Objective     string `json:"objective,omitempty"`
	KPI           string `json:"kpi,omitempty"`
	Description   string `json:"description,omitempty"`
	PublicTitle   string `json:"public_title,omitempty"`
	PublicSummary string `json:"public_summary,omitempty"`
}

type jsonWindow struct {
	Text  string `json:"text"`
	Start string `json:"start"`
	End   string `json:"end"`
}

type jsonEstimate struct {
	Text string  `json:"text"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

type jsonRICE struct {
	Reach      float64 `json:"reach"`
	Impact     float64 `json:"impact"`
	Confidence float64 `json:"confidence"`
	Effort     float64 `json:"effort"`
}

type jsonItem struct {
	ID             string        `json:"id"`
	Rank           int           `json:"rank,omitempty"`
	Score          *float64      `json:"score,omitempty"`
	ScoreFormula   string        `json:"score_formula,omitempty"`
	UnscoredReason string        `json:"unscored_reason,omitempty"`
	Title          string        `json:"title"`
	Kind           string        `json:"kind"`
	Family         string        `json:"family"`
	Theme          string        `json:"theme,omitempty"`
	Product        string        `json:"product,omitempty"`
	Team           string        `json:"team,omitempty"`
	Horizon        string        `json:"horizon"`
	Status         string        `json:"status"`
	Confidence     string        `json:"confidence"`
	Window         *jsonWindow   `json:"window,omitempty"`
	Estimate       *jsonEstimate `json:"estimate,omitempty"`
	Risk           string        `json:"risk,omitempty"`
	Outcome        string        `json:"outcome,omitempty"`
	CostOfDelay    *float64      `json:"cost_of_delay,omitempty"`
	DependsOn      []string      `json:"depends_on"`
	Dependents     []string      `json:"dependents"`
	MoSCoW         string        `json:"moscow,omitempty"`
	RICE           *jsonRICE     `json:"rice,omitempty"`
	Visibility     string        `json:"visibility"`
	PublicTitle    string        `json:"public_title,omitempty"`
	PublicSummary  string        `json:"public_summary,omitempty"`
	Body           string        `json:"body"`
	Source         string        `json:"source"`
}

func ids[T any](list []*T, id func(*T) string) []string {
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, id(x))
	}
	return out
}

func itemID(it *model.Item) string { return it.ID }

// internalHead is the internal export without its items: the whole
// resolved plan, whose items (in rank order, then the shipped ones)
// writeInternalJSON adds.
func internalHead(p *plan.Plan) jsonPlan {
	m := p.Model
	out := jsonPlan{
		Format: internalFormat, Title: m.Title, Organization: m.Organization,
		ReviewEvery: string(m.ReviewEvery), Prioritization: string(m.Prioritization), ValueUnit: m.ValueUnit,
		Capacity:   jsonCapacity{m.Capacity.Product, m.Capacity.Tech, m.Capacity.Innovation, m.Capacity.Buffer, m.Capacity.Declared},
		Objectives: []jsonObjective{}, Products: []jsonProduct{}, Teams: []jsonTeam{}, Themes: []jsonTheme{}, Items: []jsonItem{},
	}
	if m.Now != 0 {
		out.Now = m.Now.String()
	}
	if !m.Reviewed.IsZero() {
		out.Reviewed = m.Reviewed.Format("2006-01-02")
	}
	for _, o := range m.Objectives {
		out.Objectives = append(out.Objectives, jsonObjective{o.ID, o.Title, nonNil(o.KeyResults), ids(o.Themes, func(t *model.Theme) string { return t.ID })})
	}
	for _, pr := range m.Products {
		out.Products = append(out.Products, jsonProduct{pr.ID, pr.Title, ids(pr.Teams, func(t *model.Team) string { return t.ID })})
	}
	for _, t := range m.Teams {
		jt := jsonTeam{ID: t.ID, Title: t.Title, Capacity: t.Capacity}
		if t.Product != nil {
			jt.Product = t.Product.ID
		}
		out.Teams = append(out.Teams, jt)
	}
	for _, th := range m.Themes {
		jt := jsonTheme{ID: th.ID, Title: th.Title, KPI: th.KPI, Description: th.Description, PublicTitle: th.PublicTitle, PublicSummary: th.PublicSummary}
		if th.Objective != nil {
			jt.Objective = th.Objective.ID
		}
		out.Themes = append(out.Themes, jt)
	}
	return out
}

// writeInternalJSON writes internalJSON to w: indented, or compact with
// the items streamed one at a time, since at 10,000 items the export
// (item bodies included) is tens of megabytes and must not be built
// whole, indented and minified in memory.
func writeInternalJSON(w io.Writer, p *plan.Plan, indent bool) error {
	out := internalHead(p)
	entries := append(append([]*plan.Entry{}, p.Ranked...), p.Shipped...)
	if indent {
		for _, e := range entries {
			out.Items = append(out.Items, jsonItemOf(e, string(e.Item.Body.Text())))
		}
		b, err := json.MarshalIndent(out, "", "  ")
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	}
	head, err := json.Marshal(out) // Items is empty and last: ...,"items":[]}
	if err != nil {
		return err
	}
	if !bytes.HasSuffix(head, []byte(`[]}`)) {
		return fmt.Errorf("internal roadmap.json: items must be the last field")
	}
	if _, err := w.Write(head[:len(head)-2]); err != nil {
		return err
	}
	// Each item is appended to one buffer by appendJSONItem, which
	// writes what json.Marshal would (TestJSONItemMatchesMarshal): the
	// bodies are most of the file, and encoding/json's reflection and
	// byte-at-a-time escaping took twice as long.
	var buf []byte
	for i, e := range entries {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		if buf, err = appendJSONItem(buf, e); err != nil {
			return fmt.Errorf("internal roadmap.json: item %s: %w", e.Item.ID, err)
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "]}")
	return err
}

// appendJSONItem appends e's item as json.Marshal writes
// jsonItemOf(e, its Markdown): the same fields in the same order, left
// out where jsonItem's tags say omitempty.
func appendJSONItem(b []byte, e *plan.Entry) ([]byte, error) {
	it := e.Item
	var err error
	str := func(key, s string) {
		b = append(b, key...)
		b = jsonesc.AppendString(b, s)
	}
	opt := func(key, s string) {
		if s != "" {
			str(key, s)
		}
	}
	num := func(key string, f float64) {
		if err == nil {
			b = append(b, key...)
			b, err = jsonesc.AppendFloat(b, f)
		}
	}
	list := func(key string, items []*model.Item) {
		b = append(b, key...)
		b = append(b, '[')
		for i, x := range items {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonesc.AppendString(b, x.ID)
		}
		b = append(b, ']')
	}
	str(`{"id":`, it.ID)
	if e.Rank != 0 {
		b = append(b, `,"rank":`...)
		b = strconv.AppendInt(b, int64(e.Rank), 10)
	}
	if e.Scored {
		num(`,"score":`, e.Score)
	}
	opt(`,"score_formula":`, e.Formula)
	opt(`,"unscored_reason":`, e.Missing)
	str(`,"title":`, it.Title)
	str(`,"kind":`, string(it.Kind))
	str(`,"family":`, string(it.Family))
	if it.Theme != nil {
		opt(`,"theme":`, it.Theme.ID)
	}
	if it.Product != nil {
		opt(`,"product":`, it.Product.ID)
	}
	if it.Team != nil {
		opt(`,"team":`, it.Team.ID)
	}
	str(`,"horizon":`, string(it.Horizon))
	str(`,"status":`, string(it.Status))
	str(`,"confidence":`, string(it.Confidence))
	if !it.Window.IsZero() {
		str(`,"window":{"text":`, it.Window.Text)
		str(`,"start":`, it.Window.Start.String())
		str(`,"end":`, it.Window.End.String())
		b = append(b, '}')
	}
	if !it.Estimate.IsZero() {
		str(`,"estimate":{"text":`, it.Estimate.Text)
		num(`,"low":`, it.Estimate.Low)
		num(`,"high":`, it.Estimate.High)
		b = append(b, '}')
	}
	opt(`,"risk":`, it.Risk)
	opt(`,"outcome":`, it.Outcome)
	if it.HasCostOfDelay {
		num(`,"cost_of_delay":`, it.CostOfDelay)
	}
	list(`,"depends_on":`, it.DependsOn)
	list(`,"dependents":`, it.Dependents)
	opt(`,"moscow":`, string(it.MoSCoW))
	if r := it.RICE; r != nil {
		num(`,"rice":{"reach":`, r.Reach)
		num(`,"impact":`, r.Impact)
		num(`,"confidence":`, r.Confidence)
		num(`,"effort":`, r.Effort)
		b = append(b, '}')
	}
	str(`,"visibility":`, string(it.Visibility))
	opt(`,"public_title":`, it.PublicTitle)
	opt(`,"public_summary":`, it.PublicSummary)
	body := it.Body.Text()
	str(`,"body":`, unsafe.String(unsafe.SliceData(body), len(body)))
	str(`,"source":`, it.Rel)
	return append(b, '}'), err
}

// internalJSON is the indented export, in memory.
func internalJSON(p *plan.Plan) ([]byte, error) {
	var b bytes.Buffer
	err := writeInternalJSON(&b, p, true)
	return b.Bytes(), err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// jsonItemOf is an entry's item in the export, with body as its Markdown.
func jsonItemOf(e *plan.Entry, body string) jsonItem {
	it := e.Item
	ji := jsonItem{
		ID: it.ID, Rank: e.Rank, ScoreFormula: e.Formula, UnscoredReason: e.Missing,
		Title: it.Title, Kind: string(it.Kind), Family: string(it.Family),
		Horizon: string(it.Horizon), Status: string(it.Status), Confidence: string(it.Confidence),
		Risk: it.Risk, Outcome: it.Outcome, DependsOn: ids(it.DependsOn, itemID), Dependents: ids(it.Dependents, itemID),
		MoSCoW: string(it.MoSCoW), Visibility: string(it.Visibility),
		PublicTitle: it.PublicTitle, PublicSummary: it.PublicSummary, Body: body, Source: it.Rel,
	}
	if r := it.RICE; r != nil {
		ji.RICE = &jsonRICE{r.Reach, r.Impact, r.Confidence, r.Effort}
	}
	if e.Scored {
		s := e.Score
		ji.Score = &s
	}
	if it.Theme != nil {
		ji.Theme = it.Theme.ID
	}
	if it.Product != nil {
		ji.Product = it.Product.ID
	}
	if it.Team != nil {
		ji.Team = it.Team.ID
	}
	if !it.Window.IsZero() {
		ji.Window = &jsonWindow{it.Window.Text, it.Window.Start.String(), it.Window.End.String()}
	}
	if !it.Estimate.IsZero() {
		ji.Estimate = &jsonEstimate{it.Estimate.Text, it.Estimate.Low, it.Estimate.High}
	}
	if it.HasCostOfDelay {
		c := it.CostOfDelay
		ji.CostOfDelay = &c
	}
	return ji
}

type jsonPublic struct {
	Format      string             `json:"format"`
	Title       string             `json:"title"`
	IntroHTML   string             `json:"intro_html,omitempty"`
	FeedbackURL string             `json:"feedback_url,omitempty"`
	Columns     []jsonPublicColumn `json:"columns"`
	Shipped     []jsonPublicTheme  `json:"shipped"`
}

type jsonPublicColumn struct {
	Horizon string            `json:"horizon"`
	Title   string            `json:"title"`
	Themes  []jsonPublicTheme `json:"themes"`
}

type jsonPublicTheme struct {
	Title       string           `json:"title,omitempty"`
	SummaryHTML string           `json:"summary_html,omitempty"`
	Items       []jsonPublicItem `json:"items"`
}

type jsonPublicItem struct {
	Title       string `json:"title"`
	SummaryHTML string `json:"summary_html,omitempty"`
}

func jsonPublicThemes(list []publicTheme) []jsonPublicTheme {
	out := []jsonPublicTheme{}
	for _, th := range list {
		jt := jsonPublicTheme{Title: th.Title, SummaryHTML: string(th.Summary), Items: []jsonPublicItem{}}
		for _, it := range th.Items {
			jt.Items = append(jt.Items, jsonPublicItem{it.Title, string(it.Summary)})
		}
		out = append(out, jt)
	}
	return out
}

// publicJSON exports the public page's data: the allow-listed fields only,
// Markdown fields as the same sanitized HTML the page shows.
func publicJSON(pv *publicView) ([]byte, error) {
	out := jsonPublic{Format: publicFormat, Title: pv.Title, IntroHTML: string(pv.Intro), FeedbackURL: pv.FeedbackURL,
		Columns: []jsonPublicColumn{}, Shipped: jsonPublicThemes(pv.Shipped)}
	for _, c := range pv.Columns {
		out.Columns = append(out.Columns, jsonPublicColumn{c.Horizon, c.Title, jsonPublicThemes(c.Themes)})
	}
	return json.MarshalIndent(out, "", "  ")
}

// IsOutput reports whether the folder dir is a root a build wrote: its
// roadmap.json opens with a roadmapgen format ("roadmapgen/1",
// "roadmapgen-public/1" or a later version), minified or indented. build
// replaces only such a folder, or an empty one (write.Options.Replaceable).
func IsOutput(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "roadmap.json"))
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	return outputHead.Match(head[:n])
}

// outputHead matches the start of either root's roadmap.json.
var outputHead = regexp.MustCompile(`^\{\s*"format":\s*"roadmapgen(?:-public)?/[0-9]+"`)
