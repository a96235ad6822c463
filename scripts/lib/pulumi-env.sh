# shellcheck shell=bash
# Sourced by the scripts that run the real Pulumi engine. Puts the Pulumi toolchain on PATH and
# configures an offline Pulumi: no update check, no plugin downloads, a local file backend.
#
#   VERTO_PULUMI=system   use the `pulumi` already on PATH (official installer) instead of building it
#   PULUMI_BACKEND_URL    where stack state lives (default: a file backend under ~/.local/state)
#   PULUMI_HOME           Pulumi's own home (default: under ~/.cache, so nothing lands in the repo)
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra
state=${XDG_STATE_HOME:-$HOME/.local/state}/verto-infra

if [ "${VERTO_PULUMI:-bootstrap}" = system ]; then
  command -v pulumi >/dev/null || { echo "VERTO_PULUMI=system but no pulumi on PATH" >&2; exit 1; }
else
  toolchain_bin=$("$repo/scripts/bootstrap-pulumi.sh" | tail -1)
  export PATH="$toolchain_bin:$PATH"
fi
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_HOME=${PULUMI_HOME:-$cache/pulumi-home}
mkdir -p "$state/backend"
export PULUMI_BACKEND_URL=${PULUMI_BACKEND_URL:-file://$state/backend}

# The launcher (below) runs the pack in this directory. Set here: policy_pack_arg runs in a subshell.
export VERTO_POLICY_PACK_DIR="$repo/policies"

# What to pass to --policy-pack. With the official CLI that is the pack's directory. The air-gapped
# toolchain has no Node.js language host, so it gets the analyzer launcher, which runs the same pack.
policy_pack_arg() {
  if [ "${VERTO_PULUMI:-bootstrap}" = system ] || command -v pulumi-language-nodejs >/dev/null; then
    echo "$repo/policies"
  else
    mkdir -p "$cache/analyzer"
    ln -sf "$toolchain_bin/pulumi-analyzer-policy" "$cache/analyzer/verto-policies"
    echo "$cache/analyzer/verto-policies"
  fi
}

# Installs the policy pack's dependencies from its lock file when they are missing or stale.
ensure_policy_deps() {
  if [ ! -d "$repo/policies/node_modules" ] || [ "$repo/policies/package-lock.json" -nt "$repo/policies/node_modules/.package-lock.json" ]; then
    (cd "$repo/policies" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# throwaway_stack DIR STACK [ROOT]: a copy of the project at ROOT (default: this repo) in DIR with
# STACK initialised from its committed stack file, sharing ROOT's built jar. Development keeps its own
# placeholder secrets; a cluster stack gets throwaway secrets, the test stand-ins for the values each team
# sets (test_values), and renders to DIR/rendered instead of contacting its cluster, which a staging or
# production stack may only do when marked verto:testOnly. Prints the passphrase to use with it.
throwaway_stack() {
  local dir=$1 stack=$2 root=${3:-$repo} passphrase
  mkdir -p "$dir"
  cp "$root/Pulumi.yaml" "$root/Pulumi.$stack.yaml" "$dir/"
  ln -sfn "$root/target" "$dir/target"
  if [ "$stack" = development ]; then passphrase=verto-development; else passphrase="throwaway-$stack"; fi
  PULUMI_CONFIG_PASSPHRASE=$passphrase pulumi --cwd "$dir" stack init "$stack" --secrets-provider passphrase >/dev/null
  if [ "$stack" != development ]; then
    pulumi --cwd "$dir" config set --stack "$stack" verto:testOnly "throwaway test stack (scripts/lib/pulumi-env.sh)" >/dev/null
    pulumi --cwd "$dir" config set --stack "$stack" verto:renderDirectory "$dir/rendered" >/dev/null
    # The secrets the committed stack file needs, as scripts/stack-init asks for them (the program says which).
    local key keys
    keys=$(java -cp "$root/target/verto-infra-program.jar" io.verto.infra.platform.StackFile "$dir/Pulumi.$stack.yaml" "$stack") \
      || { echo "throwaway_stack: the program in $root cannot list the secrets Pulumi.$stack.yaml needs (above)" >&2; return 1; }
    for key in $keys; do
      PULUMI_CONFIG_PASSPHRASE=$passphrase pulumi --cwd "$dir" config set --stack "$stack" --secret "$key" "throwaway-${key#verto:}" >/dev/null
    done
    test_values "$dir" "$stack"
    engine_variant "$dir" "$stack"
  fi
  echo "$passphrase"
}

# set_paths DIR STACK FILE JQ_FILTER: `pulumi config set --path verto:<path> <value>` for each "path<TAB>value" line
# the filter makes of a JSON file under src/test/resources/stacks/ (keys starting with _ are comments), or
# `pulumi config rm --path` where the value is null.
set_paths() {
  local dir=$1 stack=$2 file=$3 filter=$4 path value
  while IFS=$'\t' read -r path value; do
    if [ "$value" = null ]; then
      pulumi --cwd "$dir" config rm --stack "$stack" --path "verto:$path" >/dev/null
    else
      pulumi --cwd "$dir" config set --stack "$stack" --path "verto:$path" "$value" >/dev/null
    fi
  done < <(jq -r --arg stack "$stack" "$filter | to_entries[] | select(.key | startswith(\"_\") | not) | \"\\(.key)\\t\\(.value)\"" \
             "$repo/src/test/resources/stacks/$file")
}

# test_values DIR STACK: the stand-ins for what each team sets in its own stack file (subnets, region,
# certificate), which the committed files leave out; the Java tests add the same (StackFiles.load).
test_values() {
  # shellcheck disable=SC2016  # $stack is jq's variable (set_paths passes it with --arg)
  set_paths "$1" "$2" test-values.json '.[$stack] // {}'
}

# engine_variant DIR STACK: the stack without AWS resources, because the AWS provider cannot be built here
# (README, "Real engine and AWS"): src/test/resources/stacks/engine-variant.json, each key only where its
# object is in the stack file (StackFiles.engineVariant in the Java tests reads the same file, so the mock export
# of this variant, target/policy-input/<stack>.engine.json, is what the engine must register).
engine_variant() {
  local dir=$1 stack=$2 tops
  tops=$(sed -n 's/^  verto:\([A-Za-z]*\):$/\1/p' "$dir/Pulumi.$stack.yaml" | jq -R . | jq -cs .)
  set_paths "$dir" "$stack" engine-variant.json "with_entries(select((.key | split(\".\")[0]) as \$t | $tops | index(\$t)))"
}

# rendered_dir DIR STACK: where a throwaway stack in DIR writes its manifests.
rendered_dir() {
  if [ "$2" = development ]; then echo "$1/rendered/development"; else echo "$1/rendered"; fi
}

# fixture_project DIR CLASS: a Pulumi project in DIR whose program is CLASS from target/test-classes,
# run against the program jar's classpath (a tiny jar with a Class-Path manifest, so nothing is
# shaded twice). Needs `mvn verify` (or test-compile and package) first.
fixture_project() {
  local dir=$1 class=$2
  mkdir -p "$dir"
  printf 'Main-Class: %s\nClass-Path: %s\n' "$class" "$repo/target/verto-infra-program.jar" >"$dir/manifest.txt"
  jar --create --file "$dir/fixture.jar" --manifest "$dir/manifest.txt" -C "$repo/target/test-classes" "${class//.//}.class"
  printf 'name: %s\nruntime:\n  name: java\n  options:\n    binary: fixture.jar\n' "$(basename "$dir")" >"$dir/Pulumi.yaml"
}
