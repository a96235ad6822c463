package io.verto.infra.backup;

import io.verto.infra.types.ImageRef;

/**
 * The images the backup, restore and restore-check pods run, each pinned by tag and digest (the digest is what the
 * kubelet pulls): the MySQL client tools, of the same family and major version as the design's MySQL 8 server
 * (mysqldump and mysql, 8.4 LTS), dump and restore; the AWS CLI uploads and downloads. Each step runs in the
 * image made for it, so no image has to be built and maintained for backups. The digests are the multi-platform
 * index digests published for these tags (README, "Backups": where each was read); pin new ones the same way.
 */
public final class BackupImages {
    /** {@code mysqldump}, {@code mysql}, gzip, awk, sha256sum. */
    public static final ImageRef MYSQL_CLIENT = ImageRef.pinned("docker.io/library/mysql", "8.4.11",
            "sha256:85b9bf2e29cf836ecb8c2a15a935d4ba0c606631dff1dd79531a11983c638f2a");
    /** {@code aws s3api}, sha256sum, base64, split. */
    public static final ImageRef AWS_CLI = ImageRef.pinned("docker.io/amazon/aws-cli", "2.37.5",
            "sha256:fb7ccfc7b4e3a05017e6c9ded4ba959b99af622130e211fb976c68c2f4d3f224");

    private BackupImages() { }

    /**
     * @throws IllegalArgumentException when the image is pinned by tag only: a tag can be moved to other bytes, and
     *                                  these pods hold the database's and the bucket's credentials
     */
    static ImageRef requireDigest(String what, ImageRef image) {
        if (!image.pinnedByDigest()) {
            throw new IllegalArgumentException(what + " image " + image + " is pinned by tag only; backup, restore and restore-check "
                    + "images must be pinned by digest: " + image.repository() + ":" + image.tag() + "@sha256:<digest> (read the digest with "
                    + "`docker buildx imagetools inspect " + image + "` or `crane digest " + image + "`)");
        }
        return image;
    }
}
