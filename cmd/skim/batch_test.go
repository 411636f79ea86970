package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/skimhq/skim/api"
	"github.com/skimhq/skim/summarize/corpus/corpustest"
)

// testArticle writes a short synthetic news article, different for each i.
func testArticle(i int) string {
	subjects := []string{"The council", "Local officials", "The minister", "A spokesman", "Residents", "The company"}
	verbs := []string{"approved", "criticised", "announced", "delayed", "defended", "questioned"}
	objects := []string{"the new budget", "plans for a bridge", "the rail strike", "a tax on sugar", "the school reform", "the harbour project"}
	topics := []string{"fisheries", "railways", "hospitals", "tourism", "farming"}
	var b strings.Builder
	fmt.Fprintf(&b, "The debate focused on %s. ", topics[i%len(topics)])
	for k := range 8 {
		fmt.Fprintf(&b, "%s %s %s on day %d of case %d. ",
			subjects[(i+k)%len(subjects)], verbs[(i*3+k)%len(verbs)], objects[(i*7+k*5)%len(objects)], k+1, i)
	}
	return b.String()
}

// writeJSONL writes n articles with ids a0..a(n-1) and returns the path.
func writeJSONL(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "articles.jsonl")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := range n {
		enc.Encode(map[string]string{"id": fmt.Sprintf("a%d", i), "title": fmt.Sprintf("Story %d", i), "text": testArticle(i)})
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// outLine is what the tests read back from a batch output line.
type outLine struct {
	ID        string `json:"id"`
	Summary   string `json:"summary"`
	Sentences []struct {
		Index int    `json:"index"`
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
	} `json:"sentences"`
	Error  *api.Error `json:"error"`
	Source string     `json:"source"`
}

// readOut parses a batch output file strictly: every line complete, valid
// UTF-8 JSON with an id.
func readOut(t *testing.T, data []byte) []outLine {
	t.Helper()
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Fatalf("output does not end with a newline (torn last line): ...%q", data[max(0, len(data)-80):])
	}
	var lines []outLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 16<<20)
	for n := 1; sc.Scan(); n++ {
		if !utf8.Valid(sc.Bytes()) {
			t.Fatalf("output line %d is not valid UTF-8", n)
		}
		var l outLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil || l.ID == "" {
			t.Fatalf("output line %d is not a record (%v): %q", n, err, sc.Text())
		}
		lines = append(lines, l)
	}
	return lines
}

func runSkim(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runSkimEnv(t, nil, stdin, args...)
}

// runSkimEnv runs skim with env as its whole environment.
func runSkimEnv(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return env[k] })
	return out.String(), errOut.String(), err
}

// noEnv is an empty environment.
func noEnv(string) string { return "" }

