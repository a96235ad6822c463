# shellcheck shell=bash
# Sourced by the scripts that operate a real, shared stack: scripts/ci/preview, scripts/ci/deploy,
# scripts/rollback, scripts/drift, scripts/stack-init. The same functions run in GitHub Actions, in GitLab
# CI and on a laptop, so every pipeline does exactly what these scripts do.
#
#   ops_fail MSG...                   the message on stderr, exit 1 (bad input changes nothing)
#   ops_preflight STACK [DIR]         the backend, the stack file, its secrets provider and passphrase, and
#                                     the stack itself exist; sources scripts/lib/pulumi-env.sh
#   ops_build DIR                     builds the program jar of the checkout DIR (Pulumi.yaml runs that jar)
#   ops_missing_secrets DIR STACK     the secrets STACK's settings need that DIR/Pulumi.STACK.yaml lacks, one
#                                     key per line (the program's answer, io.verto.infra.platform.StackFile)
#   ops_secrets DIR STACK             fails naming each of them and the command that sets them
#   ops_pack_arg DIR                  --policy-pack value for the pack in DIR/policies (deps installed)
#   ops_preview DIR STACK OUT         preview with DIR's policy pack and config; writes OUT/STACK.{txt,plan.json,commit,md}
#   ops_approved DIR STACK APPROVED   APPROVED/STACK.plan.json exists and was made at DIR's commit
#   ops_apply DIR STACK APPROVED      applies only what APPROVED/STACK.plan.json showed, for the same commit
#   plan_changes PLAN                 one line per resource the plan changes: `OP URN DIGEST` (sorted)
#
# A saved update plan is written by `pulumi preview --save-plan` (no experimental flag with CLI 3.274.1)
# but only `pulumi up --plan` with PULUMI_EXPERIMENTAL=1 applies one. So the plan file is kept as the record
# of what was shown, and ops_apply previews again right before `up` and refuses unless every resource
# changes in the same way (same operation, same input diff; README, "Approved = previewed").

ops_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

ops_fail() { printf '%s\n' "$*" >&2; exit 1; }
ops_log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

