#!/usr/bin/env bash
# bootstrap-gitlab-ci-local.sh: install gitlab-ci-local (npm), pinned, once into the cache; later runs reuse it.
# scripts/pipeline-test runs .gitlab-ci.yml with it. 4.56.2 is the newest release that runs on Node 20.
#
# Usage:
#   gcl=$(scripts/bootstrap-gitlab-ci-local.sh | tail -1)/gitlab-ci-local
# Progress goes to stderr; the LAST line of stdout is the bin dir holding `gitlab-ci-local`:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/gitlab-ci-local-<version>/node_modules/.bin
# Cold it takes about a minute (npm compiles its re2 dependency), so scripts/test starts it in the background; a
# second caller waits on the install's lock, then finds it.
set -euo pipefail

GITLAB_CI_LOCAL_VERSION=4.56.2
dir=${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra/gitlab-ci-local-$GITLAB_CI_LOCAL_VERSION
bin="$dir/node_modules/.bin"

log() { printf '[bootstrap-gitlab-ci-local] %s\n' "$*" >&2; }
installed() { [ -x "$bin/gitlab-ci-local" ]; }

if installed; then log "cached: $bin"; echo "$bin"; exit 0; fi
command -v npm >/dev/null 2>&1 || { log "FAILED: npm is not on PATH (Debian: apt-get install npm; .ci/run installs it)"; exit 1; }
mkdir -p "$(dirname "$dir")"
exec 9>"$dir.lock"
flock -n 9 || { log "waiting for the install already running into $dir"; flock 9; }
if installed; then log "cached (installed by a concurrent run): $bin"; echo "$bin"; exit 0; fi

t0=$SECONDS
log "installing gitlab-ci-local $GITLAB_CI_LOCAL_VERSION into $dir"
npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION" >&2 \
  || { log "FAILED: npm install gitlab-ci-local@$GITLAB_CI_LOCAL_VERSION (see npm's output above)"; exit 1; }
installed || { log "FAILED: npm installed no $bin/gitlab-ci-local"; exit 1; }
log "installed in $((SECONDS - t0))s: $bin"
echo "$bin"
