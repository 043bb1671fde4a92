//go:build unix

package source

import (
	"io/fs"
	"os"
	"syscall"
)

// listDir lists the folder name of root as fs.ReadDir of root.FS() does,
// sorted by name, without a stat of every entry. A folder opened through
// an os.Root stats each entry it lists (the root cannot trust the types
// a listing records); a File made from a copy of the same descriptor
// reads them as the directory records them, and stats only an entry
// whose type it does not record. At 10,000 item files that is 10,000
// system calls less, on the one goroutine that walks.
func listDir(root *os.Root, name string) ([]fs.DirEntry, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	syscall.ForkLock.RLock() // so that no exec inherits the copy
	fd, err := syscall.Dup(int(f.Fd()))
	if err == nil {
		syscall.CloseOnExec(fd)
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	d := os.NewFile(uintptr(fd), name)
	defer d.Close()
	return sortedEntries(d.ReadDir(-1))
}