func TestBatchRecordFailureMix(t *testing.T) {
	t.Parallel()
	good := testArticle(1)
	input := strings.Join([]string{
		`{"id":"ok","title":"Council news","text":` + mustJSON(good) + `}`,
		`{"id":"empty","text":"   "}`,
		`{"id":"broken","text":"unterminated`,
		`{"id":"latin1","text":"Caf` + "\xe9" + ` owners protested on Monday. The council approved the plan. Residents were ` + "\xff" + `angry about it."}`,
		"\xff\xfe not even JSON",
		`{"id":"notext","title":"A title alone"}`,
		`{"id":"numtext","text":42}`,
		`{"text":"No identifier here. The record still gets one from its position."}`,
		`{"id":7,"text":"A numeric id is kept. It is written as a string."}`,
	}, "\n") + "\n"
	stdout, stderr, err := runSkim(t, input, "batch", "--in", "-", "--out", "-", "--workers", "3")
	var exit exitError
	if !errors.As(err, &exit) || exit.code != 1 {
		t.Fatalf("err = %v, want exit status 1 (records failed); stderr:\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "5 record(s) failed") {
		t.Errorf("stderr does not give the failure count:\n%s", stderr)
	}
	if !strings.Contains(stderr, "batch: 9 records, 5 failed") {
		t.Errorf("stderr has no summary line:\n%s", stderr)
	}
	lines := readOut(t, []byte(stdout))
	if len(lines) != 9 {
		t.Fatalf("%d output lines for 9 input records:\n%s", len(lines), stdout)
	}
	byID := make(map[string]outLine)
	for _, l := range lines {
		byID[l.ID] = l
	}
	wantErr := map[string]api.Code{
		"empty": api.CodeTextRequired, "broken": api.CodeInvalidJSON, "stdin:5": api.CodeInvalidJSON,
		"notext": api.CodeTextRequired, "numtext": api.CodeInvalidField,
	}
	for id, code := range wantErr {
		l, ok := byID[id]
		if !ok || l.Error == nil || l.Error.Code != code || l.Error.Message == "" {
			t.Errorf("record %s: %+v, want error %s", id, l, code)
		}
		if ok && l.Source == "" {
			t.Errorf("error record %s has no source", id)
		}
	}
	for _, id := range []string{"ok", "latin1", "stdin:8", "7"} {
		l, ok := byID[id]
		if !ok || l.Error != nil || l.Summary == "" || len(l.Sentences) == 0 {
			t.Errorf("record %s: %+v, want a summary", id, l)
		}
	}
	if s := byID["latin1"].Summary; !strings.Contains(s, "\uFFFD") {
		t.Errorf("invalid UTF-8 should read as U+FFFD, got summary %q", s)
	}
	for _, s := range byID["ok"].Sentences {
		if good[s.Start:s.End] != s.Text {
			t.Errorf("sentence offsets [%d:%d] do not give its text %q", s.Start, s.End, s.Text)
		}
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestBatchFieldNamesAndFileOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "archive.jsonl")
	os.WriteFile(in, []byte(`{"guid":"g1","headline":"Bridge","article":`+mustJSON(testArticle(3))+"}\n"), 0o644)
	out := filepath.Join(dir, "out.jsonl")
	_, stderr, err := runSkim(t, "", "batch", "--in", in, "--out", out, "--id-field", "guid", "--title-field", "headline", "--text-field", "article", "--sentences", "2")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	data, _ := os.ReadFile(out)
	lines := readOut(t, data)
	if len(lines) != 1 || lines[0].ID != "g1" || len(lines[0].Sentences) != 2 {
		t.Fatalf("got %+v", lines)
	}
}

func TestBatchOrderedKeepsInputOrder(t *testing.T) {
	t.Parallel()
	in := writeJSONL(t, 400)
	stdout, stderr, err := runSkim(t, "", "batch", "--in", in, "--out", "-", "--workers", "4", "--ordered")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := readOut(t, []byte(stdout))
	if len(lines) != 400 {
		t.Fatalf("%d lines, want 400", len(lines))
	}
	for i, l := range lines {
		if want := fmt.Sprintf("a%d", i); l.ID != want {
			t.Fatalf("line %d has id %s, want %s: order lost", i, l.ID, want)
		}
	}
}

func TestBatchShardsCoverEveryIDOnce(t *testing.T) {
	t.Parallel()
	const n, shards = 500, 4
	in := writeJSONL(t, n)
	seen := make(map[string]int)
	for i := range shards {
		spec := fmt.Sprintf("%d/%d", i, shards)
		env := map[string]string{}
		if i == shards-1 { // the last one as a Kubernetes Indexed Job pod would run it
			env["JOB_COMPLETION_INDEX"] = fmt.Sprint(i)
			spec = fmt.Sprintf("auto/%d", shards)
		}
		stdout, stderr, err := runSkimEnv(t, env, "", "batch", "--in", in, "--out", "-", "--shard", spec, "--workers", "2")
		if err != nil {
			t.Fatalf("shard %s: %v\n%s", spec, err, stderr)
		}
		lines := readOut(t, []byte(stdout))
		if len(lines) == 0 || len(lines) > n/2 {
			t.Errorf("shard %s got %d of %d records", spec, len(lines), n)
		}
		for _, l := range lines {
			seen[l.ID]++
		}
	}
	for i := range n {
		if id := fmt.Sprintf("a%d", i); seen[id] != 1 {
			t.Errorf("id %s written by %d shards, want exactly 1", id, seen[id])
		}
	}
	if len(seen) != n {
		t.Errorf("%d distinct ids over all shards, want %d", len(seen), n)
	}
}

func TestBatchBadFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"batch", "--in", "-", "--out", "-", "--resume"},
		{"batch", "--in", "-", "--out", "-", "--shard", "4/4"},
		{"batch", "--in", "-", "--out", "-", "--shard", "auto/4"},
		{"batch", "--in", "-", "--out", "-", "--workers", "-1"},
		{"batch", "--in", "/nonexistent/archive.jsonl", "--out", "-"},
	} {
		if _, _, err := runSkim(t, "", args...); err == nil {
			t.Errorf("skim %v succeeded, want an error", args)
		}
	}
}

