//go:build unix

package write

import (
	"io/fs"
	"os"
	"runtime"
	"syscall"
)

// rawDir is a folder of many files (items/) opened for creating its
// files with system calls alone: package os makes each file it opens
// pollable (an epoll_ctl that fails for a regular file), tracks it for
// the collector and locks it around each call, about a microsecond of
// every file. build opens one through the folder's os.Root.
type rawDir struct {
	f  *os.File // keeps fd open
	fd int
}

// openRawDir opens in's folder for rawDir.create; nil if it cannot.
func openRawDir(in *os.Root) *rawDir {
	f, err := in.Open(".")
	if err != nil {
		return nil
	}
	return &rawDir{f: f, fd: int(f.Fd())}
}

// close closes the folder.
func (d *rawDir) close() { d.f.Close() }

// create creates the file name (one path element) in the folder, as
// os.Root.OpenFile does with O_WRONLY|O_CREATE|O_EXCL: never through a
// link, never over a file that exists.
func (d *rawDir) create(name string) (outFile, error) {
	fd, err := syscall.Openat(d.fd, name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o644)
	runtime.KeepAlive(d.f)
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	return &rawFile{fd: fd, name: name}, nil
}

// rawFile is a file rawDir.create made.
type rawFile struct {
	fd   int
	name string
}

// Write writes all of p, as (*os.File).Write does.
func (f *rawFile) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := syscall.Write(f.fd, p[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "write", Path: f.name, Err: err}
		}
		n += m
	}
	return n, nil
}

// Close closes the file.
func (f *rawFile) Close() error {
	if err := syscall.Close(f.fd); err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