# ops_preflight STACK [DIR]: everything a stack operation needs, checked before anything runs, each
# failure naming the command that fixes it. DIR (default: this checkout) holds Pulumi.STACK.yaml.
ops_preflight() {
  local stack=$1 dir=${2:-$ops_repo}
  [[ $stack =~ ^[a-z][a-z0-9-]*$ ]] || ops_fail "'$stack' is not a stack name (e.g. staging)"
  [ -f "$dir/Pulumi.$stack.yaml" ] || ops_fail "no Pulumi.$stack.yaml in $dir: the stack '$stack' is not declared here (README, \"First stack\")"
  [ -f "$dir/policies/config/$stack.json" ] || ops_fail "no policies/config/$stack.json in $dir: every stack needs its policy config"
  if [ -n "${CI:-}" ] && [ -z "${PULUMI_BACKEND_URL:-}" ]; then
    ops_fail "PULUMI_BACKEND_URL is not set: this job has no access to the shared backend. GitHub: the environment variable" \
      "PULUMI_BACKEND_URL of this job's environment; GitLab: the CI/CD variable scoped to it (README, \"CI/CD workflows\")." \
      "Fork pull requests and unprotected branches get no secrets by design."
  fi
  if grep -q '^encryptionsalt:' "$dir/Pulumi.$stack.yaml"; then
    [ -n "${PULUMI_CONFIG_PASSPHRASE:-}${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ] \
      || ops_fail "stack '$stack' encrypts its secrets with a passphrase and PULUMI_CONFIG_PASSPHRASE is not set" \
        "(CI: the secret of this job's environment; fork pull requests and unprotected branches get none by design)"
  elif ! grep -q '^secretsprovider:' "$dir/Pulumi.$stack.yaml"; then
    ops_fail "Pulumi.$stack.yaml names no secrets provider: the stack was never initialised. Run" \
      "scripts/stack-init $stack (README, \"First stack\") and commit Pulumi.$stack.yaml"
  fi
  # shellcheck source=scripts/lib/pulumi-env.sh
  source "$ops_repo/scripts/lib/pulumi-env.sh"
  local err
  if ! err=$(pulumi --cwd "$dir" stack select "$stack" 2>&1 >/dev/null); then
    ops_fail "stack '$stack' does not exist in $PULUMI_BACKEND_URL ($err). Create it once with scripts/stack-init $stack" \
      "(README, \"First stack\"), then commit Pulumi.$stack.yaml"
  fi
}

# ops_build DIR: the program jar of the checkout in DIR, built now, so no stale target/ is ever run.
ops_build() {
  ops_log "building the program in $1 (mvn package)"
  # maven.test.skip: the tests are not even compiled (scripts/test runs them); only the jar is needed here.
  mvn -B -q -ntp -f "$1/pom.xml" package -Dmaven.test.skip=true >&2
}

# ops_missing_secrets DIR STACK: which secrets the stack's settings need is the program's answer (the same
# settings that validate the stack), so no script keeps a list of its own. Needs ops_build DIR first.
ops_missing_secrets() {
  java -cp "$1/target/verto-infra-program.jar" io.verto.infra.platform.StackFile "$1/Pulumi.$2.yaml" "$2"
}

# ops_secrets DIR STACK: checked before any preview or update, so a missing secret is named with its fix
# instead of surfacing as the program's error in the middle of a run.
ops_secrets() {
  local dir=$1 stack=$2 missing
  missing=$(ops_missing_secrets "$dir" "$stack") || ops_fail "could not read $dir/Pulumi.$stack.yaml (above): nothing ran"
  [ -z "$missing" ] || ops_fail "stack '$stack' lacks the secret(s) $(paste -sd' ' <<<"$missing"): set them with" \
    "scripts/stack-init $stack (it asks for exactly these, from standard input) and commit Pulumi.$stack.yaml: nothing ran"
}

# ops_pack_arg DIR: what to pass to --policy-pack for the pack in DIR/policies (its dependencies installed
# from its own lock file). With the air-gapped toolchain that is the analyzer launcher, which runs the pack
# in VERTO_POLICY_PACK_DIR.
ops_pack_arg() {
  local dir=$1
  if [ ! -d "$dir/policies/node_modules" ] || [ "$dir/policies/package-lock.json" -nt "$dir/policies/node_modules/.package-lock.json" ]; then
    if [ "$dir" != "$ops_repo" ] && [ -d "$ops_repo/policies/node_modules" ] \
        && cmp -s "$dir/policies/package-lock.json" "$ops_repo/policies/package-lock.json" \
        && cmp -s "$ops_repo/policies/package-lock.json" "$ops_repo/policies/node_modules/.package-lock.json"; then
      # Another checkout (a rollback's worktree) with the same lock file: the same dependencies, copied.
      cp -a "$ops_repo/policies/node_modules" "$dir/policies/"
    else
      (cd "$dir/policies" && npm ci --no-audit --no-fund --loglevel=error >&2)
    fi
  fi
  export VERTO_POLICY_PACK_DIR="$dir/policies"
  if [ "$(policy_pack_arg)" = "$ops_repo/policies" ]; then echo "$dir/policies"; else policy_pack_arg; fi
}

# plan_changes PLAN: per changed resource `OP URN DIGEST`, DIGEST over its input diff with secret values
# masked (their ciphertext differs on every run). Sorted, so two plans compare with diff.
plan_changes() {
  jq -r '
    def masked: walk(if type == "object" and has("4dabf18193072939515e22adb298388d") then "[secret]" else . end);
    .resourcePlans | to_entries[] | select(.value.steps != ["same"])
    | "\(.value.steps | join(",")) \(.key) \(.value.goal.inputDiff // {} | masked | tojson)"' "$1" \
  | while read -r op urn diff; do printf '%s %s %s\n' "$op" "$urn" "$(printf '%s' "$diff" | sha256sum | cut -c1-16)"; done \
  | sort
}

# ops_preview DIR STACK OUT: `pulumi preview --diff` of STACK with the program, policy pack and policy
# config of the checkout DIR. Writes OUT/STACK.txt (what people read), OUT/STACK.plan.json (the saved plan),
# OUT/STACK.commit and OUT/STACK.md (the report: changes, policy violations or the error). Returns the
# preview's status.
ops_preview() {
  local dir=$1 stack=$2 out=$3 pack rc=0
  mkdir -p "$out"
  out=$(cd "$out" && pwd)   # pulumi runs with --cwd DIR
  pack=$(ops_pack_arg "$dir")
  git -C "$dir" rev-parse HEAD >"$out/$stack.commit"
  rm -f "$out/$stack.plan.json"
  pulumi --cwd "$dir" preview --stack "$stack" --diff --color never --save-plan "$out/$stack.plan.json" \
    --policy-pack "$pack" --policy-pack-config "$dir/policies/config/$stack.json" >"$out/$stack.txt" 2>&1 || rc=$?
  "$ops_repo/scripts/ci/report" "$stack" "$out" "$rc" >"$out/$stack.md"
  return "$rc"
}

# ops_approved DIR STACK APPROVED: APPROVED holds a preview of STACK made at DIR's commit (checked before
# anything is built or run).
ops_approved() {
  local dir=$1 stack=$2 approved=$3 now
  if [ ! -f "$approved/$stack.plan.json" ] || [ ! -f "$approved/$stack.commit" ]; then
    ops_fail "no approved preview of '$stack' in $approved (the plan job's artifact): nothing applied"
  fi
  now=$(git -C "$dir" rev-parse HEAD)
  [ "$(cat "$approved/$stack.commit")" = "$now" ] \
    || ops_fail "the approved preview of '$stack' was made at $(cat "$approved/$stack.commit"), this is $now: nothing applied"
}

# ops_apply DIR STACK APPROVED: previews STACK again (same program, pack and config as ops_preview) and
# runs `pulumi up` only when the approved preview APPROVED/STACK.plan.json was made at DIR's commit and
# every resource changes exactly as it showed; afterwards checks the update changed as many resources of
# each kind as the plan said.
ops_apply() {
  local dir=$1 stack=$2 approved=$3 pack check
  ops_approved "$dir" "$stack" "$approved"
  pack=$(ops_pack_arg "$dir")
  check=$(mktemp -d)
  ops_log "previewing $stack again to compare with the approved preview"
  pulumi --cwd "$dir" preview --stack "$stack" --color never --save-plan "$check/plan.json" \
    --policy-pack "$pack" --policy-pack-config "$dir/policies/config/$stack.json" >"$check/preview.txt" 2>&1 \
    || { tail -40 "$check/preview.txt" >&2; ops_fail "the preview before applying $stack failed: nothing applied"; }
  if ! diff <(plan_changes "$approved/$stack.plan.json") <(plan_changes "$check/plan.json") >"$check/diff.txt"; then
    sed 's/^/    /' "$check/diff.txt" >&2
    ops_fail "$stack would change differently from the approved preview (< approved, > now; someone changed the stack or" \
      "its cluster since): nothing applied. Run the pipeline again to preview and approve what it would do now."
  fi
  ops_log "$stack changes as approved ($(plan_changes "$check/plan.json" | wc -l) resources): pulumi up"
  pulumi --cwd "$dir" up --yes --skip-preview --stack "$stack" --color never \
    --policy-pack "$pack" --policy-pack-config "$dir/policies/config/$stack.json"
  ops_applied_as_planned "$dir" "$stack" "$check/plan.json"
  rm -rf "$check"
}

# ops_applied_as_planned DIR STACK PLAN: the last update's resource changes (stack history) count as many
# creates, updates, replaces and deletes as PLAN.
ops_applied_as_planned() {
  local planned applied
  planned=$(jq -c '[.resourcePlans[] | .steps | if index("replace") then "replace" else .[0] end | select(. != "same")]
    | group_by(.) | map({(.[0]): length}) | add // {}' "$3")
  applied=$(pulumi --cwd "$1" stack history --stack "$2" --json --page-size 1 \
    | jq -c '.[0].resourceChanges // {} | with_entries(select(.key != "same" and .value > 0))')
  [ "$(jq -S . <<<"$planned")" = "$(jq -S . <<<"$applied")" ] \
    || ops_fail "the update of $2 applied $applied, the approved preview planned $planned: look at it now (pulumi stack history --stack $2)"
  ops_log "applied as planned: $applied"
}
