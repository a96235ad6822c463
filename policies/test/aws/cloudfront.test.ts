import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as aws from "../../src/aws/cloudfront";
import { assertFails, assertPasses, resourceDiagnostics } from "../assertions";
import { distribution } from "../builders";
import { UNKNOWN_STRING } from "../harness";

describe("cloudfront-viewer-https", () => {
    it("passes with redirect-to-https / https-only", () => {
        assertPasses(resourceDiagnostics(aws.cloudfrontHttps, distribution("cdn")));
    });
    it("fails for allow-all on default or ordered behaviours", () => {
        const d = distribution("cdn");
        (d.props as any).defaultCacheBehavior.viewerProtocolPolicy = "allow-all";
        (d.props as any).orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all";
        const ds = resourceDiagnostics(aws.cloudfrontHttps, d);
        assertFails(ds, "viewerProtocolPolicy is allow-all", 2);
        assert.match(ds[1].message, /orderedCacheBehaviors\[0\]/);
    });
});

describe("cloudfront-tls-1-2", () => {
    it("passes with TLSv1.2_2021 on an ACM certificate", () => {
        assertPasses(resourceDiagnostics(aws.cloudfrontTls, distribution("cdn")));
        assert.equal(aws.isModernTls("TLSv1.2_2025"), true);
        assert.equal(aws.isModernTls("TLSv1.1_2016"), false);
        assert.equal(aws.isModernTls("TLSv1"), false);
    });
    it("fails on the default certificate and on old protocol versions", () => {
        assertFails(resourceDiagnostics(aws.cloudfrontTls, distribution("cdn", { viewerCertificate: { cloudfrontDefaultCertificate: true } })),
            "uses the default CloudFront certificate, which cannot guarantee TLSv1.2", 1);
        assertFails(resourceDiagnostics(aws.cloudfrontTls, distribution("cdn", {
            viewerCertificate: { acmCertificateArn: "arn:x", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1_2016" },
        })), "minimumProtocolVersion is TLSv1_2016", 1);
    });
});

describe("cloudfront-access-logging", () => {
    it("passes with a log bucket, also when it is not known yet", () => {
        assertPasses(resourceDiagnostics(aws.cloudfrontLogging, distribution("cdn")));
        assertPasses(resourceDiagnostics(aws.cloudfrontLogging, distribution("cdn", { loggingConfig: { bucket: UNKNOWN_STRING } })));
    });
    it("fails without loggingConfig", () => {
        const d = distribution("cdn");
        delete (d.props as any).loggingConfig;
        assertFails(resourceDiagnostics(aws.cloudfrontLogging, d), 'CloudFront distribution "cdn" has no access logging', 1);
    });
});

describe("cloudfront-waf", () => {
    it("is advisory by default", () => {
        assert.equal(aws.cloudfrontWaf.enforcementLevel, "advisory");
    });
    it("passes with a web ACL", () => {
        assertPasses(resourceDiagnostics(aws.cloudfrontWaf, distribution("cdn")));
    });
    it("fails without webAclId", () => {
        const d = distribution("cdn");
        delete (d.props as any).webAclId;
        assertFails(resourceDiagnostics(aws.cloudfrontWaf, d), "has no WAF web ACL", 1);
    });
});

describe("cloudfront-origin-access-control", () => {
    it("passes S3 origins with an origin access control (or a legacy identity) and custom origins", () => {
        assertPasses(resourceDiagnostics(aws.cloudfrontOriginAccess, distribution("cdn")));
        assertPasses(resourceDiagnostics(aws.cloudfrontOriginAccess, distribution("cdn", { origins: [
            { domainName: "a.s3.amazonaws.com", originId: "a", s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E1" } },
            { domainName: "api.verto.com", originId: "api", customOriginConfig: { originProtocolPolicy: "https-only" } },
        ] })));
    });
    it("fails an S3 origin without origin access", () => {
        assertFails(resourceDiagnostics(aws.cloudfrontOriginAccess, distribution("cdn", { origins: [{ domainName: "assets.s3.eu-west-1.amazonaws.com", originId: "assets" }] })),
            "origins[0] (assets.s3.eu-west-1.amazonaws.com) is an S3 origin without origin access control", 1);
    });
});
