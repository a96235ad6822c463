package io.verto.infra.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AWS account around the cluster: the region of the stack's AWS resources. Needed when the stack
 * uses AWS (backups or the CDN); development never does.
 *
 * @param region the region the AWS provider creates buckets and IAM in (CloudFront is global)
 */
public record AwsSettings(String region) {
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

    static final Setting REGION_SETTING = Setting.of("awsRegion", Kind.REGION).requiredWhen("with `backup` or `cdn`")
            .find("the region of the stack's cluster", "aws eks describe-cluster --name <cluster> --query cluster.arn (the ARN's fourth field)")
            .describe("AWS region of the stack's buckets and IAM, and of the backup bucket the pods reach (CloudFront is global)");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(REGION_SETTING);

    private static String region(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (!v.equals(lower) && REGION.matcher(lower).matches()) {
            throw new InvalidValue("'" + v + "' has upper-case letters; regions are written in lower case", lower);
        }
        return Checks.matching(v, REGION, "an AWS region such as eu-central-1");
    }

    /**
     * The region, when {@code needed} (the stack uses S3 or CloudFront); a missing one is then a problem. A
     * region given while nothing uses AWS is accepted and ignored.
     */
    static Optional<AwsSettings> read(ConfigReader r, boolean needed) {
        Optional<String> region = r.read(REGION_SETTING, AwsSettings::region);
        if (needed) {
            r.require(REGION_SETTING, "with backups or a CDN: the region their buckets and IAM live in");
        }
        return region.map(AwsSettings::new);
    }

    /** A KMS key lives in one region: the backup bucket's key must be in the stack's. */
    static void checkRegions(ConfigReader r, Optional<AwsSettings> aws, Optional<BackupSettings> backup) {
        if (aws.isEmpty() || backup.isEmpty() || backup.get().kmsKeyArn().isEmpty()) {
            return;
        }
        Arn key = Arn.kmsKey(backup.get().kmsKeyArn().get());
        if (!key.region().equals(aws.get().region())) {
            r.problem(BackupSettings.KMS_KEY_ARN, "the key is in " + key.region() + ", but the bucket is in " + aws.get().region()
                    + " (verto:awsRegion), and S3 encrypts only with a key of its own region", r.propose(BackupSettings.KMS_KEY_ARN));
        }
    }
}
