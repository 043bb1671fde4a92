package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"github.com/roadmapgen/roadmapgen/internal/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	fs := newFlags("serve", "serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--theme DIR] [--today YYYY-MM-DD]", stderr)
	src := fs.String("source", "content", "read the roadmap source from `DIR` and watch it")
	bind := fs.String("bind", "127.0.0.1", "listen on the interface with `ADDRESS` (the internal views are not for the network: keep the loopback default)")
	port := fs.String("port", "1313", "listen on TCP `PORT` (0: any free port; the address is printed)")
	themeDir := fs.String("theme", "", "override theme files with those in `DIR` (default: a themes/ folder beside the source folder, if there is one)")
	todayFlag := fs.String("today", "", "judge reviews as of `YYYY-MM-DD` instead of SOURCE_DATE_EPOCH or the clock")
	if code, stop := parse(fs, args); stop {
		return code
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "roadmapgen serve: "+format+"\n", a...)
		return ExitUsage
	}
	if n, err := strconv.Atoi(*port); err != nil || n < 0 || n > 65535 {
		return fail("invalid --port %q: expected a number from 0 to 65535", *port)
	}
	if net.ParseIP(*bind) == nil && *bind != "localhost" {
		return fail("invalid --bind %q: expected an IP address such as 127.0.0.1", *bind)
	}
	day, err := today(*todayFlag, env)
	if err != nil {
		return fail("%v", err)
	}
	if err := isFolder(*src); err != nil {
		return fail("%v", err)
	}
	if *themeDir == "" {
		beside := filepath.Join(filepath.Dir(filepath.Clean(*src)), "themes")
		if info, err := os.Stat(beside); err == nil && info.IsDir() {
			*themeDir = beside
		}
	} else if err := isThemeFolder(*themeDir); err != nil {
		fmt.Fprintf(stderr, "roadmapgen serve: %v\n", err) // a theme that cannot be used: exit 1, as in theme.Load
		return ExitProblems
	}

	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, *port))
	if err != nil {
		fmt.Fprintf(stderr, "roadmapgen serve: %v (is another server using the port? try --port 0)\n", err)
		return ExitProblems
	}
	srv, err := serve.New(serve.Options{Source: *src, Theme: *themeDir, Today: day, Log: stdout})
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "roadmapgen serve: %v\n", err)
		return ExitProblems
	}
	addr := ln.Addr().(*net.TCPAddr)
	host := *bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	base := "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port))
	fmt.Fprintf(stdout, "serving %s: internal views at %s/ and a preview of the public page at %s/public/\n", *src, base, base)
	if ip := net.ParseIP(*bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "roadmapgen serve: warning: listening on %s: anyone who can reach this machine sees the internal views\n", *bind)
	}
	fmt.Fprintln(stdout, "watching for changes; press Ctrl-C to stop")
	// Run builds first; requests wait for that build.
	if err := srv.Run(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "roadmapgen serve: %v\n", err)
		return ExitProblems
	}
	fmt.Fprintln(stdout, "stopped")
	return ExitOK
}
