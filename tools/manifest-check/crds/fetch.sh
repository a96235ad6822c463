#!/usr/bin/env bash
# Prints the path of the VerticalPodAutoscaler CRD (deploy/vpa-v1-crd-gen.yaml) at the version go.mod pins,
# downloaded once through the Go module proxy and verified against go.sum, cached under ~/.cache/verto-infra.
set -euo pipefail
cd "$(dirname "$0")"
version=$(awk '/vertical-pod-autoscaler/ { print $NF }' go.mod)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/crds/vpa-$version.yaml"
if [ ! -s "$cache" ]; then
  dir=$(GOFLAGS=-mod=mod go mod download -json k8s.io/autoscaler/vertical-pod-autoscaler | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  mkdir -p "$(dirname "$cache")"
  cp "$dir/deploy/vpa-v1-crd-gen.yaml" "$cache.tmp" && mv "$cache.tmp" "$cache"
fi
echo "$cache"
