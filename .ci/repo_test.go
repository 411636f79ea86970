// Checks that are about the repository, not about a Go package: the
// release build line, the Dockerfile and .dockerignore. Go ignores folders
// whose name starts with a dot, so `go test ./...` never runs this file;
// .ci/run does, as `go test ./.ci/repo_test.go`.
package repo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// canonicalBuild is THE way skim's release binary is built: by the
// Dockerfile, by CI (.ci/e2e/run.sh builds the binary the browser test runs)
// and in the README. Only the output path after -o may differ. No Docker
// engine runs on the build machines, so this test is what keeps them in step.
const canonicalBuild = `CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o OUT ./cmd/skim`

var (
	buildCmdRE = regexp.MustCompile(`(?:CGO_ENABLED=\S+\s+)?go build\b.*?\./cmd/skim\b`)
	outFlagRE  = regexp.MustCompile(`-o\s+("[^"]*"|'[^']*'|\S+)`)
)

// buildLines returns the go build commands of ./cmd/skim in text, outside
// comments, with the -o path replaced by OUT, and the raw -o paths.
func buildLines(text string) (lines, outs []string) {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") { // a comment (or a heading) that mentions it
			continue
		}
		cmd := buildCmdRE.FindString(line)
		if cmd == "" {
			continue
		}
		if m := outFlagRE.FindStringSubmatch(cmd); m != nil {
			outs = append(outs, strings.Trim(m[1], `"'`))
		}
		lines = append(lines, strings.Join(strings.Fields(outFlagRE.ReplaceAllString(cmd, "-o OUT")), " "))
	}
	return lines, outs
}

// root is the repository, seen from this file's folder.
const root = ".."

func repoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildLineNoDrift(t *testing.T) {
	for _, name := range []string{"Dockerfile", ".ci/e2e/run.sh"} {
		lines, _ := buildLines(repoFile(t, name))
		if len(lines) != 1 || lines[0] != canonicalBuild {
			t.Errorf("%s: go build lines %q; want exactly one, %q (any -o path)", name, lines, canonicalBuild)
		}
	}

	t.Run("README", func(t *testing.T) {
		readme := repoFile(t, "README.md")
		lines, _ := buildLines(readme)
		var release []string
		for _, l := range lines {
			if strings.Contains(l, "CGO_ENABLED") || strings.Contains(l, "-ldflags") {
				release = append(release, l)
			}
		}
		for _, l := range release {
			if l != canonicalBuild {
				t.Errorf("README.md: build line %q; want %q (any -o path), as in the Dockerfile", l, canonicalBuild)
			}
		}
		if len(release) == 0 {
			if regexp.MustCompile(`(?mi)^#+ .*docker`).MatchString(readme) {
				t.Errorf("README.md has a Docker section but not the build line %q", canonicalBuild)
			} else {
				t.Skip("README.md has no Docker section yet")
			}
		}
	})
}

