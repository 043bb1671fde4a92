//go:build !linux

package rawfile

import (
	"errors"
	"os"
)

// Dir reads and creates a folder's files with system calls alone on
// Linux; here Open gives none, and callers go through os.
type Dir struct{}

// Open returns nil: there is no raw access here.
func Open(*os.Root) *Dir { return nil }

// Close does nothing.
func (*Dir) Close() error { return nil }

// Read reads nothing.
func (*Dir) Read(string, int64) ([]byte, bool) { return nil, false }

// Create creates nothing.
func (*Dir) Create(string) (*File, error) { return nil, errors.ErrUnsupported }

// File is never made here.
type File struct{}

// Write writes nothing.
func (*File) Write([]byte) (int, error) { return 0, errors.ErrUnsupported }

// Close does nothing.
func (*File) Close() error { return nil }
