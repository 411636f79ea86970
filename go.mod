module github.com/skimhq/skim

go 1.26.0

require (
	github.com/kljensen/snowball v0.10.0
	github.com/schollz/progressbar/v3 v3.19.1
	golang.org/x/term v0.46.0
	gopkg.in/neurosnap/sentences.v1 v1.0.7
)

require (
	github.com/mitchellh/colorstring v0.0.0-20190213212951-d06e56a500db // indirect
	github.com/neurosnap/sentences v1.0.6 // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	golang.org/x/sys v0.48.0 // indirect
)
