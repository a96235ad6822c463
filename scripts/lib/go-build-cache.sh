# shellcheck shell=bash
# Sourced by scripts/bootstrap-kube.sh, scripts/bootstrap-operator.sh and scripts/bootstrap-pulumi.sh: Go commands
# built once per pin set (a go.mod and go.sum of their own) into a cache that concurrent runs share; and by
# scripts/bootstrap-gitlab-ci-local.sh for its cache and lock. Set build_name (the log prefix) before sourcing.
#
#   log MSG / die MSG                       progress and failure on stderr
#   go_build_env                            exports how every one of them builds (below)
#   require_pin GO_MOD MODULE VERSION       dies unless GO_MOD requires MODULE at VERSION
#   pin_key DIR                             10 hex digits of DIR's go.mod and go.sum SHA-256: the cache key
#   cached_or_lock BIN REBUILD NAME...      prints BIN and exits when every NAME is executable in BIN (unless REBUILD
#                                           is 1); otherwise takes the build lock of BIN's directory (a second caller
#                                           waits, then finds the cache) and returns, so the caller builds

# Static binaries from the pinned go.sum only, without local paths. Cold, these builds are most of a CI run on two
# cores, so they skip what nobody uses: the linker already strips debug info (-ldflags -s -w), so the compiler need
# not generate it (-dwarf=false: a cold prometheus-operator build 113 s -> 96 s, user CPU -14 %); and the compiler
# spends about a quarter of its CPU collecting garbage at the default GOGC=100 (400: 131 s -> 100 s, user CPU
# -25 %), peak memory well within a CI runner's.
go_build_env() {
  command -v go >/dev/null 2>&1 || die "go is not on PATH"
  export CGO_ENABLED=0
  GOFLAGS="$(go env GOFLAGS) -mod=readonly -trimpath -gcflags=all=-dwarf=false"; export GOFLAGS
  export GOGC=${GOGC:-400}
}

log() { printf '[%s] %s\n' "${build_name:?}" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

require_pin() {
  grep -Eq "(^|[[:space:]])$2 $3( //.*)?$" "$1" || die "$1 does not require $2 $3"
}

pin_key() { cat "$1/go.mod" "$1/go.sum" | sha256sum | cut -c1-10; }

built() {
  local bin=$1 b; shift
  for b in "$@"; do [ -x "$bin/$b" ] || return 1; done
}

cached_or_lock() {
  local bin=$1 rebuild=$2; shift 2
  if [ "$rebuild" != 1 ] && built "$bin" "$@"; then log "cached: $bin"; echo "$bin"; exit 0; fi
  mkdir -p "$(dirname "$bin")"
  exec 9>"$(dirname "$bin")/.lock"
  flock -n 9 || { log "waiting for the build already running into $(dirname "$bin")"; flock 9; }
  if [ "$rebuild" != 1 ] && built "$bin" "$@"; then log "cached (built by a concurrent run): $bin"; echo "$bin"; exit 0; fi
}
