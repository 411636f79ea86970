package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skimhq/skim/api"
)

// TestBatchExitStatuses: each way skim batch ends has its own exit status,
// so that a Kubernetes podFailurePolicy can retry only what a retry may
// fix: 0 all summarized, 1 finished with failed records, 2 bad usage or
// configuration, 3 input or output error.
func TestBatchExitStatuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := writeJSONL(t, 3)
	mixed := filepath.Join(dir, "mixed.jsonl")
	must(t, os.WriteFile(mixed, []byte(`{"id":"a","text":`+mustJSON(testArticle(1))+"}\n"+`{"id":"b","text":"  "}`+"\n"), 0o644))
	foreign := filepath.Join(dir, "foreign.jsonl")
	must(t, os.WriteFile(foreign, []byte(`{"title":"not skim output"}`+"\n"), 0o644))
	csv := filepath.Join(dir, "archive.csv")
	must(t, os.WriteFile(csv, []byte("id,text\n"), 0o644))
	badIDF := filepath.Join(dir, "idf.json")
	must(t, os.WriteFile(badIDF, []byte("{not json"), 0o644))
	out := filepath.Join(dir, "out.jsonl")

	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"all summarized", []string{"--in", good, "--out", out}, 0},
		{"a record failed", []string{"--in", mixed, "--out", out}, exitFailed},
		{"unknown flag", []string{"--in", good, "--out", out, "--nope"}, exitUsage},
		{"bad option", []string{"--in", good, "--out", out, "--ratio", "2"}, exitUsage},
		{"bad shard", []string{"--in", good, "--out", out, "--shard", "9/4"}, exitUsage},
		{"bad record cap", []string{"--in", good, "--out", out, "--max-record-bytes", "0"}, exitUsage},
		{"unknown input layout", []string{"--in", csv, "--out", out}, exitUsage},
		{"corrupt idf table", []string{"--in", good, "--out", out, "--idf", badIDF}, exitUsage},
		{"resume onto a foreign file", []string{"--in", good, "--out", foreign, "--resume"}, exitUsage},
		{"missing input", []string{"--in", filepath.Join(dir, "none.jsonl"), "--out", out}, exitIO},
		{"output folder missing", []string{"--in", good, "--out", filepath.Join(dir, "no", "out.jsonl")}, exitIO},
		{"missing idf file", []string{"--in", good, "--out", out, "--idf", filepath.Join(dir, "none.json")}, exitIO},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, err := runSkim(t, "", append([]string{"batch"}, tc.args...)...)
			if got := exitStatus(err); got != tc.want {
				t.Errorf("exit status %d (%v), want %d; stderr:\n%s", got, err, tc.want, stderr)
			}
		})
	}
}

// TestMainExitStatus: the binary exits with the status the command's error
// carries (3 for an input that cannot be opened), and says why.
func TestMainExitStatus(t *testing.T) {
	t.Parallel()
	bin := buildSkim(t)
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"batch", "--in", filepath.Join(t.TempDir(), "none.jsonl"), "--out", "-"}, exitIO},
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"summarize", filepath.Join(t.TempDir(), "none.txt")}, exitIO},
	} {
		cmd := exec.Command(bin, tc.args...)
		msg, _ := cmd.CombinedOutput()
		if code := cmd.ProcessState.ExitCode(); code != tc.want || !strings.Contains(string(msg), "skim:") {
			t.Errorf("skim %v: exit status %d, want %d; output:\n%s", tc.args, code, tc.want, msg)
		}
	}
}

// TestBatchTruncatedGzip: a .jsonl.gz cut short keeps the records before
// the damage, reports the torn record as an error line, and exits 1: the
// file is damaged, so a retry would not help.
func TestBatchTruncatedGzip(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	const n = 300
	for i := range n {
		fmt.Fprintf(zw, "{\"id\":\"a%d\",\"text\":%s}\n", i, mustJSON(testArticle(i)))
	}
	must(t, zw.Close())
	gz := filepath.Join(t.TempDir(), "archive.jsonl.gz")
	must(t, os.WriteFile(gz, buf.Bytes()[:buf.Len()*2/3], 0o644))
	stdout, stderr, err := runSkim(t, "", "batch", "--in", gz, "--out", "-", "--ordered", "--keywords", "0")
	if got := exitStatus(err); got != exitFailed {
		t.Fatalf("exit status %d (%v), want %d; stderr:\n%s", got, err, exitFailed, stderr)
	}
	lines := readOut(t, []byte(stdout))
	if len(lines) < 2 || len(lines) >= n {
		t.Fatalf("%d lines from two thirds of %d records", len(lines), n)
	}
	for i, l := range lines[:len(lines)-1] {
		if l.Error != nil || l.ID != fmt.Sprintf("a%d", i) {
			t.Fatalf("line %d before the damage: %+v", i, l)
		}
	}
	torn := lines[len(lines)-1]
	if torn.Error == nil || torn.Error.Code != api.CodeInvalidBody || torn.Source != fmt.Sprintf("archive.jsonl.gz:%d", len(lines)) {
		t.Errorf("torn record: %+v, want an invalid_body error at archive.jsonl.gz:%d", torn, len(lines))
	}
}

// TestBatchRecordOverCap: a JSONL line over --max-record-bytes is an error
// line with code record_too_large and the id it starts with; the job goes
// on.
func TestBatchRecordOverCap(t *testing.T) {
	t.Parallel()
	input := `{"id":"big","text":` + mustJSON(strings.Repeat(testArticle(1), 30)) + "}\n" +
		`{"id":"small","text":` + mustJSON(testArticle(2)) + "}\n"
	stdout, stderr, err := runSkim(t, input, "batch", "--in", "-", "--out", "-", "--max-record-bytes", "4096", "--ordered")
	if got := exitStatus(err); got != exitFailed {
		t.Fatalf("exit status %d (%v), want %d; stderr:\n%s", got, err, exitFailed, stderr)
	}
	lines := readOut(t, []byte(stdout))
	if len(lines) != 2 || lines[0].ID != "big" || lines[0].Error == nil || lines[0].Error.Code != api.CodeRecordTooLarge ||
		lines[0].Source != "stdin:1" || lines[1].ID != "small" || lines[1].Error != nil {
		t.Fatalf("lines: %+v", lines)
	}
}

// TestBatchOutputHasNoRawControls: batch lines carry no raw ESC, DEL or C1
// control, whatever the article holds, and decode back to its text.
func TestBatchOutputHasNoRawControls(t *testing.T) {
	t.Parallel()
	text := "The \x1b]0;pwned\x07council met on Monday to approve the budget. " +
		"Residents \u009b2Jcheered the \x7fdecision loudly. " + testArticle(3)
	stdout, stderr, err := runSkim(t, mustJSON(map[string]string{"id": "x", "text": text})+"\n",
		"batch", "--in", "-", "--out", "-", "--sentences", "20")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, bad := range []string{"\x1b", "\x07", "\x7f", "\u009b"} {
		if strings.Contains(stdout, bad) {
			t.Errorf("output holds a raw %q", bad)
		}
	}
	lines := readOut(t, []byte(stdout))
	if len(lines) != 1 || !strings.Contains(lines[0].Summary, "\x1b]0;pwned\x07") || !strings.Contains(lines[0].Summary, "\u009b2J") {
		t.Errorf("escaped output does not decode to the text: %+v", lines)
	}
}
