# shellcheck shell=bash
# Sourced by the shell tests: TAP-style reporting (`ok - ...` / `not ok - ...`), a tally and the
# summary line, and a free TCP port. One copy for every test script.
#
#   ok TEXT / not_ok TEXT     report one check
#   check NAME CMD...         ok when CMD succeeds; otherwise not ok with the tail of what it printed
#   tap_summary LABEL         prints `LABEL: N passed, M failed`; returns 1 when any check failed
#   free_port                 a TCP port nothing listens on now (the kernel's pick for an ephemeral bind)

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

check() {
  local name=$1; shift
  local out
  if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name"; printf '%s\n' "$out" | tail -30 | sed 's/^/    /'; fi
}

tap_summary() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
