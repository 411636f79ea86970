package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFind(t *testing.T) {
	folder := t.TempDir()
	file := filepath.Join(folder, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		env  string
		want string
	}{
		"env names a folder":      {env: folder, want: folder},
		"env names a file":        {env: file, want: ""},
		"env names nothing there": {env: filepath.Join(folder, "missing"), want: ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Setenv(EnvVar, tc.env)
			if got := Find(); got != tc.want {
				t.Errorf("Find() with %s=%s = %q, want %q", EnvVar, tc.env, got, tc.want)
			}
		})
	}
}

func TestFindWalksUp(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "shared", "data")
	deep := filepath.Join(root, "repo", "pkg")
	for _, d := range []string{data, deep} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(EnvVar, "")
	t.Chdir(deep)
	if got := Find(); got != data {
		t.Errorf("Find() from %s = %q, want %q", deep, got, data)
	}
}
