package cli

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestToday(t *testing.T) {
	env := func(m map[string]string) Env { return func(k string) string { return m[k] } }
	tests := []struct {
		name, flag string
		env        map[string]string
		want       string
		err        string
	}{
		{name: "flag wins", flag: "2026-11-21", env: map[string]string{"SOURCE_DATE_EPOCH": "0"}, want: "2026-11-21"},
		{name: "SOURCE_DATE_EPOCH", env: map[string]string{"SOURCE_DATE_EPOCH": "1830297600"}, want: "2028-01-01"},
		{name: "SOURCE_DATE_EPOCH late in the day is that day in UTC", env: map[string]string{"SOURCE_DATE_EPOCH": "1830383999"}, want: "2028-01-01"},
		{name: "bad flag", flag: "2026-13-01", err: `invalid --today "2026-13-01": expected YYYY-MM-DD`},
		{name: "bad epoch", env: map[string]string{"SOURCE_DATE_EPOCH": "1.5"}, err: `invalid SOURCE_DATE_EPOCH "1.5"`},
	}
	for _, tt := range tests {
		got, err := today(tt.flag, env(tt.env))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err %v, want %s", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || got.Format(time.DateOnly) != tt.want || got.Location() != time.UTC {
			t.Errorf("%s: got %v, %v; want %s UTC", tt.name, got, err, tt.want)
		}
	}
	// Without either, the clock: today's date in UTC, at midnight.
	got, err := today("", env(nil))
	if now := time.Now().UTC(); err != nil || got.Year() != now.Year() || got.YearDay() != now.YearDay() && got.YearDay() != now.YearDay()-1 || got.Hour() != 0 {
		t.Errorf("clock: %v, %v", got, err)
	}
}

func TestRunRoutesCommands(t *testing.T) {
	var out, errOut strings.Builder
	if code := Run(context.Background(), []string{"version"}, &out, &errOut, func(string) string { return "" }); code != ExitOK || !strings.HasPrefix(out.String(), "roadmapgen ") {
		t.Errorf("version: %d %q", code, out.String())
	}
	out.Reset()
	if code := Run(context.Background(), []string{"help", "check"}, &out, &errOut, func(string) string { return "" }); code != ExitOK || !strings.Contains(out.String(), "--source DIR") {
		t.Errorf("help check: %d %q", code, out.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	errOut.Reset()
	if code := Run(ctx, []string{"check", "--source", "../../content"}, &out, &errOut, func(string) string { return "" }); code != ExitProblems || !strings.Contains(errOut.String(), "interrupted") {
		t.Errorf("cancelled check: %d %q", code, errOut.String())
	}
}
