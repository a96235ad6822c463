#!/usr/bin/env bash
# bootstrap-gitlab-ci-local.sh: install gitlab-ci-local (npm), pinned, once into the cache; later runs reuse it.
# scripts/pipeline-test runs .gitlab-ci.yml with it. 4.56.2 is the newest release that runs on Node 20.
#
# Usage:
#   gcl=$(scripts/bootstrap-gitlab-ci-local.sh | tail -1)/gitlab-ci-local
# Progress goes to stderr; the LAST line of stdout is the bin dir holding `gitlab-ci-local`:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/gitlab-ci-local-<version>/node_modules/.bin
# Cold it takes about a minute (npm compiles its re2 dependency), so scripts/test starts it in the background; a
# second caller waits on the install's lock, then finds it (the same cache and lock as the Go-built tools).
set -euo pipefail

GITLAB_CI_LOCAL_VERSION=4.56.2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/gitlab-ci-local-$GITLAB_CI_LOCAL_VERSION
bin="$dir/node_modules/.bin"

# shellcheck disable=SC2034  # the log prefix of scripts/lib/go-build-cache.sh
build_name=bootstrap-gitlab-ci-local
# shellcheck source=scripts/lib/go-build-cache.sh
source "$here/lib/go-build-cache.sh"   # log, die, cached_or_lock

cached_or_lock "$bin" 0 gitlab-ci-local
command -v npm >/dev/null 2>&1 || die "npm is not on PATH (Debian: apt-get install npm; .ci/run installs it)"
t0=$SECONDS
log "installing gitlab-ci-local $GITLAB_CI_LOCAL_VERSION into $dir"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION" >&2 \
  || die "npm install gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION (see npm's output above)"
built "$bin" gitlab-ci-local || die "npm installed no $bin/gitlab-ci-local"
log "installed in $((SECONDS - t0))s: $bin"
echo "$bin"
