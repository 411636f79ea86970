// Command skim detects with skim's detect package (binary-size delta).
package main

import (
	"fmt"
	"os"

	"github.com/skimhq/skim/summarize/internal/detect"
)

func main() { fmt.Println(detect.Detect(os.Args[0])) }
