// Command gen writes a synthetic roadmap for benchmarks and experiments:
//
//	go run ./internal/gen/cmd/gen -items 10000 -seed 1 -out /tmp/big
//	go run ./cmd/roadmapgen build --source /tmp/big --out /tmp/big-dist
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/roadmapgen/roadmapgen/internal/gen"
)

func main() {
	items := flag.Int("items", 1000, "number of items")
	seed := flag.Uint64("seed", 1, "seed: the same seed writes the same files")
	canaries := flag.Bool("canaries", false, "put a canary token into every internal field")
	out := flag.String("out", "", "folder to write the site into (required; must not exist)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-items N] [-seed S] [-canaries]")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gen: %s already exists; choose a new folder\n", *out)
		os.Exit(1)
	}
	res, err := gen.Write(*out, gen.Options{Seed: *seed, Items: *items, Canaries: *canaries})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d items (%d public), %d files, %.1f MB\n",
		*out, res.Items, res.PublicItems, len(res.Files), float64(res.Bytes)/1e6)
}
