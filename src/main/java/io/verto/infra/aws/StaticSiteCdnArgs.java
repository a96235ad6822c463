package io.verto.infra.aws;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Arguments of {@link StaticSiteCdn}. Required: aliases, certificateArn, originDomain, logBucket, logBucketDomainName. */
public final class StaticSiteCdnArgs {
    private static final Pattern ACM_US_EAST_1 = Pattern.compile("arn:aws:acm:us-east-1:\\d{12}:certificate/[A-Za-z0-9-]+");

    private final List<String> aliases;
    private final String certificateArn;
    private final String originDomain;
    private final String priceClass;
    private final Optional<String> webAclArn;
    private final Output<String> logBucket;
    private final Output<String> logBucketDomainName;
    private final List<Resource> logBucketAcls;

    private StaticSiteCdnArgs(Builder b) {
        this.aliases = List.copyOf(Objects.requireNonNull(b.aliases, "StaticSiteCdnArgs.aliases is required"));
        this.certificateArn = Objects.requireNonNull(b.certificateArn, "StaticSiteCdnArgs.certificateArn is required");
        this.originDomain = Objects.requireNonNull(b.originDomain, "StaticSiteCdnArgs.originDomain is required");
        this.priceClass = b.priceClass;
        this.webAclArn = b.webAclArn;
        this.logBucket = Objects.requireNonNull(b.logBucket, "StaticSiteCdnArgs.logBucket is required");
        this.logBucketDomainName = Objects.requireNonNull(b.logBucketDomainName, "StaticSiteCdnArgs.logBucketDomainName is required");
        this.logBucketAcls = List.copyOf(b.logBucketAcls);
        if (aliases.isEmpty()) {
            throw new IllegalArgumentException("StaticSiteCdnArgs.aliases needs at least one host name");
        }
        if (!ACM_US_EAST_1.matcher(certificateArn).matches()) {
            throw new IllegalArgumentException("StaticSiteCdnArgs.certificateArn must be an ACM certificate in us-east-1, got " + certificateArn);
        }
        if (aliases.contains(originDomain)) {
            throw new IllegalArgumentException("StaticSiteCdnArgs.originDomain " + originDomain + " is an alias: CloudFront would forward to itself");
        }
    }

    public static Builder builder() { return new Builder(); }

    public List<String> aliases() { return aliases; }
    public String certificateArn() { return certificateArn; }
    public String originDomain() { return originDomain; }
    public String priceClass() { return priceClass; }
    public Optional<String> webAclArn() { return webAclArn; }
    public Output<String> logBucket() { return logBucket; }
    public Output<String> logBucketDomainName() { return logBucketDomainName; }
    public List<Resource> logBucketAcls() { return logBucketAcls; }

    public static final class Builder {
        private List<String> aliases;
        private String certificateArn;
        private String originDomain;
        private String priceClass = "PriceClass_All";
        private Optional<String> webAclArn = Optional.empty();
        private Output<String> logBucket;
        private Output<String> logBucketDomainName;
        private List<Resource> logBucketAcls = List.of();

        /** Host names served (e.g. verto.com, www.verto.com). Required. */
        public Builder aliases(List<String> aliases) { this.aliases = aliases; return this; }

        /** ACM certificate in us-east-1 covering the aliases. Required. */
        public Builder certificateArn(String arn) { this.certificateArn = arn; return this; }

        /** Host name of the cluster's ingress that CloudFront forwards to (over HTTPS). Required. */
        public Builder originDomain(String domain) { this.originDomain = domain; return this; }

        /** Edge locations used. Default {@code PriceClass_All} (design 10.3: every edge; {@code PriceClass_100} serves only North America and Europe). */
        public Builder priceClass(String priceClass) { this.priceClass = priceClass; return this; }

        /** WAFv2 web ACL (scope CLOUDFRONT) in front of the distribution. Default none. */
        public Builder webAclArn(Optional<String> arn) { this.webAclArn = arn; return this; }

        /** Name of the bucket the assets bucket's access logs go to. Required. */
        public Builder logBucket(Output<String> bucket) { this.logBucket = bucket; return this; }

        /** {@code <log bucket>.s3.amazonaws.com}, where CloudFront writes its logs (under cloudfront/). Required. */
        public Builder logBucketDomainName(Output<String> domain) { this.logBucketDomainName = domain; return this; }

        /**
         * What enables ACLs on the log bucket (its ownership controls): CloudFront writes its logs with an ACL, so the
         * distribution waits for it instead of racing it. Default none (a bucket whose ACLs are enabled already).
         */
        public Builder logBucketAcls(Resource... settings) { this.logBucketAcls = List.of(settings); return this; }

        public StaticSiteCdnArgs build() { return new StaticSiteCdnArgs(this); }
    }
}
