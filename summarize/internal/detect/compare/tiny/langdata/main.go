// Command langdata uses the langdata table and its embedded data, as the
// summarizer does, so detect's own size is skim minus langdata.
package main

import (
	"fmt"
	"os"

	"github.com/skimhq/skim/summarize/internal/langdata"
)

func main() {
	l, ok := langdata.Lookup(os.Args[0])
	if ok {
		_, err := l.Punkt()
		fmt.Println(l.StopWords().Len(), err)
	}
}
