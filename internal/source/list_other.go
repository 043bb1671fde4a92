//go:build !unix

package source

import (
	"io/fs"
	"os"
)

// listDir lists the folder name of root, sorted by name, as fs.ReadDir
// of root.FS() does.
func listDir(root *os.Root, name string) ([]fs.DirEntry, error) {
	return fs.ReadDir(root.FS(), name)
}
