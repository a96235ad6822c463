#!/usr/bin/env bash
# bootstrap-pulumi.sh: build the Pulumi toolchain this project needs from Go
# modules, for machines that cannot download Pulumi's prebuilt binaries.
#
# On a machine with internet access use the official installer instead
# (https://www.pulumi.com/docs/install/) plus `pulumi plugin install`.
# This script is the air-gapped path: it needs only Go (>= 1.26.6), a Go
# module proxy (GOPROXY: the public one or a company mirror such as Athens,
# Artifactory or Nexus) and nothing else. It never fetches release tarballs.
# The checksums of every module it builds from are pinned in the go.sum files
# under scripts/pulumi-toolchain/, so a mirror cannot substitute code.
#
# Usage:
#   bin=$(scripts/bootstrap-pulumi.sh | tail -1); export PATH="$bin:$PATH"
# Progress and timings go to stderr; the LAST line of stdout is the bin dir.
# Output: ${VERTO_TOOLCHAIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/toolchain}/<key>/bin
# A second run with the same pins finds the binaries there and returns at once.
# Go's module and build caches stay in Go's default places (go env GOMODCACHE
# GOCACHE), never in the repository.
#
# What is built, which version, and why:
#   pulumi                      github.com/pulumi/pulumi/pkg/v3 v3.274.1, cmd/pulumi
#       The CLI and engine. Newest pkg/v3 the module proxy serves here; it wants
#       go >= 1.26.6. Built in scripts/pulumi-toolchain/cli, a wrapper module
#       that requires pkg/v3 and copies its versioned replace line
#       (atotto/clipboard => tgummerer/clipboard); `go install pkg@version`
#       refuses modules whose go.mod has replace lines.
#   pulumi-language-java        github.com/pulumi/pulumi-java/pkg v1.22.0
#       The Java language host. The Java SDK we use is com.pulumi:pulumi
#       1.36.1, whose matching host would be pkg v1.36.1, but the proxy refuses
#       pulumi-java/pkg v1.23.0 .. v1.37.0 (403), so v1.22.0 is the newest that
#       can be built. The host only starts `java -jar <binary>` (or Maven) and
#       hands it the engine address; the wire protocol lives in the SDK jar, and
#       1.36.1 programs run fine under it (preview/up verified). Known v1.22.0
#       wart, fixed upstream in v1.26.1: after every run it logs "E... main.go:456]
#       unable to start debugging: ... client connection is closing" (harmless)
#       and shows the program's own stdout only when the program fails. Upstream asks
#       for pulumi pkg/sdk v3.228.0, which the proxy does not serve; the
#       wrapper (scripts/pulumi-toolchain/java) lifts them to v3.229.0.
#   pulumi-resource-kubernetes  github.com/pulumi/pulumi-kubernetes/provider/v4
#                               v4.0.0-20260115033456-f47bc2d6f199
#       The Kubernetes provider. pulumi-kubernetes tags only its root and sdk/
#       modules, so provider/v4 exists only as pseudo-versions; this is the one
#       the proxy serves: master on 2026-01-15, one day before the v4.25.0
#       release. It reports itself as $K8S_PROVIDER_VERSION. A 4.x provider is
#       backwards compatible with the com.pulumi:kubernetes 4.0.0 Java SDK and
#       supports renderYamlToDirectory. Upstream's main package embeds
#       schema-embed.json, a generated file the module zip lacks; the wrapper
#       (scripts/pulumi-toolchain/kubernetes) has the same main package and a
#       small generator (gen/) that writes that file from the module's
#       schema.json with the version set. Its replace line for the sdk/v4
#       module points to ../sdk upstream; the wrapper uses sdk/v4 v4.24.0, the
#       version upstream's go.mod requires.
#   pulumi-analyzer-policy      scripts/pulumi-toolchain/pulumi-analyzer-policy
#       The launcher the official CLI tarball ships (sdk/nodejs/dist/
#       pulumi-analyzer-policy upstream): a shell script that runs node on the
#       policy pack's own @pulumi/pulumi/cmd/run-policy-pack. pulumi v3.274.1
#       no longer falls back to it for a pack *directory* (that path needs
#       pulumi-language-nodejs, below), but runs `--policy-pack FILE` as a
#       binary analyzer when FILE is executable; the launcher supports that
#       call too. Usage (see the header of the launcher):
#         ln -s "$bin/pulumi-analyzer-policy" policies/.analyzer
#         pulumi preview --policy-pack policies/.analyzer
#       Needs node on PATH and `npm install` in the pack (@pulumi/policy,
#       @pulumi/pulumi, typescript, ts-node).
#   NOT built: pulumi-language-nodejs
#       github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 has
#       no tags of its own; the proxy answers 403 ("This module version is not
#       available") to its version list, to @v3.274.1, @latest and @master, so
#       its source cannot be had here. It is needed for Node.js *programs* and
#       for `--policy-pack DIR`; Java programs and `--policy-pack FILE` work
#       without it. Where a mirror serves it, add a wrapper like cli/ that
#       requires it at the pseudo-version of the v3.274.1 commit.
#
# Environment:
#   VERTO_TOOLCHAIN_CACHE   cache root (default $XDG_CACHE_HOME/verto-infra/toolchain)
#   GOPROXY, GOFLAGS, ...   honoured as usual by the go command
#   VERTO_TOOLCHAIN_REBUILD=1  ignore a complete cache entry and build again
set -euo pipefail

