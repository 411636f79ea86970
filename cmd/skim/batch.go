package main

import (
	"context"
	"errors"
	"io"
)

// runBatch is provided by its own issue; until it lands the command says so.
func runBatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("batch: not implemented yet")
}
