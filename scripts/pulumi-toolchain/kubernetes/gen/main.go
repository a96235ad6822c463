// Command gen writes the two generated files that upstream's
// cmd/pulumi-resource-kubernetes embeds (schema-embed.json with the version
// set, terraform-mapping-embed.json compacted), the job upstream's
// generate.go does, using only the standard library.
//
// Usage: go run ./gen SRC_DIR VERSION OUT_DIR
// where SRC_DIR is the provider module's cmd/pulumi-resource-kubernetes.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) != 4 {
		fail(fmt.Errorf("usage: gen SRC_DIR VERSION OUT_DIR"))
	}
	src, version, out := os.Args[1], os.Args[2], os.Args[3]

	raw, err := os.ReadFile(filepath.Join(src, "schema.json"))
	fail(err)
	var spec map[string]json.RawMessage
	fail(json.Unmarshal(raw, &spec))
	if _, ok := spec["name"]; !ok {
		fail(fmt.Errorf("%s/schema.json has no name: not a Pulumi package schema", src))
	}
	v, err := json.Marshal(version)
	fail(err)
	spec["version"] = v
	schema, err := json.Marshal(spec)
	fail(err)
	fail(os.WriteFile(filepath.Join(out, "schema-embed.json"), schema, 0o644))

	raw, err = os.ReadFile(filepath.Join(src, "terraform-mapping.json"))
	fail(err)
	var compact bytes.Buffer
	fail(json.Compact(&compact, raw))
	fail(os.WriteFile(filepath.Join(out, "terraform-mapping-embed.json"), compact.Bytes(), 0o644))
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
