package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/skimhq/skim/api"
)

// runLanguages lists the supported languages and what skim has for each,
// as a table or, with --format json, as GET /languages does.
func runLanguages(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, _ func(string) string) error {
	fs := newFlagSet("languages", "[--format text|json]",
		"Lists the supported languages: code, name, sentence splitter, stemmer, stop-word sources and whether a page-chrome list exists. Without --language (or with auto) skim detects the language from the text.", stderr)
	format := fs.String("format", "text", "text (a table) or json (the body of GET /languages)")
	operands, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(operands) > 0 {
		return usageError(fs, "unexpected argument %q", operands[0])
	}
	list := api.ListLanguages()
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			return fmt.Errorf("write languages: %w", err)
		}
		return nil
	case "text":
	default:
		return usageError(fs, "unknown format %q (want text or json)", *format)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tSPLITTER\tSTEMMER\tTERMS\tSTOP WORDS\tCHROME")
	for _, l := range list.Languages {
		chrome := "no"
		if l.Chrome {
			chrome = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s (%s)\t%s\t%s\t%s\t%s\t%s\n", l.Code, l.Name, l.Native, l.Splitter, l.Stemmer, l.Terms, strings.Join(l.StopWords, ", "), chrome)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write languages: %w", err)
	}
	_, err = fmt.Fprintf(stdout, "%d languages; without --language, or with auto, the language is detected from the text.\n", len(list.Languages))
	return err
}
