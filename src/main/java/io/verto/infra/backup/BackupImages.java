package io.verto.infra.backup;

import io.verto.infra.types.ImageRef;

/**
 * The pinned images the backup and restore pods run (exact version tags of official images; see README):
 * the MariaDB client tools dump and restore (mariadb-dump works against MySQL 5.7/8 servers for a logical
 * dump), the AWS CLI uploads and downloads. Each step runs in the image made for it, so no image has to be
 * built and maintained for backups.
 */
public final class BackupImages {
    /** {@code mariadb-dump}, {@code mariadb}, gzip. */
    public static final ImageRef MARIADB_CLIENT = ImageRef.of("docker.io/library/mariadb", "10.11.10");
    /** {@code aws s3api}, sha256sum. */
    public static final ImageRef AWS_CLI = ImageRef.of("docker.io/amazon/aws-cli", "2.22.35");

    private BackupImages() { }
}