func TestDockerfile(t *testing.T) {
	df := repoFile(t, "Dockerfile")
	_, outs := buildLines(df)
	if len(outs) != 1 {
		t.Fatalf("Dockerfile: want one go build -o, got %q", outs)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^FROM golang:\S+ AS build$`),
		regexp.MustCompile(`(?m)^FROM gcr\.io/distroless/static\S*:nonroot$`),
		regexp.MustCompile(`(?m)^COPY --from=build ` + regexp.QuoteMeta(outs[0]) + ` /skim$`),
		regexp.MustCompile(`(?m)^USER nonroot`),
		regexp.MustCompile(`(?m)^EXPOSE 8080$`),
		regexp.MustCompile(`(?m)^HEALTHCHECK .*CMD \["/skim", "healthcheck"\]$`),
		regexp.MustCompile(`(?m)^ENTRYPOINT \["/skim", "serve"\]$`),
	} {
		if !want.MatchString(df) {
			t.Errorf("Dockerfile lacks a line matching %s", want)
		}
	}
	// The final stage must be the runtime image, not the build image.
	froms := regexp.MustCompile(`(?m)^FROM (\S+)`).FindAllStringSubmatch(df, -1)
	if last := froms[len(froms)-1][1]; !strings.Contains(last, "distroless") {
		t.Errorf("Dockerfile: final stage is %s, want distroless", last)
	}
	if !strings.Contains(repoFile(t, "cmd/skim/main.go"), `"healthcheck":`) {
		t.Error("the HEALTHCHECK needs a healthcheck subcommand")
	}
}

// TestDockerignoreKeepsBuildInputs checks that .dockerignore excludes no
// file the Dockerfile's build reads: the Go files and embedded files of
// every package of this module that ./cmd/skim imports, go.mod and go.sum.
func TestDockerignoreKeepsBuildInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool on PATH")
	}
	root, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "list", "-deps", "-json=Dir,ImportPath,GoFiles,CgoFiles,EmbedFiles,Module", "./cmd/skim")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	inputs := []string{"go.mod", "go.sum"}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var pkg struct {
			Dir                           string
			GoFiles, CgoFiles, EmbedFiles []string
			Module                        *struct{ Path string }
		}
		if err := dec.Decode(&pkg); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if pkg.Module == nil || pkg.Module.Path != "github.com/skimhq/skim" {
			continue
		}
		rel, err := filepath.Rel(root, pkg.Dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, files := range [][]string{pkg.GoFiles, pkg.CgoFiles, pkg.EmbedFiles} {
			for _, f := range files {
				inputs = append(inputs, filepath.ToSlash(filepath.Join(rel, f)))
			}
		}
	}
	if len(inputs) < 4 {
		t.Fatalf("go list found too few build inputs: %q", inputs)
	}
	patterns := readDockerignore(t, filepath.Join(root, ".dockerignore"))
	for _, f := range inputs {
		if dockerignored(patterns, f) {
			t.Errorf(".dockerignore excludes %s, which the build needs", f)
		}
	}
	// And it does keep the heavy or irrelevant parts out.
	for _, f := range []string{".git/config", ".ci/e2e/node_modules/playwright-core/package.json", ".ci/e2e/screenshots/widget.png"} {
		if !dockerignored(patterns, f) {
			t.Errorf(".dockerignore should exclude %s", f)
		}
	}
}

func readDockerignore(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var patterns []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		patterns = append(patterns, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return patterns
}

// dockerignored reports whether Docker leaves file (slash-separated, relative
// to the context) out of the build context: the last pattern that matches the
// file or one of its parent directories wins, "!" re-includes, "**" matches
// any number of directories.
func dockerignored(patterns []string, file string) bool {
	ignored := false
	parts := strings.Split(file, "/")
	for _, p := range patterns {
		negate := strings.HasPrefix(p, "!")
		p = strings.TrimPrefix(p, "!")
		p = strings.Trim(path.Clean(strings.TrimPrefix(p, "/")), "/")
		pp := strings.Split(p, "/")
		for n := 1; n <= len(parts); n++ {
			if matchSegments(pp, parts[:n]) {
				ignored = !negate
				break
			}
		}
	}
	return ignored
}

func matchSegments(pattern, name []string) bool {
	if len(pattern) == 0 {
		return len(name) == 0
	}
	if pattern[0] == "**" {
		for i := 0; i <= len(name); i++ {
			if matchSegments(pattern[1:], name[i:]) {
				return true
			}
		}
		return false
	}
	if len(name) == 0 {
		return false
	}
	ok, err := path.Match(pattern[0], name[0])
	return err == nil && ok && matchSegments(pattern[1:], name[1:])
}

func TestDockerignoreMatcher(t *testing.T) {
	patterns := []string{".git", "**/node_modules", "api/e2e", "**/*_test.go", "/skim", "docs", "!docs/keep.md"}
	for _, tc := range []struct {
		file string
		want bool
	}{
		{".git/HEAD", true},
		{"api/e2e/node_modules/x/y.js", true},
		{"node_modules/x", true},
		{"api/e2e/run.sh", true},
		{"api/web/index.html", false},
		{"cmd/skim/main_test.go", true},
		{"cmd/skim/main.go", false},
		{"skim", true},
		{"cmd/skim", false},
		{"docs/a.md", true},
		{"docs/keep.md", false},
	} {
		if got := dockerignored(patterns, tc.file); got != tc.want {
			t.Errorf("dockerignored(%q) = %v, want %v", tc.file, got, tc.want)
		}
	}
}
