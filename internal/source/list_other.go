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

// rawDir reads a folder's files with system calls alone where there are
// unix ones; here it reads none, and readFile reads them through os.
type rawDir struct{}

func openRawDir(*os.Root) *rawDir { return nil }

func (*rawDir) close() {}

func (*rawDir) read(string) ([]byte, bool) { return nil, false }
