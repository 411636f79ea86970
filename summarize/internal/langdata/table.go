package langdata

import (
	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/tamil"
	"github.com/blevesearch/snowballstem/turkish"
)

// Sentence terminators by script family. '.', '!' and '?' end sentences in
// every script because mixed-script text (quotes, URLs, numbers) is common.
const (
	latinEnds  = ".!?…"
	arabicEnds = ".!?…؟۔" // U+061F ARABIC QUESTION MARK, U+06D4 ARABIC FULL STOP
	// Full-width and ideographic stops; U+FF61 is the half-width ideographic stop.
	cjkEnds        = ".!?…。！？．｡"
	devanagariEnds = ".!?…।॥"      // U+0964 DANDA, U+0965 DOUBLE DANDA
	greekEnds      = ".!?…;\u037e" // ';' and U+037E are the Greek question mark
)

// table is the one list of supported languages: adding a language is one
// entry here plus its data files under data/ (see data/NOTICE.md).
var table = []*Language{
	{spec: Spec{Code: "ar", Name: "Arabic", Native: "العربية", Scripts: []string{"Arabic"}, Terminators: arabicEnds, Snowball: "arabic"}, stem: arabic.Stem},
	{spec: Spec{Code: "bg", Name: "Bulgarian", Native: "български", Scripts: []string{"Cyrillic"}, Terminators: latinEnds}},
	{spec: Spec{Code: "ca", Name: "Catalan", Native: "català", Aliases: []string{"valencian", "valencià"}, Scripts: []string{"Latin"}, Terminators: latinEnds}},
	{spec: Spec{Code: "cs", Name: "Czech", Native: "čeština", Aliases: []string{"cesky", "česky"}, Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "czech", OrdinalDot: true}},
	{spec: Spec{Code: "da", Name: "Danish", Native: "dansk", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "danish", Snowball: "danish", OrdinalDot: true}, stem: danish.Stem},
	{spec: Spec{Code: "de", Name: "German", Native: "Deutsch", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "german", Snowball: "german", OrdinalDot: true}, stem: german.Stem},
	{spec: Spec{Code: "el", Name: "Greek", Native: "Ελληνικά", Scripts: []string{"Greek"}, Terminators: greekEnds, Punkt: "greek"}},
	{spec: Spec{Code: "en", Name: "English", Native: "English", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "english", Snowball: "english"}, stem: english.Stem},
	{spec: Spec{Code: "es", Name: "Spanish", Native: "español", Aliases: []string{"castellano", "castilian"}, Scripts: []string{"Latin"}, Terminators: latinEnds + "¡¿", Punkt: "spanish", Snowball: "spanish"}, stem: spanish.Stem},
	{spec: Spec{Code: "et", Name: "Estonian", Native: "eesti", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "estonian", OrdinalDot: true}},
	{spec: Spec{Code: "fa", Name: "Persian", Native: "فارسی", Aliases: []string{"farsi"}, Scripts: []string{"Arabic"}, Terminators: arabicEnds}},
	{spec: Spec{Code: "fi", Name: "Finnish", Native: "suomi", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "finnish", Snowball: "finnish", OrdinalDot: true}, stem: finnish.Stem},
	{spec: Spec{Code: "fr", Name: "French", Native: "français", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "french", Snowball: "french"}, stem: french.Stem},
	{spec: Spec{Code: "ga", Name: "Irish", Native: "Gaeilge", Aliases: []string{"irish gaelic"}, Scripts: []string{"Latin"}, Terminators: latinEnds, Snowball: "irish"}, stem: irish.Stem},
	{spec: Spec{Code: "hi", Name: "Hindi", Native: "हिन्दी", Aliases: []string{"हिंदी"}, Scripts: []string{"Devanagari"}, Terminators: devanagariEnds}},
	{spec: Spec{Code: "hu", Name: "Hungarian", Native: "magyar", Scripts: []string{"Latin"}, Terminators: latinEnds, Snowball: "hungarian"}, stem: hungarian.Stem},
	{spec: Spec{Code: "id", Name: "Indonesian", Native: "Indonesia", Aliases: []string{"bahasa indonesia", "bahasa"}, Scripts: []string{"Latin"}, Terminators: latinEnds}},
	{spec: Spec{Code: "it", Name: "Italian", Native: "italiano", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "italian", Snowball: "italian"}, stem: italian.Stem},
	{spec: Spec{Code: "ja", Name: "Japanese", Native: "日本語", Scripts: []string{"Han", "Hiragana", "Katakana"}, Unspaced: true, Terminators: cjkEnds}},
	{spec: Spec{Code: "ko", Name: "Korean", Native: "한국어", Scripts: []string{"Hangul", "Han"}, Terminators: cjkEnds}},
	{spec: Spec{Code: "nl", Name: "Dutch", Native: "Nederlands", Aliases: []string{"flemish", "vlaams"}, Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "dutch", Snowball: "dutch"}, stem: dutch.Stem},
	{spec: Spec{Code: "no", Name: "Norwegian", Native: "norsk", Aliases: []string{"nb", "nn", "nob", "nno", "bokmål", "bokmal", "norwegian bokmål", "nynorsk", "norwegian nynorsk", "norsk bokmål", "norsk nynorsk"}, Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "norwegian", Snowball: "norwegian"}, stem: norwegian.Stem},
	{spec: Spec{Code: "pl", Name: "Polish", Native: "polski", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "polish", OrdinalDot: true}},
	{spec: Spec{Code: "pt", Name: "Portuguese", Native: "português", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "portuguese", Snowball: "portuguese"}, stem: portuguese.Stem},
	{spec: Spec{Code: "ro", Name: "Romanian", Native: "română", Aliases: []string{"moldavian", "moldovan"}, Scripts: []string{"Latin"}, Terminators: latinEnds, Snowball: "romanian"}, stem: romanian.Stem},
	{spec: Spec{Code: "ru", Name: "Russian", Native: "русский", Scripts: []string{"Cyrillic"}, Terminators: latinEnds, Snowball: "russian"}, stem: russian.Stem},
	{spec: Spec{Code: "sl", Name: "Slovene", Native: "slovenščina", Aliases: []string{"slovenian"}, Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "slovene", OrdinalDot: true}},
	{spec: Spec{Code: "sv", Name: "Swedish", Native: "svenska", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "swedish", Snowball: "swedish"}, stem: swedish.Stem},
	{spec: Spec{Code: "ta", Name: "Tamil", Native: "தமிழ்", Scripts: []string{"Tamil"}, Terminators: latinEnds, Snowball: "tamil"}, stem: tamil.Stem},
	{spec: Spec{Code: "tr", Name: "Turkish", Native: "Türkçe", Scripts: []string{"Latin"}, Terminators: latinEnds, Punkt: "turkish", Snowball: "turkish", OrdinalDot: true}, stem: turkish.Stem},
	{spec: Spec{Code: "uk", Name: "Ukrainian", Native: "українська", Scripts: []string{"Cyrillic"}, Terminators: latinEnds}},
	{spec: Spec{Code: "vi", Name: "Vietnamese", Native: "Tiếng Việt", Aliases: []string{"tieng viet"}, Scripts: []string{"Latin"}, Terminators: latinEnds}},
	{spec: Spec{Code: "zh", Name: "Chinese", Native: "中文", Aliases: []string{"汉语", "漢語", "普通话", "mandarin", "cmn"}, Scripts: []string{"Han"}, Unspaced: true, Terminators: cjkEnds}},
}

// stemFunc is the signature of every generated Snowball stemmer.
type stemFunc = func(*snowball.Env) bool
