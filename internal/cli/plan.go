package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/roadmapgen/roadmapgen/internal/diag"
	"github.com/roadmapgen/roadmapgen/internal/model"
	"github.com/roadmapgen/roadmapgen/internal/plan"
)

// runPlan prints the ranked list and the capacity table: the plan for
// planning meetings and CI logs. Problems go to stderr, as build prints
// them, so that stdout holds only the plan (text or JSON).
func runPlan(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	fs := newFlags("plan", "plan [--source DIR] [--strict] [--format text|json] [--today YYYY-MM-DD]", stderr)
	src := fs.String("source", "content", "read the roadmap source from `DIR`")
	strict := fs.Bool("strict", false, "exit 1 on warnings too")
	format := fs.String("format", "text", "print the plan as `FORMAT`: text or json")
	todayFlag := fs.String("today", "", "judge reviews as of `YYYY-MM-DD` instead of SOURCE_DATE_EPOCH or the clock")
	if code, stop := parse(fs, args); stop {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "roadmapgen plan: unknown format %q: expected text or json\n", *format)
		return ExitUsage
	}
	day, err := today(*todayFlag, env)
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen plan: %v\n", err)
		return ExitUsage
	}
	if err := isFolder(*src); err != nil {
		fmt.Fprintf(stderr, "roadmapgen plan: %v\n", err)
		return ExitUsage
	}
	p, site, diags := loadAndCheck(ctx, *src, day, loadOptions{release: true, bodies: textOnly})
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "roadmapgen plan: interrupted")
		return ExitProblems
	}
	ds := diags.Sorted()
	if err := diag.WriteAll(stderr, ds, diag.Text, site.SourcesFor(ds)); err != nil {
		fmt.Fprintf(stderr, "roadmapgen plan: %v\n", err)
		return ExitProblems
	}
	if diags.HasErrors() {
		fmt.Fprintf(stderr, "roadmapgen plan: stopped by %s; fix them to see the ranked plan\n", diag.Summary(ds))
		return ExitProblems
	}
	if *format == "json" {
		err = writePlanJSON(stdout, p)
	} else {
		err = writePlanText(stdout, p)
	}
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen plan: %v\n", err)
		return ExitProblems
	}
	if *strict && diags.Count(diag.Warning) > 0 {
		fmt.Fprintf(stderr, "roadmapgen plan: %s (--strict)\n", diag.Summary(ds))
		return ExitProblems
	}
	return ExitOK
}

// ids names entries by id, as the source does.
func ids(e *plan.Entry) string { return e.Item.ID }

// entryList writes "a (score 1.2), b (unscored)".
func entryList(es []*plan.Entry) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Item.ID + " (" + scoreText(e) + ")"
	}
	return strings.Join(parts, ", ")
}

func scoreText(e *plan.Entry) string {
	if e.Scored {
		return "score " + plan.Num(e.Score)
	}
	return "unscored"
}

// valueText is an entry's value with its breakdown when value flows into
// it: "75 = own 4 + unblocks: saml-sso 45, scim-provisioning 26".
func valueText(e *plan.Entry) string {
	if len(e.Parts) == 0 {
		if e.HasOwn {
			return plan.Num(e.Own)
		}
		return "not given"
	}
	b := e.Breakdown("", ids)
	total := b[strings.LastIndex(b, " = ")+3:]
	return total + " = " + b[:strings.LastIndex(b, " = ")]
}

