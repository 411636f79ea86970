package main

import (
	"context"
	"errors"
	"io"
)

// runIDF is provided by its own issue; until it lands the command says so.
func runIDF(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return errors.New("idf: not implemented yet")
}
