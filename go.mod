module github.com/skimhq/skim

go 1.26.0

require (
	github.com/kljensen/snowball v0.10.0
	gopkg.in/neurosnap/sentences.v1 v1.0.7
)

require github.com/neurosnap/sentences v1.0.6 // indirect
