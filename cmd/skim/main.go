// Command skim summarizes articles: one at a time, as an HTTP service, over
// whole archives, and against reference summaries for evaluation.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var exit exitError
		if errors.As(err, &exit) {
			os.Exit(exit.code)
		}
		fmt.Fprintln(os.Stderr, "skim:", err)
		os.Exit(1)
	}
}

// exitError ends the program with a status code after the command has
// already reported what went wrong.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// command is one subcommand of skim.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() map[string]command {
	return map[string]command{
		"summarize":   {"summarize one article from a file or stdin", runSummarize},
		"serve":       {"run the HTTP API and the demo page", runServe},
		"batch":       {"summarize an archive (JSONL, folder of .txt, BBC layout) to JSONL", runBatch},
		"eval":        {"score skim and baselines with ROUGE against reference summaries", runEval},
		"idf":         {"build a corpus IDF table for --idf", runIDF},
		"version":     {"print version information", runVersion},
		"healthcheck": {"GET /healthz of a running server (for container health checks)", runHealthcheck},
	}
}

// run is the whole program, with its dependencies made explicit for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return exitError{2}
		}
		return nil
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		usage(stderr, cmds)
		return fmt.Errorf("unknown command %q", args[0])
	}
	return cmd.run(ctx, args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage: skim <command> [flags]\n\ncommands:")
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %s\n", name, cmds[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'skim <command> -h' for the flags of a command.")
}
