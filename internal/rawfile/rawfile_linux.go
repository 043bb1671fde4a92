//go:build linux

package rawfile

import (
	"io/fs"
	"os"
	"runtime"
	"syscall"
)

// Dir is a folder opened for reading and creating its files by name.
type Dir struct {
	f  *os.File // keeps fd open
	fd int
}

// Open opens root's own folder; nil where it cannot (or, on systems
// other than Linux, ever).
func Open(root *os.Root) *Dir {
	f, err := root.Open(".")
	if err != nil {
		return nil
	}
	return &Dir{f: f, fd: int(f.Fd())}
}

// Close closes the folder.
func (d *Dir) Close() error { return d.f.Close() }

// Read returns the contents of the regular file name (one path element)
// of the folder, opened without following a link, and whether it read
// them: any other case (a link, not a regular file, more than max bytes,
// a file that changed size while read, an error) is left to the caller's
// way through os, which can tell the problem.
func (d *Dir) Read(name string, max int64) ([]byte, bool) {
	fd, err := syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	runtime.KeepAlive(d.f)
	if err != nil {
		return nil, false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size > max {
		return nil, false
	}
	// One byte more than the size, so that a read that fills the buffer
	// shows a file that grew since fstat; one that stops at the size
	// has read it all.
	src := make([]byte, st.Size+1)
	n := 0
	for n < int(st.Size) {
		m, err := syscall.Read(fd, src[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || m == 0 {
			return nil, false // failed, or shrank
		}
		n += m
	}
	if n != int(st.Size) {
		return nil, false // grew
	}
	return src[:n], true
}

// Create creates the file name (one path element) in the folder, as
// os.Root.OpenFile does with O_WRONLY|O_CREATE|O_EXCL and mode 0644:
// never through a link, never over a file that exists.
func (d *Dir) Create(name string) (*File, error) {
	fd, err := syscall.Openat(d.fd, name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o644)
	runtime.KeepAlive(d.f)
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	return &File{fd: fd, name: name}, nil
}

// File is a file Create made.
type File struct {
	fd   int
	name string
}

// Write writes all of p, as (*os.File).Write does.
func (f *File) Write(p []byte) (int, error) {
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
func (f *File) Close() error {
	if err := syscall.Close(f.fd); err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
