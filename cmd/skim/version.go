package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/skimhq/skim/api"
)

// version is the release version, set at build time with
// -ldflags "-X main.version=v1.2.3".
var version = "dev"

// commit overrides the VCS revision recorded by the Go toolchain, for
// builds without VCS stamping: -ldflags "-X main.commit=abc123".
var commit = ""

// versionInfo describes this binary: the version, the commit (from the
// build's vcs.revision, "-dirty" when the tree was modified) and the Go
// version.
func versionInfo() api.VersionInfo {
	v := api.VersionInfo{Version: version, Commit: commit, GoVersion: runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		var revision, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if v.Commit == "" && revision != "" {
			v.Commit = revision
			if modified == "true" {
				v.Commit += "-dirty"
			}
		}
		if v.Version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v.Version = info.Main.Version // go install module@version
		}
	}
	if v.Commit == "" {
		v.Commit = "unknown"
	}
	return v
}

// runVersion prints the version information as JSON, the same document as
// GET /version, or only the version with --short.
func runVersion(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, _ func(string) string) error {
	fs := newFlagSet("version", "[--short]", "Prints the version, commit and Go version as JSON, as GET /version does.", stderr)
	short := fs.Bool("short", false, "print only the version")
	operands, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(operands) > 0 {
		return usageError(fs, "unexpected argument %q", operands[0])
	}
	v := versionInfo()
	if *short {
		_, err := fmt.Fprintln(stdout, v.Version)
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write version: %w", err)
	}
	return nil
}