var (
	buildOnce sync.Once
	binDir    string // set by TestMain, removed after the tests
	binErr    error
)

// buildSkim builds the skim binary, once, for tests that need a real process.
func buildSkim(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the skim binary")
	}
	bin := filepath.Join(binDir, "skim")
	buildOnce.Do(func() {
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return bin
}

// startBatch starts skim batch in dir ("": the test's) and waits until
// its output holds at least minBytes.
func startBatch(t *testing.T, bin, dir, out string, minBytes int64, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"batch", "--out", out}, args...)...)
	cmd.Dir = dir
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if fi, err := os.Stat(out); err == nil && fi.Size() >= minBytes {
			return cmd, &stderr
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("no output after 30s; stderr:\n%s", stderr.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// collidingIDs is the raw JSON id field of input line i (from 0) for the
// resume test, and the id its output line must carry: numbers and strings
// that spell alike, duplicates, two invalid UTF-8 ids that both read as
// "bad\uFFFDutf", records without an id, and unique ids.
func collidingIDs(i int, file string) (field, want string) {
	switch i % 10 {
	case 0:
		return `"id":7,`, "7"
	case 1:
		return `"id":"7",`, "7"
	case 2, 3:
		return `"id":"dup",`, "dup"
	case 4:
		return `"id":"bad` + "\xff" + `utf",`, "bad\uFFFDutf"
	case 5:
		return `"id":"bad` + "\xfe" + `utf",`, "bad\uFFFDutf"
	case 6:
		return "", fmt.Sprintf("%s:%d", file, i+1)
	}
	return fmt.Sprintf(`"id":"a%d",`, i), fmt.Sprintf("a%d", i)
}

// TestBatchResumeAfterKill: a run killed with SIGKILL, then resumed with
// --resume and the input path spelled differently (relative, then
// absolute), gives every input record exactly once, although the ids
// collide (7 and "7", duplicates, invalid UTF-8) and some records have
// none: resume goes by input position, not by id.
func TestBatchResumeAfterKill(t *testing.T) {
	t.Parallel()
	bin := buildSkim(t)
	const n = 4000
	dir := t.TempDir()
	var input bytes.Buffer
	wantID := make(map[string]string, n) // source → id
	for i := range n {
		field, id := collidingIDs(i, "articles.jsonl")
		fmt.Fprintf(&input, "{%s\"text\":%s}\n", field, mustJSON(testArticle(i)))
		wantID[fmt.Sprintf("articles.jsonl:%d", i+1)] = id
	}
	must(t, os.WriteFile(filepath.Join(dir, "articles.jsonl"), input.Bytes(), 0o644))
	out := filepath.Join(t.TempDir(), "out.jsonl")

	cmd, stderr := startBatch(t, bin, dir, out, 500_000, "--in", "articles.jsonl", "--workers", "1")
	before := killMidRun(t, cmd, stderr, out, n, `{"id":"7","summary":"The coun`)

	res := exec.Command(bin, "batch", "--in", filepath.Join(dir, "articles.jsonl"), "--out", out, "--workers", "2", "--resume")
	res.Dir = t.TempDir()
	msg, err := res.CombinedOutput()
	if err != nil {
		t.Fatalf("resume: %v\n%s", err, msg)
	}
	if !strings.Contains(string(msg), fmt.Sprintf("%d already done", before)) || !strings.Contains(string(msg), "torn last line") {
		t.Errorf("resume summary does not report the %d records kept and the torn line:\n%s", before, msg)
	}
	data, _ := os.ReadFile(out)
	lines := readOut(t, data)
	seen := make(map[string]int, n)
	for _, l := range lines {
		seen[l.Source]++
		if want, ok := wantID[l.Source]; !ok || l.ID != want {
			t.Errorf("line with source %q has id %q, want %q", l.Source, l.ID, want)
		}
		if l.Error != nil {
			t.Errorf("record %s failed: %+v", l.Source, l.Error)
		}
	}
	for source := range wantID {
		if seen[source] != 1 {
			t.Fatalf("input record %s is in the output %d times, want exactly once", source, seen[source])
		}
	}
	if len(lines) != n {
		t.Fatalf("%d lines, want %d", len(lines), n)
	}
	t.Logf("killed after %d of %d records; resume did the other %d", before, n, n-before)
}

func TestBatchInterruptFlushesFinishedRecords(t *testing.T) {
	t.Parallel()
	bin := buildSkim(t)
	const n = 4000
	in := writeJSONL(t, n)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	cmd, stderr := startBatch(t, bin, "", out, 1, "--in", in, "--workers", "2", "--ordered")
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Fatalf("exit status %d after SIGINT, want 130; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "--resume") || !strings.Contains(stderr.String(), "articles/s") {
		t.Errorf("stderr after SIGINT:\n%s", stderr)
	}
	data, _ := os.ReadFile(out)
	lines := readOut(t, data) // fails on a torn line: finished records are flushed whole
	if len(lines) == 0 || len(lines) >= n {
		t.Fatalf("%d lines after SIGINT", len(lines))
	}
	for i, l := range lines { // ordered: the output is a prefix of the input
		if want := fmt.Sprintf("a%d", i); l.ID != want {
			t.Fatalf("line %d is %s, want %s", i, l.ID, want)
		}
		if l.Error != nil { // records in flight at the interrupt finish: --resume counts them done
			t.Errorf("line %d failed after the interrupt: %+v", i, l.Error)
		}
	}
}

// sharedData returns the shared data folder or skips the test.
func sharedData(tb testing.TB) string {
	tb.Helper()
	return corpustest.SharedData(tb)
}

func TestBatchBBCLayout(t *testing.T) {
	t.Parallel()
	bbc := filepath.Join(sharedData(t), "bbc-news-summary")
	out := filepath.Join(t.TempDir(), "bbc.jsonl")
	// The whole text (--ratio 1), so that the sentence with the invalid
	// byte is in sport/199's output whatever the ranking picks.
	_, stderr, err := runSkim(t, "", "batch", "--in", bbc, "--out", out, "--workers", "2", "--ordered", "--ratio", "1")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	data, _ := os.ReadFile(out)
	lines := readOut(t, data)
	if len(lines) != 1438 {
		t.Fatalf("%d lines, want the 1438 BBC articles", len(lines))
	}
	if lines[0].ID != "business/001" || lines[len(lines)-1].ID != "sport/511" {
		t.Errorf("ids run from %s to %s, want business/001 to sport/511 in input order", lines[0].ID, lines[len(lines)-1].ID)
	}
	for _, l := range lines {
		if l.Error != nil || len(l.Sentences) == 0 {
			t.Errorf("%s: %+v", l.ID, l)
		}
		if l.ID == "sport/199" && !strings.Contains(l.Summary, "\uFFFD") { // the article with an invalid byte
			t.Errorf("sport/199: the invalid byte should read as U+FFFD: %q", l.Summary)
		}
	}
}

// BenchmarkBatchBBC runs skim batch over the shared BBC split (1438 articles
// per iteration) with 1 and 2 workers.
func BenchmarkBatchBBC(b *testing.B) {
	bbc := filepath.Join(sharedData(b), "bbc-news-summary")
	out := filepath.Join(b.TempDir(), "out.jsonl")
	for _, workers := range []string{"1", "2"} {
		b.Run("workers="+workers, func(b *testing.B) {
			for b.Loop() {
				var stderr bytes.Buffer
				if err := run(context.Background(), []string{"batch", "--in", bbc, "--out", out, "--workers", workers}, nil, io.Discard, &stderr, noEnv); err != nil {
					b.Fatalf("%v\n%s", err, stderr.String())
				}
			}
			b.ReportMetric(float64(1438*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

func TestBatchReadsMultiMegabyteLine(t *testing.T) {
	t.Parallel()
	var text strings.Builder
	for i := 0; text.Len() < 3<<20; i++ {
		text.WriteString(testArticle(i))
		text.WriteString("\n\n")
	}
	input := `{"id":"huge","text":` + mustJSON(text.String()) + "}\n" + `{"id":"small","text":` + mustJSON(testArticle(1)) + "}\n"
	stdout, stderr, err := runSkim(t, input, "batch", "--in", "-", "--out", "-", "--workers", "2", "--keywords", "0")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	lines := readOut(t, []byte(stdout))
	if len(lines) != 2 || lines[0].Error != nil || lines[1].Error != nil {
		t.Fatalf("got %+v", lines)
	}
}

// TestBatchFolderWithBadEntries: skim batch over a folder holding an
// unreadable subfolder, a link to /dev/zero, a FIFO and a link to it, a
// file over --max-record-bytes and a binary file finishes (no hang, no
// out-of-memory), with one error line for each and a summary for every
// readable file, and exit status 1. The subfolder is made unreadable with
// chmod 000; as root, whom that does not stop, skim runs as nobody.
func TestBatchFolderWithBadEntries(t *testing.T) {
	t.Parallel()
	bin := buildSkim(t)
	root := t.TempDir()
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(text), 0o644))
	}
	write("a.txt", testArticle(1))
	write("b.txt", testArticle(2))
	write("locked/c.txt", testArticle(3))
	write("m/big.txt", strings.Repeat(testArticle(4), 20))
	write("z/d.txt", testArticle(5))
	elf, err := os.ReadFile(bin)
	must(t, err)
	write("m/bin.txt", string(elf[:4096]))
	must(t, syscall.Mkfifo(filepath.Join(root, "m", "pipe.txt"), 0o644))
	must(t, os.Symlink(filepath.Join(root, "m", "pipe.txt"), filepath.Join(root, "m", "to-pipe.txt")))
	must(t, os.Symlink("/dev/zero", filepath.Join(root, "m", "zero.txt")))
	must(t, os.Chmod(filepath.Join(root, "locked"), 0))
	t.Cleanup(func() { os.Chmod(filepath.Join(root, "locked"), 0o755) })
	outDir := t.TempDir()
	must(t, os.Chmod(outDir, 0o777))
	out := filepath.Join(outDir, "out.jsonl")

	cmd := exec.Command(bin, "batch", "--in", root, "--out", out, "--workers", "2", "--max-record-bytes", "10000")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if os.Geteuid() == 0 {
		// nobody must reach the input, the output folder and the binary.
		for _, dir := range []string{root, filepath.Dir(root), filepath.Dir(outDir), binDir} {
			must(t, os.Chmod(dir, 0o755))
		}
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, syscall.EPERM) {
			t.Skipf("cannot run skim as nobody to make a folder unreadable (%v); corpus.TestFolderProblemsAreRecords covers it", err)
		}
		t.Fatal(err)
	}
	finished := make(chan error, 1)
	go func() { finished <- cmd.Wait() }()
	select {
	case <-finished:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-finished
		t.Fatalf("skim batch did not finish in 60s (blocked on the FIFO?); stderr:\n%s", stderr.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != exitFailed {
		t.Fatalf("exit status %d, want %d (finished, some records failed); stderr:\n%s", code, exitFailed, stderr.String())
	}
	data, err := os.ReadFile(out)
	must(t, err)
	want := map[string]api.Code{ // source → error code, "" for a summary
		"a.txt": "", "b.txt": "", "z/d.txt": "",
		"locked":        api.CodeInvalidBody,
		"m/big.txt":     api.CodeRecordTooLarge,
		"m/bin.txt":     api.CodeNotText,
		"m/pipe.txt":    api.CodeInvalidBody,
		"m/to-pipe.txt": api.CodeInvalidBody,
		"m/zero.txt":    api.CodeInvalidBody,
	}
	lines := readOut(t, data)
	for _, l := range lines {
		code, ok := want[l.Source]
		switch {
		case !ok:
			t.Errorf("unexpected line %+v", l)
		case code == "" && (l.Error != nil || l.Summary == ""):
			t.Errorf("%s: %+v, want a summary", l.Source, l)
		case code != "" && (l.Error == nil || l.Error.Code != code):
			t.Errorf("%s: %+v, want error %s", l.Source, l, code)
		}
		delete(want, l.Source)
	}
	if len(lines) != 9 || len(want) > 0 {
		t.Errorf("%d lines; missing: %v", len(lines), want)
	}
}

// killMidRun SIGKILLs a running skim batch, checks that it left a partial
// output of n records, and appends a torn line, as a kill in the middle of a
// write leaves one. It returns the number of complete lines.
func killMidRun(t *testing.T, cmd *exec.Cmd, stderr fmt.Stringer, out string, n int, torn string) int {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("skim batch was not killed (err %v; it finished too fast to test resume?); stderr:\n%s", err, stderr)
	}
	data, _ := os.ReadFile(out)
	before := bytes.Count(data, []byte("\n"))
	if before == 0 || before >= n {
		t.Fatalf("killed run left %d complete lines of %d; the test needs a partial run", before, n)
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString(torn)
	must(t, f.Close())
	return before
}
