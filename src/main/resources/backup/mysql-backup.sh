#!/usr/bin/env bash
# MySQL backup (design 8.1): a consistent dump (--single-transaction) by a read-only user, gzip-compressed,
# with a manifest of its tables and row counts, uploaded as a new version of
# s3://$BACKUP_BUCKET/$BACKUP_PREFIX<database>.sql.gz with S3's own SHA-256 checksum. Every backup is a
# version of that one key: the bucket keeps the newest versions (lifecycle) and locks each (Object Lock), so
# the writer, which may only put, cannot destroy an earlier backup.
#   mysql-backup.sh dump     dump into $BACKUP_WORK_DIR (the CronJob's first container: the MySQL client image)
#   mysql-backup.sh upload   upload what `dump` left there (its second container: the AWS CLI image)
#   mysql-backup.sh          both, in one process (by hand, and the local test)
# Environment: MYSQL_HOST, MYSQL_PORT (3306), MYSQL_USER, MYSQL_PWD, MYSQL_DATABASE, BACKUP_BUCKET,
# BACKUP_PREFIX (mysql/), BACKUP_WORK_DIR (/backup), BACKUP_MULTIPART_THRESHOLD and BACKUP_PART_SIZE (bytes,
# both 64 MiB: larger dumps go up in parts, as one PUT takes at most 5 GB), S3_ENDPOINT_URL (optional: a
# non-AWS S3 API). Exits non-zero on any failure; prints `uploaded s3://bucket/key version <id>`.
set -euo pipefail

work=${BACKUP_WORK_DIR:-/backup}
prefix=${BACKUP_PREFIX:-mysql/}
threshold=${BACKUP_MULTIPART_THRESHOLD:-67108864}
part_size=${BACKUP_PART_SIZE:-67108864}
readonly min_part_size=5242880   # S3's smallest part but the last
fail() { echo "mysql-backup: $*" >&2; exit 1; }
s3api() { aws ${S3_ENDPOINT_URL:+--endpoint-url "$S3_ENDPOINT_URL"} s3api "$@"; }

# manifest: the dump's tables and the rows its INSERTs hold, as SQL comments the restore checks against. An
# INSERT may span lines (MariaDB puts each row on its own); strings are dropped first (backslash escapes, then
# '...'), so "),(" counts only row separators.
manifest() {
  awk -v db="$1" '
    function count() { gsub(/\\./, "", stmt); gsub(/\047[^\047]*\047/, "", stmt); rows[t] += gsub(/\),\(/, "", stmt) + 1; stmt = "" }
    /^CREATE TABLE `/ { t = $3; gsub(/`/, "", t); if (!(t in rows)) { order[++n] = t; rows[t] = 0 }; next }
    /^INSERT INTO `/ { t = $3; gsub(/`/, "", t); stmt = $0; sub(/^INSERT INTO `[^`]*` VALUES /, "", stmt); open = 1 }
    open && !/^INSERT INTO `/ { stmt = stmt $0 }
    open && /\);$/ { count(); open = 0 }
    END {
      print "-- verto-backup-manifest: database " db
      for (i = 1; i <= n; i++) print "-- verto-backup-table: " order[i] " " rows[order[i]]
      print "-- verto-backup-manifest-end: tables " n
    }'
}

dump() {
  : "${MYSQL_HOST:?}" "${MYSQL_USER:?}" "${MYSQL_PWD:?}" "${MYSQL_DATABASE:?}"
  local tool
  tool=$(command -v mysqldump || command -v mariadb-dump) || fail "no mysqldump or mariadb-dump on PATH"
  local options=(--host="$MYSQL_HOST" --port="${MYSQL_PORT:-3306}" --user="$MYSQL_USER"
    --single-transaction --quick --routines --triggers --no-tablespaces --hex-blob)
  # MySQL's mysqldump would take a global read lock (RELOAD) to note GTIDs; a logical backup needs none.
  if "$tool" --help 2>/dev/null | grep -q -- '--set-gtid-purged'; then options+=(--set-gtid-purged=OFF); fi
  mkdir -p "$work"
  rm -f "$work/dump.sql.gz" "$work/key"
  # MYSQL_PWD is read by the client from the environment, so the password is never on a command line.
  # The status is checked here, not left to set -e, which a caller's `&&` or `if` would turn off.
  if ! "$tool" "${options[@]}" "$MYSQL_DATABASE" | gzip -c >"$work/dump.sql.gz"; then
    rm -f "$work/dump.sql.gz"
    fail "the dump of $MYSQL_DATABASE failed (see the error above); nothing is uploaded"
  fi
  # A dump cut short has no completion line: never upload it as if it were a backup.
  gzip -dc "$work/dump.sql.gz" | tail -n 1 | grep -q '^-- Dump completed' || fail "the dump of $MYSQL_DATABASE is incomplete"
  # The manifest goes on as a second gzip member: `gzip -dc` reads both, the checksum covers both.
  gzip -dc "$work/dump.sql.gz" | manifest "$MYSQL_DATABASE" >"$work/manifest"
  gzip -c "$work/manifest" >>"$work/dump.sql.gz" && rm -f "$work/manifest"
  echo "${prefix}${MYSQL_DATABASE}.sql.gz" >"$work/key"
  echo "dumped $MYSQL_DATABASE: $(gzip -dc "$work/dump.sql.gz" | grep -c '^-- verto-backup-table: ') tables," \
    "$(wc -c <"$work/dump.sql.gz") bytes compressed"
}

