// Command base is the empty program the binary-size deltas are taken from.
package main

import (
	"fmt"
	"os"
)

func main() { fmt.Println(len(os.Args)) }
