package main

import (
	"context"
	"errors"
	"io"
)

// runEval is provided by its own issue; until it lands the command says so.
func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("eval: not implemented yet")
}