# Checksums in the form S3 gives them: base64 of the SHA-256's bytes (from sha256sum's hex, coreutils only).
hex_to_bin() { printf '%b' "$(sed 's/../\\x&/g')"; }
sha256_b64() { sha256sum <"$1" | cut -c1-64 | hex_to_bin | base64 | tr -d '\n'; }

# put_single KEY: one PUT with its SHA-256, which S3 checks against the body it receives.
put_single() {
  local sum out
  sum=$(sha256_b64 "$work/dump.sql.gz")
  out=$(s3api put-object --bucket "$BACKUP_BUCKET" --key "$1" --body "$work/dump.sql.gz" --content-type application/gzip \
    --checksum-algorithm SHA256 --checksum-sha256 "$sum" --query '[VersionId, ChecksumSHA256]' --output text) \
    || fail "upload of s3://$BACKUP_BUCKET/$1 failed"
  [ "$(cut -f2 <<<"$out")" = "$sum" ] || fail "S3 recorded checksum $(cut -f2 <<<"$out") for s3://$BACKUP_BUCKET/$1, sent $sum"
  cut -f1 <<<"$out"
}

# put_parts KEY: a multipart upload, each part with its SHA-256; S3 keeps the checksum of the parts' checksums.
put_parts() {
  local key=$1 upload n=0 part sum etag parts=""
  rm -rf "$work/parts" && mkdir -p "$work/parts"
  split -b "$part_size" -d -a 5 "$work/dump.sql.gz" "$work/parts/"
  upload=$(s3api create-multipart-upload --bucket "$BACKUP_BUCKET" --key "$key" --content-type application/gzip \
    --checksum-algorithm SHA256 --metadata "part-size=$part_size" --query UploadId --output text) \
    || fail "cannot start a multipart upload of s3://$BACKUP_BUCKET/$key"
  for part in "$work"/parts/*; do
    n=$((n + 1))
    sum=$(sha256_b64 "$part")
    etag=$(s3api upload-part --bucket "$BACKUP_BUCKET" --key "$key" --upload-id "$upload" --part-number "$n" --body "$part" \
      --checksum-algorithm SHA256 --checksum-sha256 "$sum" --query ETag --output text) || fail "part $n of s3://$BACKUP_BUCKET/$key failed"
    parts+="{\"PartNumber\":$n,\"ETag\":\"${etag//\"/\\\"}\",\"ChecksumSHA256\":\"$sum\"},"
  done
  rm -rf "$work/parts"
  # An unfinished upload holds no backup; the bucket's lifecycle rule aborts it after a day.
  s3api complete-multipart-upload --bucket "$BACKUP_BUCKET" --key "$key" --upload-id "$upload" \
    --multipart-upload "{\"Parts\":[${parts%,}]}" --query VersionId --output text \
    || fail "cannot complete the multipart upload of s3://$BACKUP_BUCKET/$key ($n parts)"
}

upload() {
  : "${BACKUP_BUCKET:?}"
  if [ ! -s "$work/dump.sql.gz" ] || [ ! -s "$work/key" ]; then fail "nothing to upload in $work (did the dump run?)"; fi
  [ "$part_size" -ge "$min_part_size" ] || fail "BACKUP_PART_SIZE $part_size is below S3's minimum part size $min_part_size"
  local key size version
  key=$(cat "$work/key")
  size=$(wc -c <"$work/dump.sql.gz")
  if [ "$size" -gt "$threshold" ]; then version=$(put_parts "$key"); else version=$(put_single "$key"); fi
  if [ -z "$version" ] || [ "$version" = None ]; then fail "s3://$BACKUP_BUCKET/$key has no version id: the bucket must be versioned"; fi
  rm -f "$work/dump.sql.gz" "$work/key"
  echo "uploaded s3://$BACKUP_BUCKET/$key version $version ($size bytes)"
}

case "${1:-all}" in
  dump) dump ;;
  upload) upload ;;
  all) dump; upload ;;
  *) fail "usage: mysql-backup.sh [dump|upload]" ;;
esac
