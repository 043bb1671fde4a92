//go:build unix

package cli

import (
	"runtime/debug"
	"syscall"
	"time"
)

// settle flushes what earlier runs left to write back, and collects what
// they left in the heap and gives its memory back to the system
// (debug.FreeOSMemory), so that neither the disk work nor the garbage of
// one benchmark run is charged to the next: each starts as a fresh
// process would.
func settle() {
	syscall.Sync()
	debug.FreeOSMemory()
}

// cpuTime is the CPU time, user and system, the process has used so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
