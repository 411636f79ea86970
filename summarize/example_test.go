package summarize_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/skimhq/skim/summarize"
)

const exampleArticle = `Council approves harbour bridge

The city council voted on Tuesday to build a second bridge across the harbour, ending ten years of debate.
The bridge will carry trams, bicycles and pedestrians, but no private cars.
Construction is due to start next spring and to last three years.
Opponents said the council had ignored the cost, which has doubled since the first plan.
The mayor said the bridge would cut the journey from the northern suburbs by half.`

// A Summarizer is built once and shared: it loads a language's models on
// its first document in that language.
func ExampleNew() {
	s, err := summarize.New(summarize.Config{})
	if err != nil {
		panic(err)
	}
	_, err = s.Summarize(context.Background(), summarize.Document{Text: exampleArticle},
		summarize.Options{Language: "tlh"})
	fmt.Println(errors.Is(err, summarize.ErrUnsupportedLanguage))
	// Output: true
}

func ExampleSummarizer_Summarize() {
	s, err := summarize.New(summarize.Config{})
	if err != nil {
		panic(err)
	}
	sum, err := s.Summarize(context.Background(), summarize.Document{Text: exampleArticle},
		summarize.Options{Sentences: 2, Keywords: 3, Language: "en"})
	if err != nil {
		panic(err)
	}
	fmt.Println("title:", sum.Title)
	for _, sent := range sum.Sentences {
		fmt.Printf("%d: %s\n", sent.Index, sent.Text)
	}
	for _, k := range sum.Keywords {
		fmt.Println("keyword:", k.Term)
	}
	// Output:
	// title: Council approves harbour bridge
	// 0: The city council voted on Tuesday to build a second bridge across the harbour, ending ten years of debate.
	// 1: The bridge will carry trams, bicycles and pedestrians, but no private cars.
	// keyword: bridge
	// keyword: council
	// keyword: city
}

func ExampleSummarizer_Rank() {
	s, err := summarize.New(summarize.Config{})
	if err != nil {
		panic(err)
	}
	ranked, err := s.Rank(context.Background(), summarize.Document{Text: exampleArticle},
		summarize.Options{Sentences: 2, Language: "en"})
	if err != nil {
		panic(err)
	}
	// Every candidate sentence, best first: a summary of any length is a
	// prefix of this order.
	for _, sent := range ranked {
		fmt.Printf("%d: %s...\n", sent.Index, strings.Join(strings.Fields(sent.Text)[:4], " "))
	}
	// Output:
	// 0: The city council voted...
	// 1: The bridge will carry...
	// 4: The mayor said the...
	// 3: Opponents said the council...
	// 2: Construction is due to...
}
