// CloudFront distribution rules about viewers and operations (aws:cloudfront/distribution:Distribution of
// @pulumi/aws 6.x): HTTPS and TLS 1.2 towards viewers, access logs, WAF.

import type { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, asArray, describe, isObject, nonEmptyString, peek, peekPath, violation } from "../../common/util";

export const DISTRIBUTION_TYPE = "aws:cloudfront/distribution:Distribution";

export function distributionPolicy(name: string, description: string, level: "mandatory" | "advisory",
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
                report(violation(`CloudFront distribution "${label}": ${path}.viewerProtocolPolicy is ${policy ?? "unset"}`,
                    "viewers will be served over plain HTTP, where sessions and content can be read and changed on the way",
                    "use redirect-to-https or https-only"));
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
            report(violation(`CloudFront distribution "${label}" uses the default CloudFront certificate, which cannot guarantee TLSv1.2`,
                "viewers can then be served over TLS 1.0/1.1, with broken ciphers",
                "use an ACM certificate with minimumProtocolVersion TLSv1.2_2021 or newer"));
            return;
        }
        if (!isModernTls(vc.minimumProtocolVersion)) {
            report(violation(`CloudFront distribution "${label}": viewerCertificate.minimumProtocolVersion is `
                + `${vc.minimumProtocolVersion ?? "unset"}`, "viewers can then be served over TLS 1.0/1.1, with broken ciphers",
            "use TLSv1.2_2021 or newer"));
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
            report(violation(`CloudFront distribution "${label}" has no access logging (loggingConfig.bucket)`,
                "without logs nobody can tell who fetched what, or investigate an attack", "set loggingConfig.bucket to a log bucket"));
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
            report(violation(`CloudFront distribution "${label}" has no WAF web ACL (webAclId)`,
                "requests reach the origin unfiltered", "set webAclId to a WAFv2 web ACL (scope CLOUDFRONT)"));
        }
    });

export const distributionPolicies: ResourceValidationPolicy[] = [
    cloudfrontHttps,
    cloudfrontTls,
    cloudfrontLogging,
    cloudfrontWaf,
];
