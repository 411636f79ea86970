package main

import (
	"context"
	"errors"
	"io"
)

// runVersion is provided by its own issue; until it lands the command says so.
func runVersion(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("version: not implemented yet")
}