func writePlanText(w io.Writer, p *plan.Plan) error {
	m := p.Model
	var b strings.Builder
	framework := "WSJF (cost of delay / effort in engineer-weeks)"
	value := "cost of delay"
	if m.Prioritization == model.FrameworkRICE {
		framework = "RICE (reach × impact × confidence / effort)"
		value = "value (reach × impact × confidence)"
	}
	unscored := 0
	for _, e := range p.Ranked {
		if !e.Scored {
			unscored++
		}
	}
	fmt.Fprintf(&b, "%s: the ranked plan by %s\n", m.Title, framework)
	fmt.Fprintf(&b, "now %s · %s, %d unscored (last) · %s shipped", m.Now, diag.Plural(len(p.Ranked), "planned item"), unscored, diag.Plural(len(p.Shipped), "item"))
	if m.ValueUnit != "" && m.Prioritization != model.FrameworkRICE {
		fmt.Fprintf(&b, " · %s in %s", value, m.ValueUnit)
	}
	b.WriteString("\n\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "#\tscore\titem\tkind\thorizon\twindow\testimate\tteam\t%s (own + what waits on it)\n", value)
	for _, e := range p.Ranked {
		it := e.Item
		score := "unscored: " + strings.TrimPrefix(strings.TrimPrefix(e.Missing, "WSJF "), "RICE ")
		if e.Scored {
			score = fmt.Sprintf("%.2f", e.Score)
		}
		team := "-"
		if it.Team != nil {
			team = it.Team.ID
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Rank, score, it.ID, or(string(it.Kind)), it.Horizon,
			or(it.Window.Text), or(it.Estimate.Text), team, valueText(e))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	writeCapacityText(&b, p)
	_, err := io.WriteString(w, b.String())
	return err
}

func or(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func writeCapacityText(b *strings.Builder, p *plan.Plan) {
	m, c := p.Model, p.Capacity
	b.WriteString("\n")
	if len(c.Quarters) == 0 {
		b.WriteString("Capacity: now is not set, so no quarter can be measured.\n")
		return
	}
	fmt.Fprintf(b, "Capacity per quarter, in engineer-weeks: committed effort (best–worst case, midpoint) against plannable capacity (capacity less the %d%% unplanned buffer); each bucket committed/model (model: product %d%%, tech %d%%, innovation %d%% of capacity)\n\n",
		m.Capacity.Buffer, m.Capacity.Product, m.Capacity.Tech, m.Capacity.Innovation)
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "quarter\tteam\tcapacity\tplannable\tcommitted\tproduct\ttech\tinnovation\tstate")
	var notes []string
	for qi, q := range c.Quarters {
		for _, tl := range c.Teams {
			cell := tl.Cells[qi]
			state := cell.State()
			if cell.Over() {
				state = "OVER: " + state
				notes = append(notes, fmt.Sprintf("to fit %s, %s defers: %s", q, tl.Team.ID, entryList(cell.Defer)))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", q, tl.Team.ID, plan.Weeks(cell.Capacity), plan.Weeks(cell.Plannable), cell.Committed.Range(),
				bucket(cell.ByFamily[0].Mid, cell.Model[0]), bucket(cell.ByFamily[1].Mid, cell.Model[1]), bucket(cell.ByFamily[2].Mid, cell.Model[2]), state)
		}
		tot := c.Totals[qi]
		state := ""
		if share, target, ok := tot.TechShare(m.Capacity); ok {
			state = fmt.Sprintf("tech %s%% of committed work, model %s%%", plan.Num(plan.Round1(share)), plan.Num(plan.Round1(target)))
			switch {
			case tot.TechBelowModel(m.Capacity):
				state = "BELOW MODEL: " + state
			case !tot.Judged():
				state += " (not judged: less than half planned)"
			}
		}
		if tot.Unowned.Mid > 0 {
			state += fmt.Sprintf("; %s on items without a team", plan.Weeks(tot.Unowned.Mid))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", q, "all teams", plan.Weeks(tot.Capacity), plan.Weeks(tot.Plannable), tot.Committed.Range(),
			plan.Weeks(tot.ByFamily[0].Mid), plan.Weeks(tot.ByFamily[1].Mid), plan.Weeks(tot.ByFamily[2].Mid), strings.TrimPrefix(state, "; "))
	}
	tw.Flush()
	if c.Unscheduled > 0 {
		notes = append(notes, fmt.Sprintf("%s of planned work has no window yet and counts in no quarter", plan.Weeks(c.Unscheduled)))
	}
	if len(notes) > 0 {
		b.WriteString("\n")
		for _, n := range notes {
			b.WriteString(n + "\n")
		}
	}
}

// bucket writes a bucket's committed midpoint against the model: "12/9".
func bucket(committed, model float64) string {
	return plan.Num(plan.Round1(committed)) + "/" + plan.Num(plan.Round1(model))
}

// The JSON shape of `roadmapgen plan --format json`.
type (
	planJSON struct {
		Format         string         `json:"format"`
		Title          string         `json:"title"`
		Now            string         `json:"now,omitempty"`
		Prioritization string         `json:"prioritization"`
		ValueUnit      string         `json:"value_unit,omitempty"`
		Ranked         []rankedJSON   `json:"ranked"`
		Capacity       capacityJSON   `json:"capacity"`
		Model          map[string]int `json:"model"`
	}
	rankedJSON struct {
		Rank           int         `json:"rank"`
		ID             string      `json:"id"`
		Title          string      `json:"title"`
		Kind           string      `json:"kind"`
		Family         string      `json:"family"`
		Horizon        string      `json:"horizon"`
		Window         string      `json:"window,omitempty"`
		Estimate       *rangeJSON  `json:"estimate,omitempty"`
		Team           string      `json:"team,omitempty"`
		Score          *float64    `json:"score,omitempty"`
		Formula        string      `json:"score_formula,omitempty"`
		UnscoredReason string      `json:"unscored_reason,omitempty"`
		Own            *float64    `json:"own_value,omitempty"`
		Value          float64     `json:"value"`
		Unblocks       []valueJSON `json:"unblocks,omitempty"`
	}
	valueJSON struct {
		ID    string  `json:"id"`
		Value float64 `json:"value"`
	}
	rangeJSON struct {
		Low  float64 `json:"low"`
		Mid  float64 `json:"mid"`
		High float64 `json:"high"`
	}
	capacityJSON struct {
		Quarters    []string    `json:"quarters"`
		Teams       []teamJSON  `json:"teams"`
		Totals      []totalJSON `json:"totals"`
		Unscheduled float64     `json:"unscheduled"`
		Buckets     []string    `json:"buckets"`
	}
	teamJSON struct {
		ID    string     `json:"id"`
		Title string     `json:"title"`
		Cells []cellJSON `json:"quarters"`
	}
	cellJSON struct {
		Quarter   string               `json:"quarter"`
		Capacity  float64              `json:"capacity"`
		Plannable float64              `json:"plannable"`
		Committed rangeJSON            `json:"committed"`
		Slipped   *rangeJSON           `json:"slipped,omitempty"`
		Buckets   map[string]rangeJSON `json:"buckets"`
		Model     map[string]float64   `json:"model"`
		Over      bool                 `json:"over"`
		AtRisk    bool                 `json:"at_risk"`
		State     string               `json:"state"`
		Defer     []string             `json:"defer,omitempty"`
	}
	totalJSON struct {
		Quarter        string               `json:"quarter"`
		Capacity       float64              `json:"capacity"`
		Plannable      float64              `json:"plannable"`
		Committed      rangeJSON            `json:"committed"`
		Slipped        *rangeJSON           `json:"slipped,omitempty"`
		Buckets        map[string]rangeJSON `json:"buckets"`
		Unowned        rangeJSON            `json:"unowned"`
		TechShare      *float64             `json:"tech_share,omitempty"`
		TechModel      *float64             `json:"tech_model,omitempty"`
		TechBelowModel bool                 `json:"tech_below_model"`
		Over           []string             `json:"over,omitempty"`
	}
)

// r2 rounds for the export: figures people compare, not float noise.
func r2(v float64) float64 { return math.Round(v*100) / 100 }

func loadJSON(l plan.Load) rangeJSON { return rangeJSON{r2(l.Low), r2(l.Mid), r2(l.High)} }

// slippedJSON is the part of a commitment that slipped from earlier
// quarters, nil (omitted) when none did.
func slippedJSON(l plan.Load) *rangeJSON {
	if l == (plan.Load{}) {
		return nil
	}
	j := loadJSON(l)
	return &j
}

func writePlanJSON(w io.Writer, p *plan.Plan) error {
	m := p.Model
	out := planJSON{Format: "roadmapgen-plan/1", Title: m.Title, Prioritization: string(m.Prioritization), ValueUnit: m.ValueUnit,
		Ranked: []rankedJSON{},
		Model:  map[string]int{"product": m.Capacity.Product, "tech": m.Capacity.Tech, "innovation": m.Capacity.Innovation, "buffer": m.Capacity.Buffer}}
	if m.Now != 0 {
		out.Now = m.Now.String()
	}
	for _, e := range p.Ranked {
		it := e.Item
		r := rankedJSON{Rank: e.Rank, ID: it.ID, Title: it.Title, Kind: string(it.Kind), Family: string(it.Family), Horizon: string(it.Horizon),
			Window: it.Window.Text, Formula: e.Formula, UnscoredReason: e.Missing, Value: r2(e.Value)}
		if !it.Estimate.IsZero() {
			r.Estimate = &rangeJSON{it.Estimate.Low, r2(it.Estimate.Mid()), it.Estimate.High}
		}
		if it.Team != nil {
			r.Team = it.Team.ID
		}
		if e.Scored {
			s := r2(e.Score)
			r.Score = &s
		}
		if e.HasOwn {
			o := r2(e.Own)
			r.Own = &o
		}
		for _, pt := range e.Parts {
			r.Unblocks = append(r.Unblocks, valueJSON{pt.Entry.Item.ID, r2(pt.Value)})
		}
		out.Ranked = append(out.Ranked, r)
	}
	c := p.Capacity
	fams := model.Families()
	out.Capacity = capacityJSON{Quarters: []string{}, Teams: []teamJSON{}, Totals: []totalJSON{}, Unscheduled: r2(c.Unscheduled)}
	for _, f := range fams {
		out.Capacity.Buckets = append(out.Capacity.Buckets, string(f))
	}
	for _, q := range c.Quarters {
		out.Capacity.Quarters = append(out.Capacity.Quarters, q.String())
	}
	for _, tl := range c.Teams {
		tj := teamJSON{ID: tl.Team.ID, Title: tl.Team.Title, Cells: []cellJSON{}}
		for _, cell := range tl.Cells {
			cj := cellJSON{Quarter: cell.Quarter.String(), Capacity: r2(cell.Capacity), Plannable: r2(cell.Plannable), Committed: loadJSON(cell.Committed),
				Slipped: slippedJSON(cell.Slipped), Buckets: map[string]rangeJSON{}, Model: map[string]float64{}, Over: cell.Over(), AtRisk: cell.AtRisk(), State: cell.State()}
			for i, f := range fams {
				cj.Buckets[string(f)] = loadJSON(cell.ByFamily[i])
				cj.Model[string(f)] = r2(cell.Model[i])
			}
			for _, e := range cell.Defer {
				cj.Defer = append(cj.Defer, e.Item.ID)
			}
			tj.Cells = append(tj.Cells, cj)
		}
		out.Capacity.Teams = append(out.Capacity.Teams, tj)
	}
	for _, tot := range c.Totals {
		tj := totalJSON{Quarter: tot.Quarter.String(), Capacity: r2(tot.Capacity), Plannable: r2(tot.Plannable), Committed: loadJSON(tot.Committed),
			Slipped: slippedJSON(tot.Slipped), Buckets: map[string]rangeJSON{}, Unowned: loadJSON(tot.Unowned), TechBelowModel: tot.TechBelowModel(m.Capacity)}
		for i, f := range fams {
			tj.Buckets[string(f)] = loadJSON(tot.ByFamily[i])
		}
		if share, target, ok := tot.TechShare(m.Capacity); ok {
			s, t := r2(share), r2(target)
			tj.TechShare, tj.TechModel = &s, &t
		}
		for _, cell := range tot.Over {
			tj.Over = append(tj.Over, cell.Team.ID)
		}
		out.Capacity.Totals = append(out.Capacity.Totals, tj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
