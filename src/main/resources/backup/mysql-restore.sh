#!/usr/bin/env bash
# MySQL restore (design 9.2) of one backup made by mysql-backup.sh.
#   mysql-restore.sh download  fetch s3://$BACKUP_BUCKET/$RESTORE_KEY into $BACKUP_WORK_DIR (AWS CLI image)
#   mysql-restore.sh restore   restore it into $RESTORE_DATABASE and verify (MariaDB client image)
#   mysql-restore.sh           both (the local test)
# Environment: as mysql-backup.sh, plus RESTORE_KEY and RESTORE_DATABASE. Fails loudly (non-zero, with the
# reason) when the key does not exist, the object is damaged or incomplete, or the database has fewer tables
# afterwards than the dump creates. The target database must be empty or absent: a restore never merges.
set -euo pipefail

work=${BACKUP_WORK_DIR:-/backup}
fail() { echo "mysql-restore: $*" >&2; exit 1; }

download() {
  : "${BACKUP_BUCKET:?}" "${RESTORE_KEY:?}"
  mkdir -p "$work"
  aws ${S3_ENDPOINT_URL:+--endpoint-url "$S3_ENDPOINT_URL"} s3api get-object --bucket "$BACKUP_BUCKET" --key "$RESTORE_KEY" \
    "$work/restore.sql.gz" >"$work/restore.meta" || fail "cannot download s3://$BACKUP_BUCKET/$RESTORE_KEY"
  local want
  want=$(grep -o '"sha256": *"[0-9a-f]*"' "$work/restore.meta" | grep -o '[0-9a-f]\{64\}' || true)
  if [ -n "$want" ] && [ "$want" != "$(sha256sum "$work/restore.sql.gz" | cut -d' ' -f1)" ]; then
    fail "s3://$BACKUP_BUCKET/$RESTORE_KEY does not match the checksum recorded at upload"
  fi
  echo "downloaded s3://$BACKUP_BUCKET/$RESTORE_KEY ($(wc -c <"$work/restore.sql.gz") bytes)"
}

restore() {
  : "${MYSQL_HOST:?}" "${MYSQL_USER:?}" "${MYSQL_PWD:?}" "${RESTORE_DATABASE:?}"
  [ -s "$work/restore.sql.gz" ] || fail "nothing to restore in $work (did the download run?)"
  gzip -t "$work/restore.sql.gz" || fail "the backup is not a valid gzip file"
  gzip -dc "$work/restore.sql.gz" | tail -n 1 | grep -q '^-- Dump completed' || fail "the backup is incomplete (no completion line)"
  local client
  client=$(command -v mariadb || command -v mysql) || fail "no mariadb or mysql client on PATH"
  sql() { "$client" --host="$MYSQL_HOST" --port="${MYSQL_PORT:-3306}" --user="$MYSQL_USER" --batch --skip-column-names "$@"; }
  local existing
  existing=$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$RESTORE_DATABASE'")
  [ "$existing" = 0 ] || fail "database $RESTORE_DATABASE already has $existing tables; restore into a new, empty database"
  sql -e "CREATE DATABASE IF NOT EXISTS \`$RESTORE_DATABASE\`"
  # Views, triggers and routines carry the DEFINER of the source server, which the restore user may not
  # be allowed to name (it needs SET USER): they are restored as the restore user's own.
  gzip -dc "$work/restore.sql.gz" | sed -E 's#/\*!50013 DEFINER=`[^`]*`@`[^`]*` SQL SECURITY DEFINER \*/##; s# DEFINER=`[^`]*`@`[^`]*`##g' \
    | sql "$RESTORE_DATABASE" || fail "restoring into $RESTORE_DATABASE failed"
  # Verify: every table the dump creates exists, and say how many rows each holds.
  local expected actual
  expected=$(gzip -dc "$work/restore.sql.gz" | grep -c '^CREATE TABLE' || true)
  actual=$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$RESTORE_DATABASE' AND table_type = 'BASE TABLE'")
  [ "$actual" = "$expected" ] || fail "$RESTORE_DATABASE has $actual tables after the restore, the backup creates $expected"
  for t in $(sql -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$RESTORE_DATABASE' AND table_type = 'BASE TABLE' ORDER BY table_name"); do
    echo "  $t: $(sql -e "SELECT COUNT(*) FROM \`$RESTORE_DATABASE\`.\`$t\`") rows"
  done
  rm -f "$work/restore.sql.gz" "$work/restore.meta"
  echo "restored ${RESTORE_KEY:-the backup} into $RESTORE_DATABASE: $actual tables"
}

case "${1:-all}" in
  download) download ;;
  restore) restore ;;
  all) download && restore ;;
  *) fail "usage: mysql-restore.sh [download|restore]" ;;
esac
