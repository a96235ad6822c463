# Sourced by tools/workflow-check/check. The validators, pinned here and only here, and installed on
# first use into ~/.cache/verto-infra (never into the repository):
#   actionlint 1.7.12      the real linter (expressions, contexts, action inputs, runner labels; shellcheck on
#                          `run:` blocks when shellcheck is on PATH). Built with `go install` from the Go module
#                          proxy: release binaries and npm/PyPI wrappers download from GitHub, which CI cannot reach.
#   check-jsonschema 0.39.0  JSON-schema validation with the schemas it bundles (vendor.github-workflows,
#                          vendor.github-actions, vendor.gitlab-ci), so it works offline. From PyPI into a venv
#                          (Debian's Python refuses system-wide pip).
#   ruamel.yaml 0.19.1     check-jsonschema's YAML parser, pinned so consistency.py parses the same way.
ACTIONLINT_VERSION=1.7.12
CHECK_JSONSCHEMA_VERSION=0.39.0
RUAMEL_YAML_VERSION=0.19.1

wc_cache=${XDG_CACHE_HOME:-$HOME/.cache}/verto-infra
ACTIONLINT=$wc_cache/tools/actionlint-v$ACTIONLINT_VERSION/actionlint
WC_VENV=$wc_cache/venv-check-jsonschema-$CHECK_JSONSCHEMA_VERSION-ruamel-$RUAMEL_YAML_VERSION

ensure_validators() {
  if [ ! -x "$ACTIONLINT" ]; then
    command -v go >/dev/null || { echo "tools/workflow-check: Go is needed to build actionlint" >&2; return 1; }
    echo "# building actionlint $ACTIONLINT_VERSION" >&2
    GOBIN=$(dirname "$ACTIONLINT") go install "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" >&2
  fi
  if [ ! -x "$WC_VENV/bin/check-jsonschema" ]; then
    echo "# installing check-jsonschema $CHECK_JSONSCHEMA_VERSION" >&2
    # Recreated from scratch whenever its entry point is missing (e.g. an interrupted install).
    rm -rf "$WC_VENV"
    python3 -m venv "$WC_VENV" >&2
    "$WC_VENV/bin/pip" install -q --disable-pip-version-check \
      "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" "ruamel.yaml==$RUAMEL_YAML_VERSION" >&2
  fi
}
