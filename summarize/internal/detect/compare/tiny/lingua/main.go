// Command lingua detects with lingua-go in low-accuracy mode, restricted to
// a few languages (binary-size delta: lingua embeds every model whatever
// the restriction).
package main

import (
	"fmt"
	"os"

	"github.com/pemistahl/lingua-go"
)

func main() {
	d := lingua.NewLanguageDetectorBuilder().FromLanguages(lingua.English, lingua.French, lingua.German).WithLowAccuracyMode().Build()
	fmt.Println(d.DetectLanguageOf(os.Args[0]))
}
