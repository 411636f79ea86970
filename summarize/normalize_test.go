package summarize

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidUTF8(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii", "Profits rose.", "Profits rose."},
		{"multi-byte", "Café 東京 Москва 🎉", "Café 東京 Москва 🎉"},
		{"literal replacement char kept", "a\ufffdb", "a\ufffdb"},
		{"one invalid byte", "a\xffb", "a\ufffdb"},
		{"one replacement per byte", "a\xff\xfeb", "a\ufffd\ufffdb"},
		{"truncated sequence", "caf\xc3", "caf\ufffd"},
		{"truncated 3-byte sequence is two bytes", "x\xe6\x9dy", "x\ufffd\ufffdy"},
		{"overlong encoding", "\xc0\xaf", "\ufffd\ufffd"},
		{"surrogate half", "\xed\xa0\x80", "\ufffd\ufffd\ufffd"},
		{"lone continuation byte", "\x80abc", "\ufffdabc"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ValidUTF8(tc.in)
			assert.Equal(t, tc.want, got)
			assert.True(t, utf8.ValidString(got))
			// The same text a JSON client receives, so offsets agree.
			b, err := json.Marshal(tc.in)
			require.NoError(t, err)
			var decoded string
			require.NoError(t, json.Unmarshal(b, &decoded))
			assert.Equal(t, decoded, got)
		})
	}
}

func TestValidUTF8DoesNotCopyValidText(t *testing.T) {
	in := strings.Repeat("valid text ", 100)
	out := ValidUTF8(in)
	assert.Equal(t, unsafe.StringData(in), unsafe.StringData(out), "valid text must be returned as is")
	assert.Equal(t, 0.0, testing.AllocsPerRun(100, func() { _ = ValidUTF8(in) }))
}

func TestNormalizeView(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "One. Two.\nThree.", "One. Two.\nThree."},
		{"CRLF", "One.\r\nTwo.\r\n", "One. \nTwo. \n"},
		{"NUL and bell", "a\x00b\x07c", "a b c"},
		{"tab and form feed", "a\tb\fc\vd", "a b c d"},
		{"DEL", "a\x7fb", "a b"},
		{"escape", "\x1b[1mBold\x1b[0m", " [1mBold [0m"},
		{"line feed kept", "\n\n", "\n\n"},
		{"non-ASCII untouched", "Café\u00a0東京\u2028", "Café\u00a0東京\u2028"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := normalizeView(tc.in)
			assert.Equal(t, tc.want, got)
			assert.Len(t, got, len(tc.in), "the view must keep byte offsets")
		})
	}
}

func TestNormalizeViewDoesNotCopyCleanText(t *testing.T) {
	in := strings.Repeat("clean text\n", 100)
	assert.Equal(t, unsafe.StringData(in), unsafe.StringData(normalizeView(in)))
	assert.Equal(t, 0.0, testing.AllocsPerRun(100, func() { _ = normalizeView(in) }))
}

// TestNormalizeViewKeepsOffsets checks on every byte value that the view has
// the input's length and differs from it only where the input has a control
// character other than the line feed.
func TestNormalizeViewKeepsOffsets(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for c := 0; c < 256; c++ {
		b.WriteByte(byte(c))
		b.WriteString("x")
	}
	in := b.String()
	view := normalizeView(in)
	assert.Len(t, view, len(in))
	for i := 0; i < len(in); i++ {
		c := in[i]
		if (c < 0x20 && c != '\n') || c == 0x7f {
			assert.Equal(t, byte(' '), view[i], "byte %#x", c)
		} else {
			assert.Equal(t, c, view[i], "byte %#x", c)
		}
	}
}
