package io.verto.infra.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The AWS account around the cluster: the region of the stack's AWS resources. Needed when the stack
 * uses AWS (backups or the CDN); development never does.
 *
 * @param region the region the AWS provider creates buckets and IAM in (CloudFront is global)
 */
public record AwsSettings(String region) {
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");

    static final Setting REGION_SETTING = Setting.optional("awsRegion", "eu-central-1", "required with `backup` or `cdn`",
            "AWS region of the stack's buckets and IAM, and of the backup bucket the pods reach (CloudFront is global)");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(REGION_SETTING);

    /**
     * The region, when {@code needed} (the stack uses S3 or CloudFront); a missing one is then a problem. A
     * region given while nothing uses AWS is accepted and ignored.
     */
    static Optional<AwsSettings> read(ConfigReader r, boolean needed) {
        Optional<String> region = r.read(REGION_SETTING, v -> Checks.matching(v, REGION, "an AWS region such as eu-central-1"));
        if (needed && region.isEmpty() && r.text(REGION_SETTING).isEmpty()) {
            r.problem(REGION_SETTING, "is required: the stack backs up to S3 or has a CDN",
                    r.setCommand(REGION_SETTING, REGION_SETTING.example()));
        }
        return region.map(AwsSettings::new);
    }
}
