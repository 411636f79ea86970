package detect

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/skimhq/skim/summarize/internal/langdata"
)

func sample(t *testing.T, code string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/samples/" + code + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestDetectSamples: every language of the table has a sample, and the
// sample (both paragraphs) is detected as its language.
func TestDetectSamples(t *testing.T) {
	t.Parallel()
	for _, code := range langdata.Codes() {
		t.Run(code, func(t *testing.T) {
			got, conf, ok := Detect(sample(t, code))
			if !ok || got != code {
				t.Errorf("Detect = %q, %.2f, %v; want %q", got, conf, ok, code)
			}
			if conf <= 0 || conf > 1 {
				t.Errorf("confidence %v outside (0, 1]", conf)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, want string
		ok               bool
	}{
		{"empty", "", "", false},
		{"digits and punctuation", "12 345 — 67,8 % (2024) !!!", "", false},
		{"chinese", "政府宣布了新的住房计划。", "zh", true},
		{"japanese kanji and kana", "政府は新たな対策を発表した。", "ja", true},
		{"japanese mostly kanji", "東京都知事選挙の投票率は過去最低となった。", "ja", true},
		{"korean", "정부는 새로운 대책을 발표했다.", "ko", true},
		{"greek", "Η κυβέρνηση ανακοίνωσε νέα μέτρα.", "el", true},
		{"hindi", "सरकार ने नई योजना की घोषणा की।", "hi", true},
		{"tamil", "அரசு புதிய திட்டத்தை அறிவித்தது.", "ta", true},
		{"hebrew is not supported", "הממשלה הודיעה היום על תוכנית חדשה לבניית דירות בערים הגדולות.", "", false},
		{"thai is not supported", "รัฐบาลประกาศแผนการใหม่ในวันอังคาร", "", false},
		{"catalan, unknown to whatlanggo", "El govern ha aprovat aquest dimarts un pla per millorar el transport públic a la ciutat, i els veïns diuen que també cal més espais verds.", "ca", true},
		{"bokmål is no", "Regjeringen la tirsdag fram et nytt forslag om å bygge flere boliger i de store byene, og det er ikke første gang.", "no", true},
		{"english with a chinese name", "The chairman of 华为 said on Tuesday that the company would open a new research centre in the city and hire more engineers.", "en", true},
		{"invalid utf-8 is skipped", "Le gouvernement a \xff\xfe présenté mardi un projet de loi pour les logements et les familles.", "fr", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := Detect(tt.text)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Detect(%.40q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestDetectReadsPrefixOnly: what follows PrefixBytes does not change the
// answer.
func TestDetectReadsPrefixOnly(t *testing.T) {
	t.Parallel()
	fr := strings.Repeat(sample(t, "fr"), 1+PrefixBytes/len(sample(t, "fr")))
	de := strings.Repeat(sample(t, "de"), 20)
	if got, _, _ := Detect(fr + de); got != "fr" {
		t.Errorf("Detect(French prefix + German) = %q, want fr", got)
	}
}

func TestDetectAllocs(t *testing.T) {
	text := strings.Repeat(sample(t, "en"), 4)
	Detect(text)
	if n := testing.AllocsPerRun(20, func() { Detect(text) }); n != 0 {
		t.Errorf("Detect allocates %v times per call, want 0", n)
	}
}

func TestPrefix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		max        int
		want       string
	}{
		{"short", "abc", 10, "abc"},
		{"cut at a space", "hello world again", 13, "hello world"},
		{"rune boundary", "ééééé", 5, "éé"},
		{"no space near", strings.Repeat("x", 100), 50, strings.Repeat("x", 50)},
		{"zero", "abc", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Prefix(tt.text, tt.max); got != tt.want {
				t.Errorf("Prefix(%q, %d) = %q, want %q", tt.text, tt.max, got, tt.want)
			}
		})
	}
}

func FuzzDetect(f *testing.F) {
	for _, code := range []string{"en", "fr", "zh", "ja", "ar", "ru"} {
		data, err := os.ReadFile("testdata/samples/" + code + ".txt")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("\xff\xfe\x00a")
	f.Add(strings.Repeat("a", 40))
	codes := langdata.Codes()
	f.Fuzz(func(t *testing.T, text string) {
		code, conf, ok := Detect(text)
		if ok != (code != "") {
			t.Fatalf("Detect = %q, ok %v", code, ok)
		}
		if ok && !slices.Contains(codes, code) {
			t.Fatalf("Detect = %q, not a supported code", code)
		}
		if conf < 0 || conf > 1 {
			t.Fatalf("confidence %v outside [0, 1]", conf)
		}
		for _, max := range []int{0, 1, 7, PrefixBytes} {
			p := Prefix(text, max)
			if len(p) > max && len(text) > max || !strings.HasPrefix(text, p) {
				t.Fatalf("Prefix(%q, %d) = %q", text, max, p)
			}
			if utf8.ValidString(text) && !utf8.ValidString(p) {
				t.Fatalf("Prefix(%q, %d) = %q cuts a rune", text, max, p)
			}
		}
	})
}
