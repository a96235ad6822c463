package io.verto.infra.platform;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.verto.infra.aws.StaticSiteCdn;
import io.verto.infra.aws.StaticSiteCdnArgs;
import io.verto.infra.config.CdnSettings;
import io.verto.infra.config.StackSettings;

import java.util.Optional;

/** The edge of one stack (design 10.3): CloudFront in front of the ingress and the static assets, when the stack has a CDN. */
final class EdgeWiring {
    private EdgeWiring() { }

    static Optional<StaticSiteCdn> wire(Resource parent, StackSettings s, AwsWiring aws) {
        if (s.cdn().isEmpty()) {
            return Optional.empty();
        }
        CdnSettings cdn = s.cdn().get();
        var logs = aws.logBucket();
        return Optional.of(new StaticSiteCdn("cdn", StaticSiteCdnArgs.builder()
                .aliases(cdn.aliases())
                .certificateArn(cdn.certificateArn())
                .originDomain(cdn.originDomain())
                .priceClass(cdn.priceClass())
                .webAclArn(cdn.webAclArn())
                .logBucket(logs.bucketName())
                .logBucketDomainName(logs.domainName())
                .logBucketAcls(logs.ownershipControls())
                .build(), ComponentResourceOptions.builder().parent(parent).build()));
    }
}
