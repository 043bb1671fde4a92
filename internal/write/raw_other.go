//go:build !unix

package write

import "os"

// rawDir creates a folder's files with system calls alone where there
// are unix ones; here it creates none, and files are made through os.
type rawDir struct{}

func openRawDir(*os.Root) *rawDir { return nil }

func (*rawDir) close() {}

func (*rawDir) create(string) (outFile, error) { panic("write: no raw files here") }
