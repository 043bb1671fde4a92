//go:build unix

package cli

import (
	"syscall"
	"time"
)

// settle flushes what earlier runs left to write back, so that the disk
// work of one benchmark run is not charged to the next.
func settle() { syscall.Sync() }

// cpuTime is the CPU time, user and system, the process has used so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
