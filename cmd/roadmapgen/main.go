// Command roadmapgen builds multi-audience roadmap sites from one plan.
// See the README for its commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/roadmapgen/roadmapgen/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first Ctrl-C the command winds down; restoring the
		// default handler lets a second one end it at once.
		<-ctx.Done()
		stop()
	}()
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
