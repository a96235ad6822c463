#!/usr/bin/env bash
# MySQL backup (design 8.1): a consistent dump (--single-transaction), gzip-compressed, uploaded to
# s3://$BACKUP_BUCKET/$BACKUP_PREFIX<database>-<UTC timestamp>.sql.gz. Retention is the bucket's lifecycle
# rule, not a delete loop here.
#   mysql-backup.sh dump     dump into $BACKUP_WORK_DIR (the CronJob's first container: the MariaDB client image)
#   mysql-backup.sh upload   upload what `dump` left there (its second container: the AWS CLI image)
#   mysql-backup.sh          both, in one process (the local test)
# Environment: MYSQL_HOST, MYSQL_PORT (3306), MYSQL_USER, MYSQL_PWD, MYSQL_DATABASE, BACKUP_BUCKET,
# BACKUP_PREFIX (mysql/), BACKUP_WORK_DIR (/backup), S3_ENDPOINT_URL (optional: a non-AWS S3 API).
# Exits non-zero on any failure; prints the uploaded key as `uploaded s3://bucket/key`.
set -euo pipefail

work=${BACKUP_WORK_DIR:-/backup}
prefix=${BACKUP_PREFIX:-mysql/}
fail() { echo "mysql-backup: $*" >&2; exit 1; }

dump() {
  : "${MYSQL_HOST:?}" "${MYSQL_USER:?}" "${MYSQL_PWD:?}" "${MYSQL_DATABASE:?}"
  local tool
  tool=$(command -v mariadb-dump || command -v mysqldump) || fail "no mariadb-dump or mysqldump on PATH"
  mkdir -p "$work"
  local key="${prefix}${MYSQL_DATABASE}-$(date -u +%Y%m%dT%H%M%SZ).sql.gz"
  # MYSQL_PWD is read by the client from the environment, so the password is never on a command line.
  "$tool" --host="$MYSQL_HOST" --port="${MYSQL_PORT:-3306}" --user="$MYSQL_USER" \
    --single-transaction --quick --routines --triggers --no-tablespaces --hex-blob \
    "$MYSQL_DATABASE" | gzip -c >"$work/dump.sql.gz"
  # A dump cut short has no completion line: never upload it as if it were a backup.
  gzip -dc "$work/dump.sql.gz" | tail -n 1 | grep -q '^-- Dump completed' || fail "the dump of $MYSQL_DATABASE is incomplete"
  echo "$key" >"$work/key"
  echo "dumped $MYSQL_DATABASE ($(wc -c <"$work/dump.sql.gz") bytes compressed)"
}

upload() {
  : "${BACKUP_BUCKET:?}"
  [ -s "$work/dump.sql.gz" ] && [ -s "$work/key" ] || fail "nothing to upload in $work (did the dump run?)"
  local key sum
  key=$(cat "$work/key")
  sum=$(sha256sum "$work/dump.sql.gz" | cut -d' ' -f1)
  aws ${S3_ENDPOINT_URL:+--endpoint-url "$S3_ENDPOINT_URL"} s3api put-object --bucket "$BACKUP_BUCKET" --key "$key" \
    --body "$work/dump.sql.gz" --content-type application/gzip --metadata "sha256=$sum" >/dev/null
  # Read it back: the object exists with the size written.
  local size
  size=$(aws ${S3_ENDPOINT_URL:+--endpoint-url "$S3_ENDPOINT_URL"} s3api head-object --bucket "$BACKUP_BUCKET" --key "$key" \
    --query ContentLength --output text)
  [ "$size" = "$(wc -c <"$work/dump.sql.gz")" ] || fail "s3://$BACKUP_BUCKET/$key has $size bytes, expected $(wc -c <"$work/dump.sql.gz")"
  rm -f "$work/dump.sql.gz" "$work/key"
  echo "uploaded s3://$BACKUP_BUCKET/$key"
}

case "${1:-all}" in
  dump) dump ;;
  upload) upload ;;
  all) dump && upload ;;
  *) fail "usage: mysql-backup.sh [dump|upload]" ;;
esac
