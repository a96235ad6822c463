#!/usr/bin/env bash
# bootstrap-kube.sh: build the throwaway Kubernetes control plane that scripts/apply-test runs
# `pulumi up` against, from the Go module proxy, once; later runs reuse the cache.
#
# Usage:
#   bin=$(scripts/bootstrap-kube.sh | tail -1)
# Progress and timings go to stderr; the LAST line of stdout is the bin dir:
#   ${VERTO_KUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/kube}/<key>/bin
# holding kube-apiserver, kube-controller-manager and kubectl. Go's module and build caches stay in
# Go's default places, never in the repository.
#
# What is built, which version, and why (the pins live in scripts/kube-toolchain/go.mod and go.sum):
#   kube-apiserver, kube-controller-manager, kubectl   k8s.io/kubernetes v1.34.2
#       The oldest minor the module proxy serves (v1.34 .. v1.37 are served), so the test holds for
#       clusters that are not on the newest release; it has Pod Security admission on by default and
#       server-side apply. k8s.io/kubernetes is not meant to be required as a module: its go.mod points
#       31 staging modules (k8s.io/api, client-go, ...) at ./staging/..., which `go build` refuses
#       from the proxy. scripts/kube-toolchain/go.mod replaces each one with the same module at
#       v0.34.2, the version published from that staging tree, and names the three commands as
#       `tool` lines. kube-controller-manager is needed for the `default` ServiceAccounts, namespace
#       deletion and the Deployment/ReplicaSet controllers (a rolling update is visible as a second
#       ReplicaSet). kubectl comes from the same module: no second download, same version.
#   etcd   NOT built: Debian's etcd-server (3.4.23, `apt-get install etcd-server`, see .ci/run) is the
#       store; building go.etcd.io/etcd/server/v3 would add minutes to a cold run for no gain here.
#       The apply test only checks that `etcd` is on PATH.
#   CRDs   NOT built: read from pinned module zips by scripts/lib/kube-cluster.sh (install_crds):
#       VPA at tools/manifest-check/crds/go.mod's pin, prometheus-operator at scripts/kube-toolchain/crds.
#
# Cold (empty module and build caches, 2 idle cores): 285 s measured, kube-apiserver 225 s including
# the downloads, kube-controller-manager 42 s and kubectl 18 s (they share most of its packages).
# With the cores shared with another build it took 630 s.
#
# Environment:
#   VERTO_KUBE_CACHE        cache root (default $XDG_CACHE_HOME/verto-infra/kube)
#   VERTO_KUBE_REBUILD=1    ignore a complete cache entry and build again
#   GOPROXY, GOFLAGS, ...   honoured as usual by the go command
set -euo pipefail

KUBERNETES_VERSION=v1.34.2
BINARIES=(kube-apiserver kube-controller-manager kubectl)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src="$here/kube-toolchain"
cache_root=${VERTO_KUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/kube}

# shellcheck disable=SC2034  # the log prefix of scripts/lib/go-build-cache.sh
build_name=bootstrap-kube
# shellcheck source=scripts/lib/go-build-cache.sh
source "$here/lib/go-build-cache.sh"

require_pin "$src/go.mod" k8s.io/kubernetes "$KUBERNETES_VERSION"
dir="$cache_root/kubernetes-${KUBERNETES_VERSION#v}_$(pin_key "$src")"
bin="$dir/bin"
cached_or_lock "$bin" "${VERTO_KUBE_REBUILD:-}" "${BINARIES[@]}"

rm -rf "$bin.partial"
mkdir -p "$bin.partial"
go_build_env
# What `kubectl version` and the API server's /version report (the Makefile sets these from git).
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$KUBERNETES_VERSION \
  -X k8s.io/client-go/pkg/version.gitVersion=$KUBERNETES_VERSION \
  -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=34"

t_all=$SECONDS
for b in "${BINARIES[@]}"; do
  t0=$SECONDS
  log "building $b (k8s.io/kubernetes $KUBERNETES_VERSION)"
  (cd "$src" && go build -o "$bin.partial/$b" -ldflags "$ldflags" "k8s.io/kubernetes/cmd/$b") \
    || die "go build $b (see the go output above)"
  log "built $b in $((SECONDS - t0))s"
done
"$bin.partial/kube-apiserver" --version >&2 || die "the built kube-apiserver does not run"

old="$dir/bin.old.$$"
if [ -d "$bin" ]; then mv "$bin" "$old"; fi   # a rename: readers never see half a bin/
mv "$bin.partial" "$bin"
rm -rf "$old"
log "all built in $((SECONDS - t_all))s: $bin"
echo "$bin"
