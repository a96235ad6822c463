package io.verto.infra.aws;

import com.pulumi.aws.cloudfront.Distribution;
import com.pulumi.aws.cloudfront.DistributionArgs;
import com.pulumi.aws.cloudfront.OriginAccessControl;
import com.pulumi.aws.cloudfront.OriginAccessControlArgs;
import com.pulumi.aws.cloudfront.ResponseHeadersPolicy;
import com.pulumi.aws.cloudfront.ResponseHeadersPolicyArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionDefaultCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionLoggingConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOrderedCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginCustomOriginConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsGeoRestrictionArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionViewerCertificateArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigFrameOptionsArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigReferrerPolicyArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * CloudFront in front of the site (design 10.3): the default behaviour goes to the cluster's ingress (the
 * viewer's Host forwarded, caching as the origin's Cache-Control says), {@code /api/*} to the ingress uncached
 * with every header, cookie and query string, {@code /static/*} from a private {@link SecureBucket} that only
 * this distribution can read, through origin access control (not the legacy origin access identity), with
 * long TTLs and compression. Viewers: the aliases with their ACM certificate, TLSv1.2_2021 at least, HTTP/2 and
 * HTTP/3, HTTP redirected to HTTPS; a response-headers policy adds HSTS, nosniff, frame options and a referrer
 * policy; access logs go to the log bucket; the price class and an optional WAF web ACL come from the args.
 */
public class StaticSiteCdn extends ComponentResource {
    public static final String TYPE = "verto:aws:StaticSiteCdn";

    /** AWS managed policies (the same ids in every account). */
    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String USE_ORIGIN_CACHE_CONTROL = "83da9c7e-98b4-4e11-a168-04f0df8e2c65";
    static final String ALL_VIEWER = "216adef6-5c7f-47e4-b989-5492eafa07d3";
    static final String INGRESS = "ingress";
    static final String ASSETS = "assets";
    static final List<String> ALL_METHODS = List.of("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE");

    private final Output<String> distributionId;
    private final Output<String> domainName;
    private final Output<String> assetsBucket;

    public StaticSiteCdn(String name, StaticSiteCdnArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var assets = new SecureBucket(name + "-assets", SecureBucketArgs.builder()
                .purpose("assets")
                .accessLogBucket(args.logBucket())
                .policyWrittenByOwner(true)
                .build(), ComponentResourceOptions.builder().parent(this).build());
        this.assetsBucket = assets.bucketName();

        var oac = new OriginAccessControl(name, OriginAccessControlArgs.builder()
                .name(name + "-assets")
                .description("CloudFront reads the static assets bucket, signed (SigV4)")
                .originAccessControlOriginType("s3")
                .signingBehavior("always")
                .signingProtocol("sigv4")
                .build(), child);

        var headers = new ResponseHeadersPolicy(name, ResponseHeadersPolicyArgs.builder()
                .name(name + "-security-headers")
                .comment("HSTS, nosniff, frame options, referrer policy")
                .securityHeadersConfig(ResponseHeadersPolicySecurityHeadersConfigArgs.builder()
                        .strictTransportSecurity(ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs.builder()
                                .accessControlMaxAgeSec(63072000).includeSubdomains(true).preload(true).override(true).build())
                        .contentTypeOptions(ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs.builder().override(true).build())
                        .frameOptions(ResponseHeadersPolicySecurityHeadersConfigFrameOptionsArgs.builder().frameOption("DENY").override(true).build())
                        .referrerPolicy(ResponseHeadersPolicySecurityHeadersConfigReferrerPolicyArgs.builder()
                                .referrerPolicy("strict-origin-when-cross-origin").override(true).build())
                        .build())
                .build(), child);

        var distributionArgs = DistributionArgs.builder()
                .enabled(true)
                .isIpv6Enabled(true)
                .httpVersion("http2and3")
                .comment(name + ": " + String.join(", ", args.aliases()))
                .aliases(args.aliases())
                .priceClass(args.priceClass())
                .viewerCertificate(DistributionViewerCertificateArgs.builder()
                        .acmCertificateArn(args.certificateArn())
                        .sslSupportMethod("sni-only")
                        .minimumProtocolVersion("TLSv1.2_2021")
                        .build())
                .origins(
                        DistributionOriginArgs.builder().originId(INGRESS).domainName(args.originDomain())
                                .customOriginConfig(DistributionOriginCustomOriginConfigArgs.builder()
                                        .originProtocolPolicy("https-only").httpPort(80).httpsPort(443)
                                        .originSslProtocols("TLSv1.2").build())
                                .build(),
                        DistributionOriginArgs.builder().originId(ASSETS).domainName(assets.regionalDomainName())
                                .originAccessControlId(oac.id())
                                .build())
                .defaultCacheBehavior(DistributionDefaultCacheBehaviorArgs.builder()
                        .targetOriginId(INGRESS)
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods(ALL_METHODS)
                        .cachedMethods("GET", "HEAD")
                        .cachePolicyId(USE_ORIGIN_CACHE_CONTROL)
                        .originRequestPolicyId(ALL_VIEWER)
                        .responseHeadersPolicyId(headers.id())
                        .compress(true)
                        .build())
                .orderedCacheBehaviors(
                        DistributionOrderedCacheBehaviorArgs.builder()
                                .pathPattern("/api/*")
                                .targetOriginId(INGRESS)
                                // Design 10.3: an API call over HTTP is refused (403), not redirected: a redirect would
                                // turn a POST into a GET and hide a client that already sent its token in clear.
                                .viewerProtocolPolicy("https-only")
                                .allowedMethods(ALL_METHODS)
                                .cachedMethods("GET", "HEAD")
                                .cachePolicyId(CACHING_DISABLED)
                                .originRequestPolicyId(ALL_VIEWER)
                                .responseHeadersPolicyId(headers.id())
                                .compress(true)
                                .build(),
                        DistributionOrderedCacheBehaviorArgs.builder()
                                .pathPattern("/static/*")
                                .targetOriginId(ASSETS)
                                .viewerProtocolPolicy("redirect-to-https")
                                .allowedMethods("GET", "HEAD", "OPTIONS")
                                .cachedMethods("GET", "HEAD")
                                .cachePolicyId(CACHING_OPTIMIZED)
                                .responseHeadersPolicyId(headers.id())
                                .compress(true)
                                .build())
                .restrictions(DistributionRestrictionsArgs.builder()
                        .geoRestriction(DistributionRestrictionsGeoRestrictionArgs.builder().restrictionType("none").build())
                        .build())
                .loggingConfig(DistributionLoggingConfigArgs.builder()
                        .bucket(args.logBucketDomainName())
                        .prefix("cloudfront/")
                        .includeCookies(false)
                        .build());
        args.webAclArn().ifPresent(distributionArgs::webAclId);
        // After the log bucket's ACLs are enabled: a distribution created first fails to deliver (or to create) its logs.
        var distribution = new Distribution(name, distributionArgs.build(),
                CustomResourceOptions.builder().parent(this).dependsOn(args.logBucketAcls()).build());
        this.distributionId = distribution.id();
        this.domainName = distribution.domainName();

        // Only this distribution may read the assets, and only under static/; the TLS-only denial stays first.
        new BucketPolicy(name + "-assets", BucketPolicyArgs.builder()
                .bucket(assets.bucketName())
                .policy(SecureBucket.policyDocument(assets.arn(), Output.tuple(assets.arn(), distribution.arn())
                        .applyValue(t -> List.of(Map.<String, Object>of(
                                "Sid", "CloudFrontReadsStaticAssets",
                                "Effect", "Allow",
                                "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
                                "Action", "s3:GetObject",
                                "Resource", t.t1 + "/static/*",
                                "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", t.t2)))))))
                .build(), child);

        registerOutputs(Map.of("distributionId", distributionId, "domainName", domainName, "assetsBucket", assetsBucket));
    }

    public Output<String> distributionId() { return distributionId; }

    /** The distribution's {@code *.cloudfront.net} name: the target of the aliases' DNS records. */
    public Output<String> domainName() { return domainName; }

    /** The static-assets bucket, where the build uploads {@code static/...}. */
    public Output<String> assetsBucket() { return assetsBucket; }
}
