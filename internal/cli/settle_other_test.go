//go:build !unix

package cli

// settle does nothing where there is no sync(2).
func settle() {}
