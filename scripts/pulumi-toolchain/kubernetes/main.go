// Command pulumi-resource-kubernetes is the upstream Kubernetes provider's own
// main package, rebuilt in a wrapper module: upstream's schema-embed.json and
// terraform-mapping-embed.json are generated files that the Go module zip does
// not carry, so bootstrap-pulumi.sh generates them next to this file first
// (go run ./gen) and links the version in with -ldflags -X.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var pulumiSchema []byte

//go:embed terraform-mapping-embed.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, pulumiSchema, terraformMapping)
}
