//go:build unix

package source

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipesAreRefused: opening a named pipe waits for a writer, so a
// pipe reached through a link in items/, or standing as roadmap.toml,
// must be refused before it is opened, not hang the load.
func TestNamedPipesAreRefused(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, src string)
		want  string
	}{
		{"a link in items to a pipe", func(t *testing.T, src string) {
			mkfifo(t, filepath.Join(src, "pipe"))
			symlinkOrSkip(t, filepath.Join("..", "pipe"), filepath.Join(src, "items", "linked.md"))
		}, "items/linked.md: symbolic link to something other than a file"},
		{"a pipe in items", func(t *testing.T, src string) {
			mkfifo(t, filepath.Join(src, "items", "pipe.md"))
		}, ""},
		{"roadmap.toml is a pipe", func(t *testing.T, src string) {
			mkfifo(t, filepath.Join(src, "roadmap.toml"))
		}, "roadmap.toml: not a regular file"},
		{"roadmap.toml links to a pipe", func(t *testing.T, src string) {
			mkfifo(t, filepath.Join(src, "pipe"))
			symlinkOrSkip(t, "pipe", filepath.Join(src, "roadmap.toml"))
		}, "roadmap.toml: not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			files := map[string]string{"items/a.md": okItem}
			if !strings.HasPrefix(tt.name, "roadmap.toml") {
				files["roadmap.toml"] = "title = \"T\"\n"
			}
			writeTree(t, src, files)
			tt.setup(t, src)
			done := make(chan []string, 1)
			go func() {
				_, msgs := load(t, src)
				done <- msgs
			}()
			select {
			case msgs := <-done:
				found := tt.want == ""
				for _, m := range msgs {
					found = found || strings.HasPrefix(m, tt.want)
				}
				if !found {
					t.Errorf("no %q among:\n%s", tt.want, strings.Join(msgs, "\n"))
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the load is still waiting on the pipe")
			}
		})
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("named pipes are not available here: %v", err)
	}
}
