// Command skim summarizes articles: one at a time, as an HTTP service, over
// whole archives, and against reference summaries for evaluation.
//
// Every command parses its flags as the Go tools do: flags may come before
// or after the operands, -h and --help print the usage and exit 0, and bad
// usage exits 2.
//
// Exit statuses, distinct so that a scheduler can tell what a retry would
// do: 0 success; 1 the command ran and failed on its input (skim batch:
// finished, with failed records); 2 bad usage or configuration; 3 a fatal
// input or output error (the input or output file could not be opened,
// read or written), which a retry may not meet again; 130 interrupted.
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
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	if err != nil {
		var exit exitError
		if !errors.As(err, &exit) {
			fmt.Fprintln(os.Stderr, "skim:", err)
		}
		os.Exit(exitStatus(err))
	}
}

// The exit statuses of skim (see the package comment).
const (
	exitFailed      = 1
	exitUsage       = 2
	exitIO          = 3
	exitInterrupted = 130
)

// exitError ends the program with a status code after the command has
// already reported what went wrong.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// statusError is an error to report that ends the program with a status
// other than exitFailed.
type statusError struct {
	code int
	err  error
}

func (e statusError) Error() string { return e.err.Error() }
func (e statusError) Unwrap() error { return e.err }

// ioFailure marks err as a fatal input or output error: exit status 3.
func ioFailure(err error) error { return statusError{exitIO, err} }

// usageFailure marks err as bad usage or configuration: exit status 2.
func usageFailure(err error) error { return statusError{exitUsage, err} }

// exitStatus is the exit status for the error a command returned.
func exitStatus(err error) int {
	var (
		exit   exitError
		status statusError
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.code
	case errors.As(err, &status):
		return status.code
	}
	return exitFailed
}

// commandFunc runs one subcommand. getenv replaces os.Getenv, so that the
// whole program's inputs are its arguments.
type commandFunc func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error

// command is one subcommand of skim.
type command struct {
	summary string
	run     commandFunc
}

func commands() map[string]command {
	return map[string]command{
		"summarize":   {"summarize one article from a file, a web page (HTML file or URL) or stdin", runSummarize},
		"extract":     {"print the article of a web page (HTML file or URL) without its menus and banners", runExtract},
		"serve":       {"run the HTTP API and the demo page", runServe},
		"batch":       {"summarize an archive (JSONL, folder of .txt/.html, WARC, BBC layout) to JSONL", runBatch},
		"eval":        {"score skim and baselines with ROUGE against reference summaries", runEval},
		"idf":         {"build a corpus IDF table for --idf", runIDF},
		"languages":   {"list the supported languages and what skim has for each", runLanguages},
		"version":     {"print version information", runVersion},
		"healthcheck": {"GET /healthz of a running server (for container health checks)", runHealthcheck},
	}
}

// run is the whole program, with its dependencies made explicit for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	cmds := commands()
	if len(args) == 0 {
		usage(stderr, cmds)
		return exitError{exitUsage}
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout, cmds)
		return nil
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		usage(stderr, cmds)
		return usageFailure(fmt.Errorf("unknown command %q", args[0]))
	}
	err := cmd.run(ctx, args[1:], stdin, stdout, stderr, getenv)
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage: skim <command> [flags] [arguments]\n\ncommands:")
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %s\n", name, cmds[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'skim <command> -h' for the flags of a command.")
}
