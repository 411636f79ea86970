package api

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIDocumentsEveryRoute keeps openapi.json in sync with the
// router: it parses as OpenAPI 3, every gin route is documented with its
// method, nothing documented is missing from the router, and every $ref
// resolves.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	t.Parallel()
	var doc map[string]any
	if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Fatalf("openapi version %q, want 3.x", v)
	}
	if info, _ := doc["info"].(map[string]any); info["title"] == nil || info["version"] == nil {
		t.Errorf("info lacks title or version: %v", info)
	}
	paths, _ := doc["paths"].(map[string]any)
	if len(paths) == 0 {
		t.Fatal("no paths")
	}

	routes := map[string]bool{}
	for _, r := range newTestEngine(t, nil).Routes() {
		key := strings.ToLower(r.Method) + " " + r.Path
		routes[key] = true
		item, _ := paths[r.Path].(map[string]any)
		op, _ := item[strings.ToLower(r.Method)].(map[string]any)
		if op == nil {
			t.Errorf("route %s %s is not documented", r.Method, r.Path)
			continue
		}
		if resp, _ := op["responses"].(map[string]any); len(resp) == 0 {
			t.Errorf("%s %s documents no responses", r.Method, r.Path)
		}
	}
	for path, item := range paths {
		for method := range item.(map[string]any) {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			if !routes[method+" "+path] {
				t.Errorf("documented %s %s has no route", strings.ToUpper(method), path)
			}
		}
	}

	var refs []string
	collectRefs(doc, &refs)
	sort.Strings(refs)
	for _, ref := range refs {
		if !resolves(doc, ref) {
			t.Errorf("$ref %s does not resolve", ref)
		}
	}
	if len(refs) == 0 {
		t.Error("no $ref found: the check would prove nothing")
	}
}

func collectRefs(v any, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "$ref" {
				*out = append(*out, s)
			} else {
				collectRefs(x, out)
			}
		}
	case []any:
		for _, x := range v {
			collectRefs(x, out)
		}
	}
}

func resolves(doc map[string]any, ref string) bool {
	if !strings.HasPrefix(ref, "#/") {
		return false
	}
	var cur any = doc
	for _, part := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[part]; !ok {
			return false
		}
	}
	return true
}
