package main

import (
	"context"
	"errors"
	"io"
)

// runServe is provided by its own issue; until it lands the command says so.
func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("serve: not implemented yet")
}
