//go:build !unix

package source

// openNonblock is 0 where package os does not set the mode itself.
const openNonblock = 0
