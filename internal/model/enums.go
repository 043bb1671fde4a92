package model

// Kind is what sort of work an item is.
type Kind string

// The kinds of item.
const (
	KindFeature        Kind = "feature"
	KindResearch       Kind = "research"
	KindPlatform       Kind = "platform"
	KindInfrastructure Kind = "infrastructure"
	KindTechDebt       Kind = "tech-debt"
	KindSecurity       Kind = "security"
)

// Kinds lists every kind in the order the README documents them.
func Kinds() []string {
	return []string{"feature", "research", "platform", "infrastructure", "tech-debt", "security"}
}

// Family groups kinds into the capacity buckets of the allocation model.
type Family string

// The families, named like the keys of [capacity].
const (
	FamilyProduct    Family = "product"
	FamilyTech       Family = "tech"
	FamilyInnovation Family = "innovation"
)

// Families lists the families in display order.
func Families() []Family { return []Family{FamilyProduct, FamilyTech, FamilyInnovation} }

// Family returns the capacity bucket of k: features are product work,
// research is innovation, everything else is technical work.
func (k Kind) Family() Family {
	switch k {
	case KindFeature:
		return FamilyProduct
	case KindResearch:
		return FamilyInnovation
	}
	return FamilyTech
}

// Horizon is how soon an item is planned.
type Horizon string

// The horizons, and shipped for done work.
const (
	HorizonNow     Horizon = "now"
	HorizonNext    Horizon = "next"
	HorizonLater   Horizon = "later"
	HorizonShipped Horizon = "shipped"
)

// Horizons lists the horizons in board order.
func Horizons() []string { return []string{"now", "next", "later", "shipped"} }

// Rank orders planned horizons: shipped 0, now 1, next 2, later 3.
func (h Horizon) Rank() int {
	switch h {
	case HorizonNow:
		return 1
	case HorizonNext:
		return 2
	case HorizonLater:
		return 3
	}
	return 0
}

// DefaultConfidence is the confidence an item has unless it says otherwise:
// the further out, the less certain.
func (h Horizon) DefaultConfidence() Confidence {
	switch h {
	case HorizonNext:
		return ConfidenceMedium
	case HorizonLater:
		return ConfidenceLow
	}
	return ConfidenceHigh
}

// Status is how delivery is going.
type Status string

// The statuses.
const (
	StatusOnTrack Status = "on-track"
	StatusAtRisk  Status = "at-risk"
	StatusBlocked Status = "blocked"
)

// Statuses lists the statuses.
func Statuses() []string { return []string{"on-track", "at-risk", "blocked"} }

// Confidence is how sure the plan is about an item or theme.
type Confidence string

// The confidence levels.
const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
)

// Confidences lists the confidence levels.
func Confidences() []string { return []string{"high", "medium", "low"} }

// MoSCoW is release scoping.
type MoSCoW string

// MoSCoWs lists the values of moscow ("" when unset).
func MoSCoWs() []string { return []string{"must", "should", "could", "wont"} }

// Visibility says whether an item may reach the public page.
type Visibility string

// The visibilities; internal is the default.
const (
	VisibilityInternal Visibility = "internal"
	VisibilityPublic   Visibility = "public"
)

// Visibilities lists the visibilities.
func Visibilities() []string { return []string{"internal", "public"} }

// Period is how often the roadmap is reviewed.
type Period string

// Periods lists the review periods.
func Periods() []string { return []string{"month", "quarter", "half"} }

// Months returns the length of the period in months.
func (p Period) Months() int {
	switch p {
	case "month":
		return 1
	case "quarter":
		return 3
	case "half":
		return 6
	}
	return 0
}

// Framework is the one prioritization framework of a roadmap.
type Framework string

// The frameworks.
const (
	FrameworkWSJF Framework = "wsjf"
	FrameworkRICE Framework = "rice"
)

// Frameworks lists the frameworks.
func Frameworks() []string { return []string{"wsjf", "rice"} }
