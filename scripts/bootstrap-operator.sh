#!/usr/bin/env bash
# bootstrap-operator.sh: build prometheus-operator (pinned in scripts/kube-toolchain/operator/go.mod and go.sum)
# from the Go module proxy, once; later runs reuse the cache. scripts/monitoring-test runs it against the
# throwaway API server.
#
# Usage:
#   bin=$(scripts/bootstrap-operator.sh | tail -1)
# Progress goes to stderr; the LAST line of stdout is the bin dir holding `operator`:
#   ${VERTO_KUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/kube}/prometheus-operator-<version>_<key>/bin
# (the same cache root as scripts/bootstrap-kube.sh, so CI caches both together).
#
# Why no helm: kube-prometheus-stack's chart is not served by any registry reachable here, so the test applies
# the Prometheus resource as the chart renders it (committed, with its provenance), not the chart itself.
set -euo pipefail

OPERATOR_VERSION=v0.85.0
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src="$here/kube-toolchain/operator"
cache_root=${VERTO_KUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/kube}

# shellcheck disable=SC2034  # the log prefix of scripts/lib/go-build-cache.sh
build_name=bootstrap-operator
# shellcheck source=scripts/lib/go-build-cache.sh
source "$here/lib/go-build-cache.sh"

require_pin "$src/go.mod" github.com/prometheus-operator/prometheus-operator "$OPERATOR_VERSION"
bin="$cache_root/prometheus-operator-${OPERATOR_VERSION#v}_$(pin_key "$src")/bin"
cached_or_lock "$bin" 0 operator

t0=$SECONDS
mkdir -p "$bin.partial"
log "building operator (prometheus-operator $OPERATOR_VERSION)"
# The version the operator reports (and its default config-reloader tag) comes from these, as its Makefile sets them.
go_build_env
(cd "$src" && go build -o "$bin.partial/operator" \
  -ldflags "-s -w -X github.com/prometheus/common/version.Version=${OPERATOR_VERSION#v}" \
  github.com/prometheus-operator/prometheus-operator/cmd/operator) || die "go build (see the go output above)"
mv "$bin.partial" "$bin"
log "built in $((SECONDS - t0))s: $bin"
echo "$bin"
