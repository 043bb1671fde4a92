//go:build !unix

package cli

import (
	"runtime/debug"
	"time"
)

// settle collects what earlier runs left in the heap and gives its memory
// back to the system, as the unix one does; there is no sync(2) here.
func settle() { debug.FreeOSMemory() }

// cpuTime is 0 where getrusage(2) is not at hand: the benchmarks then
// report no CPU time.
func cpuTime() time.Duration { return 0 }
