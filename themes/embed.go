// Package themes holds roadmapgen's default theme, embedded in the binary so
// that `go install` alone gives a working tool. The theme is the folder
// default/: html/template layouts, partials and assets (CSS).
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default returns the default theme's files, rooted at the theme folder
// (layouts/, partials/, assets/).
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // cannot happen: the folder is embedded above
	}
	return sub
}
