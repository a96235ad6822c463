// CloudFront resource policies (aws:cloudfront/distribution:Distribution of @pulumi/aws 6.x).

import type { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, asArray, describe, isObject, nonEmptyString, peek, peekPath } from "../common/util";

export const DISTRIBUTION_TYPE = "aws:cloudfront/distribution:Distribution";

function distributionPolicy(name: string, description: string, level: "mandatory" | "advisory",
    check: (props: Record<string, any>, label: string, report: ReportViolation) => void): ResourceValidationPolicy {
    return {
        name,
        description,
        enforcementLevel: level,
        validateResource: (args, report) => {
            if (args.type === DISTRIBUTION_TYPE) {
                check(args.props, args.name, report);
            }
        },
    };
}

const SECURE_VIEWER_POLICIES = new Set(["https-only", "redirect-to-https"]);

export const cloudfrontHttps = distributionPolicy(
    "cloudfront-viewer-https",
    describe(
        "CloudFront must not serve viewers over plain HTTP.",
        "set viewerProtocolPolicy to redirect-to-https (or https-only) on defaultCacheBehavior and every "
        + "orderedCacheBehavior.",
        "CKV_AWS_34"),
    "mandatory",
    (props, label, report) => {
        const behaviours: [string, any][] = [["defaultCacheBehavior", props.defaultCacheBehavior]];
        asArray(props.orderedCacheBehaviors).forEach((b, i) => behaviours.push([`orderedCacheBehaviors[${i}]`, b]));
        for (const [path, b] of behaviours) {
            const policy = isObject(b) ? b.viewerProtocolPolicy : undefined;
            if (!(typeof policy === "string" && SECURE_VIEWER_POLICIES.has(policy))) {
                report(`CloudFront distribution "${label}": ${path}.viewerProtocolPolicy is ${policy ?? "unset"}; `
                    + "use redirect-to-https or https-only");
            }
        }
    });

/** Is a CloudFront minimumProtocolVersion TLSv1.2_* or newer? */
export function isModernTls(v: unknown): boolean {
    return typeof v === "string" && /^TLSv1\.([2-9]|\d{2,})_\d{4}$/.test(v);
}

export const cloudfrontTls = distributionPolicy(
    "cloudfront-tls-1-2",
    describe(
        "CloudFront must require TLS 1.2 or newer from viewers.",
        "use an ACM certificate (viewerCertificate.acmCertificateArn, sslSupportMethod sni-only) with "
        + "minimumProtocolVersion TLSv1.2_2021 or newer; the default *.cloudfront.net certificate "
        + "(cloudfrontDefaultCertificate: true) still accepts TLSv1.",
        "CKV_AWS_174"),
    "mandatory",
    (props, label, report) => {
        const vc = isObject(props.viewerCertificate) ? props.viewerCertificate : {};
        if (vc.cloudfrontDefaultCertificate === true) {
            report(`CloudFront distribution "${label}" uses the default CloudFront certificate, which cannot guarantee `
                + "TLSv1.2: use an ACM certificate with minimumProtocolVersion TLSv1.2_2021 or newer");
            return;
        }
        if (!isModernTls(vc.minimumProtocolVersion)) {
            report(`CloudFront distribution "${label}": viewerCertificate.minimumProtocolVersion is `
                + `${vc.minimumProtocolVersion ?? "unset"}; use TLSv1.2_2021 or newer`);
        }
    });

export const cloudfrontLogging = distributionPolicy(
    "cloudfront-access-logging",
    describe(
        "CloudFront distributions must write access logs.",
        "set loggingConfig.bucket to the domain name of a log bucket (e.g. logs.s3.amazonaws.com).",
        "CKV_AWS_86"),
    "mandatory",
    (props, label, report) => {
        // A bucket that is not known yet (preview) counts as configured; only read it raw.
        const bucket = peekPath(props, ["loggingConfig", "bucket"]);
        if (bucket !== UNKNOWN && !nonEmptyString(bucket)) {
            report(`CloudFront distribution "${label}" has no access logging (loggingConfig.bucket)`);
        }
    });

export const cloudfrontWaf = distributionPolicy(
    "cloudfront-waf",
    describe(
        "CloudFront distributions should be protected by AWS WAF.",
        "set webAclId to the ARN of a WAFv2 web ACL (scope CLOUDFRONT, us-east-1).",
        "CKV_AWS_68"),
    "advisory",
    (props, label, report) => {
        const acl = peek(props, "webAclId");
        if (acl !== UNKNOWN && !nonEmptyString(acl)) {
            report(`CloudFront distribution "${label}" has no WAF web ACL (webAclId)`);
        }
    });

/** An S3 origin: a bucket REST endpoint (not an S3 website endpoint, which is a custom origin). */
function isS3Origin(o: Record<string, any>): boolean {
    return typeof o.domainName === "string" && /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(o.domainName)
        && !/s3-website/.test(o.domainName) && !isObject(o.customOriginConfig);
}

export const cloudfrontOriginAccess = distributionPolicy(
    "cloudfront-origin-access-control",
    describe(
        "CloudFront must reach S3 origins through origin access control, so the bucket stays private.",
        "create an OriginAccessControl (originAccessControlOriginType s3, signingBehavior always) and set "
        + "originAccessControlId on every S3 origin (a legacy s3OriginConfig.originAccessIdentity is accepted); allow "
        + "only the CloudFront service principal with an aws:SourceArn condition in the bucket policy.",
        "CKV2_AWS_46"),
    "mandatory",
    (props, label, report) => {
        asArray(props.origins).forEach((o, i) => {
            if (!isObject(o) || !isS3Origin(o)) {
                return;
            }
            const oac = peek(o, "originAccessControlId");
            const oai = peekPath(o, ["s3OriginConfig", "originAccessIdentity"]);
            if (oac === UNKNOWN || oai === UNKNOWN || nonEmptyString(oac) || nonEmptyString(oai)) {
                return;
            }
            report(`CloudFront distribution "${label}": origins[${i}] (${o.domainName}) is an S3 origin without origin `
                + "access control (originAccessControlId)");
        });
    });

export const cloudfrontPolicies: ResourceValidationPolicy[] = [
    cloudfrontHttps,
    cloudfrontTls,
    cloudfrontLogging,
    cloudfrontWaf,
    cloudfrontOriginAccess,
];
