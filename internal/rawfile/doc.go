// Package rawfile reads and creates the files of one folder by name with
// system calls alone, for the build's hot paths: reading every item file
// and making every item page. Package os makes each file it opens
// pollable (an epoll_ctl that fails for a regular file), tracks it for
// the collector and locks it around each call, about a microsecond and a
// half of the three a small file takes to read.
//
// A Dir is opened through an os.Root, and names are single path
// elements opened without following links, so nothing it opens is
// outside the root. Read declines whatever is not a plain regular file
// within its size, for the caller to read through os and tell what is
// wrong. On systems other than Linux, Open returns nil and callers use os.
package rawfile