PULUMI_VERSION=v3.274.1
JAVA_HOST_VERSION=v1.22.0
K8S_PROVIDER_MODULE_VERSION=v4.0.0-20260115033456-f47bc2d6f199
K8S_PROVIDER_VERSION=4.25.0-alpha.20260115033456+f47bc2d6f199
MIN_GO=1.26.6

BINARIES=(pulumi pulumi-language-java pulumi-resource-kubernetes pulumi-analyzer-policy)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src="$here/pulumi-toolchain"
cache_root=${VERTO_TOOLCHAIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/toolchain}

# shellcheck disable=SC2034  # the log prefix of scripts/lib/go-build-cache.sh
build_name=bootstrap-pulumi
# shellcheck source=scripts/lib/go-build-cache.sh
source "$here/lib/go-build-cache.sh"   # log, die, go_build_env

step=setup
on_exit() { local rc=$?; if [ "$rc" -ne 0 ]; then log "FAILED at step: $step (exit $rc)"; fi; }
trap on_exit EXIT

# Wrapper sources take part in the key, so editing a go.mod rebuilds.
src_hash=$(cd "$src" && find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum -o -name 'pulumi-analyzer-*' \) \
             -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-10)
key="pulumi-${PULUMI_VERSION#v}_java-${JAVA_HOST_VERSION#v}_k8s-${K8S_PROVIDER_VERSION%%+*}_${src_hash}"
dir="$cache_root/$key"
bin="$dir/bin"

complete() {
  local b
  for b in "${BINARIES[@]}"; do [ -x "$bin/$b" ] || return 1; done
}

if [ "${VERTO_TOOLCHAIN_REBUILD:-}" != 1 ] && complete; then
  log "cached: $bin"
  echo "$bin"
  exit 0
fi

step="check go"
command -v go >/dev/null 2>&1 || die "go is not on PATH (need Go >= $MIN_GO)"
gov=$(go env GOVERSION); gov=${gov#go}
if [ "$(printf '%s\n%s\n' "$MIN_GO" "$gov" | sort -V | head -1)" != "$MIN_GO" ]; then
  die "Go $gov is too old: pulumi $PULUMI_VERSION needs Go >= $MIN_GO"
fi
log "building into $dir with go $gov (GOPROXY=$(go env GOPROXY))"

mkdir -p "$dir"
# One build at a time per key (a second caller waits, then finds the cache).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dir/.lock"
  flock -n 9 || { log "waiting for the build already running into $dir"; flock 9; }
  if [ "${VERTO_TOOLCHAIN_REBUILD:-}" != 1 ] && complete; then
    log "cached (built by a concurrent run): $bin"; echo "$bin"; exit 0
  fi
fi

work="$dir/src"
rm -rf "$work" "$bin.partial"
mkdir -p "$work" "$bin.partial"
cp -R "$src/." "$work/"
chmod -R u+w "$work"

go_build_env

timed() { # timed NAME CMD...: run, report seconds, name the step on failure
  step=$1; shift
  local t0=$SECONDS
  log "step: $step"
  "$@" || die "step '$step' failed (see the go output above)"
  log "done: $step ($((SECONDS - t0))s)"
}

t_all=$SECONDS

# pulumi
build_cli() {
  (cd "$work/cli" && go build -o "$bin.partial/pulumi" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
}
timed "pulumi CLI (pulumi/pkg/v3 $PULUMI_VERSION)" build_cli

# pulumi-language-java
build_java() {
  (cd "$work/java" && go build -o "$bin.partial/pulumi-language-java" \
    -ldflags "-s -w -X github.com/pulumi/pulumi-java/pkg/version.Version=${JAVA_HOST_VERSION#v}" \
    github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java)
}
timed "pulumi-language-java (pulumi-java/pkg $JAVA_HOST_VERSION)" build_java

# pulumi-resource-kubernetes
build_k8s() {
  (cd "$work/kubernetes" &&
    go mod download github.com/pulumi/pulumi-kubernetes/provider/v4 &&
    moddir=$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi-kubernetes/provider/v4) &&
    [ -f "$moddir/cmd/pulumi-resource-kubernetes/schema.json" ] &&
    go run ./gen "$moddir/cmd/pulumi-resource-kubernetes" "$K8S_PROVIDER_VERSION" . &&
    go build -o "$bin.partial/pulumi-resource-kubernetes" \
      -ldflags "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$K8S_PROVIDER_VERSION" .)
}
timed "pulumi-resource-kubernetes (provider/v4 $K8S_PROVIDER_MODULE_VERSION)" build_k8s

# policy analyzer launcher
install_launcher() {
  install -m 0755 "$src/pulumi-analyzer-policy" "$bin.partial/pulumi-analyzer-policy"
}
timed "pulumi-analyzer-policy launcher" install_launcher

step="smoke test"
"$bin.partial/pulumi" version >/dev/null || die "the built pulumi does not run"

step="publish"
old="$dir/bin.old.$$"
if [ -d "$bin" ]; then mv "$bin" "$old"; fi   # a rename: readers never see half a bin/
mv "$bin.partial" "$bin"
rm -rf "$old" "$work"
log "all built in $((SECONDS - t_all))s: $bin"
echo "$bin"
