#!/usr/bin/env bash
# MySQL restore (design 9.2) of one backup made by mysql-backup.sh: one version of
# s3://$BACKUP_BUCKET/$RESTORE_KEY, checked against S3's SHA-256 before a byte of it reaches the database.
#   mysql-restore.sh download  fetch version $RESTORE_VERSION (a version id, or `latest`) into $BACKUP_WORK_DIR
#                              and check its checksum (the AWS CLI image)
#   mysql-restore.sh restore   restore it into the empty or absent $RESTORE_DATABASE and check every table and
#                              its row count against the backup's manifest (the MySQL client image)
#   mysql-restore.sh check     the weekly restore check: restore into the scratch database $RESTORE_DATABASE,
#                              check it, drop it again, whatever the outcome
#   mysql-restore.sh           download, then restore (by hand, and the local test)
# Environment: as mysql-backup.sh, plus RESTORE_KEY (default $BACKUP_PREFIX$MYSQL_DATABASE.sql.gz), RESTORE_VERSION
# and RESTORE_DATABASE; MYSQL_USER is the restore user, with rights on $RESTORE_DATABASE only. Fails loudly
# (non-zero, with the reason) when the version does not exist, its checksum is missing or wrong, the dump is
# incomplete, holds a client command (`\!` runs a shell), or restores other tables or row counts than it recorded.
set -euo pipefail

work=${BACKUP_WORK_DIR:-/backup}
fail() { echo "mysql-restore: $*" >&2; exit 1; }
s3api() { aws ${S3_ENDPOINT_URL:+--endpoint-url "$S3_ENDPOINT_URL"} s3api "$@"; }
# Checksums in the form S3 gives them: base64 of the SHA-256's bytes (from sha256sum's hex, coreutils only).
hex_to_bin() { printf '%b' "$(sed 's/../\\x&/g')"; }
hex_to_b64() { hex_to_bin | base64 | tr -d '\n'; }

# latest_version KEY: the current version's id; a key whose newest entry is a delete marker has none.
latest_version() {
  local v
  v=$(s3api list-object-versions --bucket "$BACKUP_BUCKET" --prefix "$1" \
    --query "Versions[?Key=='$1' && IsLatest].VersionId | [0]" --output text) || fail "cannot list the versions of s3://$BACKUP_BUCKET/$1"
  if [ -z "$v" ] || [ "$v" = None ]; then fail "s3://$BACKUP_BUCKET/$1 has no current version (no backup yet, or deleted)"; fi
  echo "$v"
}

# local_checksum FILE PARTS PART_SIZE: S3's SHA-256 of FILE as uploaded: of the file, or of its parts' checksums.
local_checksum() {
  if [ "$2" -le 1 ]; then sha256sum <"$1" | cut -c1-64 | hex_to_b64; return; fi
  local hex="" part
  rm -rf "$work/parts" && mkdir -p "$work/parts"
  split -b "$3" -d -a 5 "$1" "$work/parts/"
  for part in "$work"/parts/*; do hex+=$(sha256sum <"$part" | cut -c1-64); done
  rm -rf "$work/parts"
  hex_to_bin <<<"$hex" | sha256sum | cut -c1-64 | hex_to_b64
}

download() {
  : "${BACKUP_BUCKET:?}" "${RESTORE_VERSION:?RESTORE_VERSION (a version id, or latest) is required}"
  local key=${RESTORE_KEY:-${BACKUP_PREFIX:-mysql/}${MYSQL_DATABASE:?RESTORE_KEY or MYSQL_DATABASE is required}.sql.gz}
  local version=$RESTORE_VERSION head stored part_size parts want got
  [ "$version" != latest ] || version=$(latest_version "$key")
  mkdir -p "$work"
  rm -f "$work/restore.sql.gz" "$work/restore.version"
  head=$(s3api head-object --bucket "$BACKUP_BUCKET" --key "$key" --version-id "$version" --checksum-mode ENABLED \
    --query '[ChecksumSHA256, Metadata."part-size"]' --output text) || fail "cannot find s3://$BACKUP_BUCKET/$key version $version"
  stored=$(cut -f1 <<<"$head") part_size=$(cut -f2 <<<"$head")
  if [ -z "$stored" ] || [ "$stored" = None ]; then
    fail "s3://$BACKUP_BUCKET/$key version $version carries no SHA-256 checksum: it was not written by mysql-backup.sh; refusing it"
  fi
  s3api get-object --bucket "$BACKUP_BUCKET" --key "$key" --version-id "$version" "$work/restore.sql.gz" >/dev/null \
    || fail "cannot download s3://$BACKUP_BUCKET/$key version $version (a checksum the CLI found wrong is named above)"
  # A multipart object's checksum is of its parts' checksums, `<b64>-<parts>`.
  want=${stored%%-*} parts=1
  if [ "$part_size" != None ] && [ -n "$part_size" ]; then parts=$(( ($(wc -c <"$work/restore.sql.gz") + part_size - 1) / part_size )); fi
  [ "$stored" = "$want" ] || [ "${stored#*-}" = "$parts" ] || fail "s3://$BACKUP_BUCKET/$key version $version: $parts parts, S3 says ${stored#*-}"
  got=$(local_checksum "$work/restore.sql.gz" "$parts" "${part_size:-0}")
  [ "$got" = "$want" ] || fail "s3://$BACKUP_BUCKET/$key version $version does not match its SHA-256 (S3: $want, downloaded: $got)"
  echo "$version" >"$work/restore.version"
  echo "downloaded s3://$BACKUP_BUCKET/$key version $version ($(wc -c <"$work/restore.sql.gz") bytes, SHA-256 checked)"
}

# The client, refusing client commands (`\!` runs a shell on the pod, `\.` reads its files): MariaDB's
# --sandbox; MySQL's --binary-mode, which leaves only \C and DELIMITER.
use_client() {
  if command -v mariadb >/dev/null; then mysql_client=(mariadb --sandbox)
  elif command -v mysql >/dev/null; then mysql_client=(mysql --binary-mode)
  else fail "no mariadb or mysql client on PATH"; fi
}
sql() { "${mysql_client[@]}" --host="$MYSQL_HOST" --port="${MYSQL_PORT:-3306}" --user="$MYSQL_USER" --batch --skip-column-names "$@"; }

# checked_dump: the backup is whole (gzip, completion line, manifest) and runs no client command.
checked_dump() {
  local f=$work/restore.sql.gz
  [ -s "$f" ] || fail "nothing to restore in $work (did the download run?)"
  gzip -t "$f" || fail "the backup is not a valid gzip file"
  gzip -dc "$f" | tail -n 1 | grep -q '^-- verto-backup-manifest-end: ' || fail "the backup has no manifest of its tables (not made by mysql-backup.sh)"
  gzip -dc "$f" | grep -B1 -m1 '^-- verto-backup-manifest: ' | head -n 1 | grep -q '^-- Dump completed' \
    || fail "the backup is incomplete (no completion line before its manifest)"
  if gzip -dc "$f" | grep -n -i -m3 -E '^[[:space:]]*(\\!|system([[:space:]]|$))' >"$work/commands"; then
    fail "the backup holds client commands, refused before the restore: $(tr '\n' ' ' <"$work/commands")"
  fi
}

# load DATABASE: the dump into DATABASE, which must hold no table (a restore never merges).
load() {
  local existing
  existing=$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$1'")
  [ "$existing" = 0 ] || fail "database $1 already has $existing tables; restore into a new, empty database"
  sql -e "CREATE DATABASE IF NOT EXISTS \`$1\`"
  # shellcheck disable=SC2016  # backquotes are MySQL's identifier quotes here, not command substitution
  # Views, triggers and routines carry the DEFINER of the source server, which the restore user may not
  # be allowed to name (it needs SET USER): they are restored as the restore user's own.
  gzip -dc "$work/restore.sql.gz" | sed -E 's#/\*!50013 DEFINER=`[^`]*`@`[^`]*` SQL SECURITY DEFINER \*/##; s# DEFINER=`[^`]*`@`[^`]*`##g' \
    | sql "$1" || fail "restoring into $1 failed"
}

