//go:build unix

package write

import "syscall"

// openNonblock opens regular files in non-blocking mode, which changes
// nothing for them, so that package os, which puts every file it opens in
// that mode before asking the poller to watch it, skips the four fcntl
// calls that set and clear it: one file open costs three system calls
// instead of seven (docs/performance.md).
const openNonblock = syscall.O_NONBLOCK
