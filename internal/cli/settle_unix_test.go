//go:build unix

package cli

import "syscall"

// settle flushes what earlier runs left to write back, so that the disk
// work of one benchmark run is not charged to the next.
func settle() { syscall.Sync() }
