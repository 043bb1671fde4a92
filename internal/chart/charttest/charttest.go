// Package charttest holds what the tests that compare Go-drawn pictures
// with the former html/template partial share.
package charttest

import "strings"

// MinifiedSVGCase undoes the one change the template minifier made to
// the reference partial: it lower-cased the camelCase attribute names of
// <pattern> and <marker>, which sit in a define of their own outside any
// <svg> tag, so the HTML minifier took them for HTML attributes. An HTML
// parser puts the case back (the HTML standard's "adjust SVG attributes"
// step), so the pages read the same either way; the Go writer writes
// SVG's spelling.
var MinifiedSVGCase = strings.NewReplacer(
	` patternunits="`, ` patternUnits="`,
	` patterntransform="`, ` patternTransform="`,
	` viewbox="`, ` viewBox="`,
	` refx="`, ` refX="`,
	` refy="`, ` refY="`,
	` markerwidth="`, ` markerWidth="`,
	` markerheight="`, ` markerHeight="`,
	` markerunits="`, ` markerUnits="`,
)
