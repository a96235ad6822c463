package io.verto.infra.platform;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.verto.infra.aws.SecureBucket;
import io.verto.infra.aws.SecureBucketArgs;
import io.verto.infra.types.LifecycleRule;
import io.verto.infra.types.Retention;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the AWS parts of a stack share: the log bucket every created bucket (and CloudFront) writes its access
 * logs to, made on first use. Used by {@link DataProtection} and {@link EdgeWiring}; a stack that creates no
 * AWS resource never makes one.
 */
final class AwsWiring {
    /** How long access logs are kept. */
    static final Retention LOG_RETENTION = Retention.days(90);

    private final Resource parent;
    private final boolean cloudFrontLogs;
    private Optional<SecureBucket> logBucket = Optional.empty();

    /**
     * @param parent         the platform component the buckets belong to
     * @param cloudFrontLogs whether CloudFront writes to the log bucket too (it needs ACLs enabled there)
     */
    AwsWiring(Resource parent, boolean cloudFrontLogs) {
        this.parent = parent;
        this.cloudFrontLogs = cloudFrontLogs;
    }

    /** The log bucket: S3 server access logs (under s3/) and CloudFront's (under cloudfront/), kept 90 days. */
    SecureBucket logBucket() {
        if (logBucket.isEmpty()) {
            Output<String> account = AwsFunctions.getCallerIdentity(com.pulumi.aws.inputs.GetCallerIdentityArgs.Empty,
                    InvokeOptions.builder().parent(parent).build()).applyValue(id -> id.accountId());
            logBucket = Optional.of(new SecureBucket("logs", SecureBucketArgs.builder()
                    .purpose("logs")
                    .aclsForCloudFrontLogs(cloudFrontLogs)
                    .lifecycleRule(new LifecycleRule("expire-logs", "", Optional.of(LOG_RETENTION), Retention.days(1)))
                    .policyStatements(arn -> Output.tuple(arn, account).applyValue(t -> List.of(Map.<String, Object>of(
                            "Sid", "S3ServerAccessLogs",
                            "Effect", "Allow",
                            "Principal", Map.of("Service", "logging.s3.amazonaws.com"),
                            "Action", "s3:PutObject",
                            "Resource", t.t1 + "/s3/*",
                            "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", t.t2))))))
                    .build(), ComponentResourceOptions.builder().parent(parent).build()));
        }
        return logBucket.get();
    }
}
