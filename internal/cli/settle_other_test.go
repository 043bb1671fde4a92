//go:build !unix

package cli

import "time"

// settle does nothing where there is no sync(2).
func settle() {}

// cpuTime is 0 where getrusage(2) is not at hand: the benchmarks then
// report no CPU time.
func cpuTime() time.Duration { return 0 }
