package io.verto.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StaticSiteCdn under Pulumi's mocks (design 10.3). */
class StaticSiteCdnTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();
    static final String CERT = "arn:aws:acm:us-east-1:123456789012:certificate/abc";

    static StaticSiteCdnArgs.Builder args() {
        return StaticSiteCdnArgs.builder().aliases(List.of("verto.com", "www.verto.com")).certificateArn(CERT)
                .originDomain("origin.verto.com").logBucket(Output.of("logs")).logBucketDomainName(Output.of("logs.s3.amazonaws.com"));
    }

    @Test
    void distributionAsTheDesignAsksSecured() throws Exception {
        var holder = new StaticSiteCdn[1];
        var run = ProgramRun.run("test", ctx -> holder[0] = new StaticSiteCdn("cdn", args()
                .webAclArn(Optional.of("arn:aws:wafv2:us-east-1:123456789012:global/webacl/verto/1234")).build(), NONE));
        run.result().throwOnError();
        var d = run.one("aws:cloudfront/distribution:Distribution", "cdn").inputs();
        assertEquals(List.of("verto.com", "www.verto.com"), d.get("aliases"));
        assertEquals("http2and3", d.get("httpVersion"));
        assertEquals("PriceClass_All", d.get("priceClass"));
        assertEquals("arn:aws:wafv2:us-east-1:123456789012:global/webacl/verto/1234", d.get("webAclId"));
        assertEquals(CERT, at(d, "viewerCertificate.acmCertificateArn"));
        assertEquals("TLSv1.2_2021", at(d, "viewerCertificate.minimumProtocolVersion"));
        assertEquals("sni-only", at(d, "viewerCertificate.sslSupportMethod"));
        assertEquals("redirect-to-https", at(d, "defaultCacheBehavior.viewerProtocolPolicy"));
        assertEquals("ingress", at(d, "defaultCacheBehavior.targetOriginId"));
        assertEquals("/api/*", at(d, "orderedCacheBehaviors[0].pathPattern"));
        assertEquals(StaticSiteCdn.CACHING_DISABLED, at(d, "orderedCacheBehaviors[0].cachePolicyId"));
        assertEquals("https-only", at(d, "orderedCacheBehaviors[0].viewerProtocolPolicy"), "design 10.3: the API is refused over HTTP");
        assertEquals(StaticSiteCdn.ALL_VIEWER, at(d, "orderedCacheBehaviors[0].originRequestPolicyId"));
        assertEquals("/static/*", at(d, "orderedCacheBehaviors[1].pathPattern"));
        assertEquals("assets", at(d, "orderedCacheBehaviors[1].targetOriginId"));
        assertEquals(StaticSiteCdn.CACHING_OPTIMIZED, at(d, "orderedCacheBehaviors[1].cachePolicyId"));
        assertEquals(true, at(d, "orderedCacheBehaviors[1].compress"));
        assertEquals("redirect-to-https", at(d, "orderedCacheBehaviors[1].viewerProtocolPolicy"));
        assertEquals("https-only", at(d, "origins[0].customOriginConfig.originProtocolPolicy"));
        assertEquals("origin.verto.com", at(d, "origins[0].domainName"));
        assertEquals("cdn-assets.s3.eu-central-1.amazonaws.com", at(d, "origins[1].domainName"));
        assertEquals("cdn-id", at(d, "origins[1].originAccessControlId"));
        assertNull(at(d, "origins[1].s3OriginConfig"), "origin access control, not the legacy origin access identity");
        assertEquals("logs.s3.amazonaws.com", at(d, "loggingConfig.bucket"));
        var headers = run.one("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "cdn").inputs();
        assertEquals(63072000.0, ((Number) at(headers, "securityHeadersConfig.strictTransportSecurity.accessControlMaxAgeSec")).doubleValue());
        assertEquals("DENY", at(headers, "securityHeadersConfig.frameOptions.frameOption"));
        assertEquals(true, at(headers, "securityHeadersConfig.contentTypeOptions.override"));
        assertEquals("strict-origin-when-cross-origin", at(headers, "securityHeadersConfig.referrerPolicy.referrerPolicy"));
        assertEquals("always", run.one("aws:cloudfront/originAccessControl:OriginAccessControl", "cdn").inputs().get("signingBehavior"));
        // The assets bucket: only this distribution reads static/, and the TLS-only denial stays first.
        JsonNode policy = new ObjectMapper().readTree((String) run.one("aws:s3/bucketPolicy:BucketPolicy", "cdn-assets").inputs().get("policy"));
        assertEquals("Deny", policy.at("/Statement/0/Effect").asText());
        assertEquals("cloudfront.amazonaws.com", policy.at("/Statement/1/Principal/Service").asText());
        assertEquals("arn:aws:s3:::cdn-assets/static/*", policy.at("/Statement/1/Resource").asText());
        assertTrue(policy.at("/Statement/1/Condition/StringEquals/AWS:SourceArn").asText().startsWith("arn:aws:cloudfront::"));
        assertEquals(1, run.ofType("aws:s3/bucketPolicy:BucketPolicy").size());
        assertTrue(ProgramRun.value(holder[0].domainName()).endsWith(".cloudfront.net"));
        assertTrue(ProgramRun.value(holder[0].distributionId()).startsWith("E"));
    }

    @Test
    void distributionWaitsForTheLogBucketsAclSettings() {
        var run = ProgramRun.run("test", ctx -> {
            var logs = new SecureBucket("logs", SecureBucketArgs.builder().purpose("logs").aclsForCloudFrontLogs(true).build(), NONE);
            new StaticSiteCdn("cdn", args().logBucket(logs.bucketName()).logBucketDomainName(logs.domainName())
                    .logBucketAcls(logs.ownershipControls()).build(), NONE);
        });
        run.result().throwOnError();
        var controls = run.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "logs");
        assertEquals("BucketOwnerPreferred", at(controls.inputs(), "rule.objectOwnership"));
        var distribution = run.one("aws:cloudfront/distribution:Distribution", "cdn");
        assertTrue(distribution.dependencies().stream().anyMatch(urn -> urn.endsWith("BucketOwnershipControls::logs")),
                "the distribution depends on the log bucket's ownership controls: " + distribution.dependencies());
        // Without them it would only wait for the bucket (its name): the race this guards against.
        var racing = ProgramRun.run("test", ctx -> {
            var logs = new SecureBucket("logs", SecureBucketArgs.builder().purpose("logs").aclsForCloudFrontLogs(true).build(), NONE);
            new StaticSiteCdn("cdn", args().logBucket(logs.bucketName()).logBucketDomainName(logs.domainName()).build(), NONE);
        });
        assertTrue(racing.one("aws:cloudfront/distribution:Distribution", "cdn").dependencies().stream()
                .noneMatch(urn -> urn.contains("BucketOwnershipControls")));
    }

    @Test
    void argsRefuseWhatCloudFrontWould() {
        assertThrows(IllegalArgumentException.class, () -> args().certificateArn("arn:aws:acm:eu-central-1:123456789012:certificate/abc").build());
        assertThrows(IllegalArgumentException.class, () -> args().originDomain("verto.com").build());
        assertThrows(IllegalArgumentException.class, () -> args().aliases(List.of()).build());
        var run = ProgramRun.run("test", ctx -> new StaticSiteCdn("cdn", args().build(), NONE));
        run.result().throwOnError();
        assertNull(run.one("aws:cloudfront/distribution:Distribution", "cdn").inputs().get("webAclId"));
        assertEquals(Map.of(), Map.of());
    }
}