# verify DATABASE: exactly the tables the manifest names, each with the rows it recorded.
verify() {
  local expected actual table want got bad=0
  expected=$(gzip -dc "$work/restore.sql.gz" | sed -n 's/^-- verto-backup-table: //p' | sort)
  actual=$(sql -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$1' AND table_type = 'BASE TABLE'" | sort)
  [ "$(cut -d' ' -f1 <<<"$expected")" = "$actual" ] \
    || fail "$1 has the tables [$(tr '\n' ' ' <<<"$actual")], the backup recorded [$(cut -d' ' -f1 <<<"$expected" | tr '\n' ' ')]"
  while read -r table want; do
    [ -n "$table" ] || continue
    got=$(sql -e "SELECT COUNT(*) FROM \`$1\`.\`$table\`")
    echo "  $table: $got rows (backup: $want)"
    [ "$got" = "$want" ] || bad=$((bad + 1))
  done <<<"$expected"
  [ "$bad" = 0 ] || fail "$1: $bad tables hold other row counts than the backup recorded"
  echo "$1: $(grep -c . <<<"$expected") tables, each with the rows the backup recorded"
}

restore() {
  : "${MYSQL_HOST:?}" "${MYSQL_USER:?}" "${MYSQL_PWD:?}" "${RESTORE_DATABASE:?}"
  use_client
  checked_dump
  load "$RESTORE_DATABASE"
  verify "$RESTORE_DATABASE"
  echo "restored version $(cat "$work/restore.version" 2>/dev/null || echo '?') into $RESTORE_DATABASE"
  rm -f "$work/restore.sql.gz" "$work/restore.version"
}

# check: restore into the scratch database and drop it again, also when the restore fails.
check() {
  : "${MYSQL_HOST:?}" "${MYSQL_USER:?}" "${MYSQL_PWD:?}" "${RESTORE_DATABASE:?}"
  use_client
  [ "$RESTORE_DATABASE" != "${MYSQL_DATABASE:-}" ] || fail "the scratch database must not be the application's ($RESTORE_DATABASE)"
  sql -e "DROP DATABASE IF EXISTS \`$RESTORE_DATABASE\`"
  trap 'sql -e "DROP DATABASE IF EXISTS \`$RESTORE_DATABASE\`" || echo "mysql-restore: could not drop $RESTORE_DATABASE" >&2' EXIT
  checked_dump
  load "$RESTORE_DATABASE"
  verify "$RESTORE_DATABASE"
  echo "restore check passed: version $(cat "$work/restore.version" 2>/dev/null || echo '?') restores"
}

case "${1:-all}" in
  download) download ;;
  restore) restore ;;
  check) check ;;
  all) download; restore ;;
  *) fail "usage: mysql-restore.sh [download|restore|check]" ;;
esac
