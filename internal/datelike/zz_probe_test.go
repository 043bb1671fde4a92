package datelike

import (
	"bufio"
	"fmt"
	"os"
	"testing"
)

// TestProbe prints FindAll for each line of $PROBE.
func TestProbe(t *testing.T) {
	p := os.Getenv("PROBE")
	if p == "" {
		t.Skip()
	}
	f, _ := os.Open(p)
	defer f.Close()
	d := New()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		var out []string
		for _, m := range d.FindAll(l) {
			out = append(out, fmt.Sprintf("%s %q", m.Kind, m.Text))
		}
		fmt.Printf("%-40q => %v\n", l, out)
	}
}
