// CloudFront origins judged by what they are: an S3 bucket behind any spelling of its host (REST, dual-stack,
// website, access point) and however configured (S3 origin or custom origin), and how CloudFront reaches it.

import { asArray, describe, isObject, nonEmptyString, peek, peekPath, UNKNOWN, violation } from "../../common/util";
import { distributionPolicy } from "./distribution";

/** What kind of S3 endpoint a host name is, or undefined for other hosts. */
export function s3Endpoint(domain: unknown): "website" | "rest" | undefined {
    if (typeof domain !== "string") {
        return undefined;
    }
    const host = domain.trim().toLowerCase().replace(/\.+$/, "").replace(/^https?:\/\//, "").replace(/[:/].*$/, "");
    if (!/(^|\.)s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(host) && !/\.s3-accesspoint[.-]/.test(host)) {
        return undefined;
    }
    return /(^|[.-])s3-website[.-]/.test(host) ? "website" : "rest";
}

export const cloudfrontOriginAccess = distributionPolicy(
    "cloudfront-origin-access-control",
    describe(
        "CloudFront must reach S3 origins through origin access control, so the bucket stays private: no website "
        + "endpoints, no S3 bucket behind a custom origin.",
        "use the bucket's REST endpoint (<bucket>.s3.<region>.amazonaws.com) as an S3 origin, create an "
        + "OriginAccessControl (originAccessControlOriginType s3, signingBehavior always) and set originAccessControlId "
        + "on it (a legacy s3OriginConfig.originAccessIdentity is accepted); allow only the CloudFront service "
        + "principal with an aws:SourceArn condition in the bucket policy.",
        "CKV2_AWS_46, Security Hub CloudFront.13"),
    "mandatory",
    (props, label, report) => {
        asArray(props.origins).forEach((o, i) => {
            if (!isObject(o)) {
                return;
            }
            const endpoint = s3Endpoint(peek(o, "domainName"));
            const where = `CloudFront distribution "${label}": origins[${i}] (${o.domainName})`;
            const why = "CloudFront can only sign requests to an S3 REST origin; any other way in requires the bucket "
                + "to be readable by everyone, past the distribution";
            if (endpoint === "website") {
                report(violation(`${where} is an S3 website endpoint: the bucket must be public and is served over HTTP`, why,
                    "use the bucket's REST endpoint as an S3 origin with origin access control"));
                return;
            }
            if (endpoint !== "rest") {
                return;
            }
            if (isObject(peek(o, "customOriginConfig"))) {
                report(violation(`${where} is an S3 bucket configured as a custom origin, which origin access control cannot sign for`, why,
                    "remove customOriginConfig and set originAccessControlId"));
                return;
            }
            const oac = peek(o, "originAccessControlId");
            const oai = peekPath(o, ["s3OriginConfig", "originAccessIdentity"]);
            if (oac === UNKNOWN || oai === UNKNOWN || nonEmptyString(oac) || nonEmptyString(oai)) {
                return;
            }
            report(violation(`${where} is an S3 origin without origin access control (originAccessControlId)`, why,
                "create an OriginAccessControl and set originAccessControlId on the origin"));
        });
    });

const WEAK_ORIGIN_PROTOCOLS = new Set(["sslv3", "tlsv1", "tlsv1.1"]);
const SECURE_VIEWER = new Set(["https-only", "redirect-to-https"]);

export const cloudfrontOriginHttps = distributionPolicy(
    "cloudfront-origin-https",
    describe(
        "CloudFront must reach custom origins over HTTPS with TLS 1.2 (match-viewer only when every viewer is on HTTPS).",
        "set customOriginConfig.originProtocolPolicy: https-only and originSslProtocols: [\"TLSv1.2\"].",
        "AWS Config cloudfront-traffic-to-origin-encrypted, Security Hub CloudFront.9, CloudFront.10"),
    "mandatory",
    (props, label, report) => {
        const behaviours = [props.defaultCacheBehavior, ...asArray(props.orderedCacheBehaviors)].filter(isObject);
        asArray(props.origins).forEach((o, i) => {
            const cfg = isObject(o) ? o.customOriginConfig : undefined;
            if (!isObject(cfg)) {
                return;
            }
            const where = `CloudFront distribution "${label}": origins[${i}] (${o.domainName})`;
            const why = "between CloudFront and the origin the traffic (sessions, credentials, content) would travel in plain "
                + "text or over broken TLS, readable and changeable on the way";
            const policy = String(cfg.originProtocolPolicy ?? "unset").trim().toLowerCase();
            const viewers = behaviours.filter(b => b.targetOriginId === o.originId).map(b => String(b.viewerProtocolPolicy));
            if (policy === "http-only" || (policy === "match-viewer" && !viewers.every(v => SECURE_VIEWER.has(v)))
                || !["https-only", "match-viewer"].includes(policy)) {
                report(violation(`${where} will be reached over HTTP (originProtocolPolicy ${cfg.originProtocolPolicy ?? "unset"})`,
                    why, "set originProtocolPolicy: https-only"));
            }
            const weak = asArray(cfg.originSslProtocols).filter(p => WEAK_ORIGIN_PROTOCOLS.has(String(p).trim().toLowerCase()));
            if (weak.length > 0) {
                report(violation(`${where} allows ${weak.join(", ")} towards the origin`, why, "set originSslProtocols: [\"TLSv1.2\"]"));
            }
        });
    });
