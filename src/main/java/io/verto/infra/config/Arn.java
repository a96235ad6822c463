package io.verto.infra.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS ARN, read by its parts, so a value is checked for what it names (service, region, account, resource
 * type), not for its shape: a KMS alias where IAM needs the key, a certificate CloudFront cannot use, a web ACL
 * of the wrong scope.
 *
 * @param partition e.g. {@code aws}
 * @param service   e.g. {@code kms}
 * @param region    e.g. {@code eu-central-1}; empty for global services such as IAM
 * @param account   the 12-digit account id; empty where the ARN has none
 * @param resource  e.g. {@code key/1234abcd-...}
 */
record Arn(String partition, String service, String region, String account, String resource) {
    private static final Pattern ARN = Pattern.compile("arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\\d{12})?:(.+)");
    private static final Pattern KEY_ID = Pattern.compile("key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})");

    static Arn parse(String text, String what) {
        Matcher m = ARN.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an ARN (arn:aws:<service>:<region>:<account>:<resource>); " + what + " is expected");
        }
        return new Arn(m.group(1), m.group(2), m.group(3), Optional.ofNullable(m.group(4)).orElse(""), m.group(5));
    }

    /** A KMS key's ARN; an alias (ARN or bare) is refused with the command that shows its key's ARN. */
    static Arn kmsKey(String text) {
        if (text.startsWith("alias/") || (text.startsWith("arn:") && text.contains(":alias/"))) {
            String alias = text.substring(text.indexOf("alias/"));
            throw new IllegalArgumentException("'" + text + "' is a KMS alias, and IAM policies match keys only by their key ARN, so the "
                    + "backup would be refused (AccessDenied); use the key ARN that `aws kms describe-key --key-id " + alias
                    + " --query KeyMetadata.Arn` prints");
        }
        Arn arn = expect(parse(text, "a KMS key ARN"), "kms", "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>)");
        if (!KEY_ID.matcher(arn.resource).matches()) {
            throw new IllegalArgumentException("'" + text + "' names no KMS key (key/<key id>)");
        }
        return arn;
    }

    /** An IAM role's ARN. */
    static Arn iamRole(String text) {
        Arn arn = expect(parse(text, "an IAM role ARN"), "iam", "an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        if (!arn.resource.startsWith("role/") || !arn.region.isEmpty() || arn.account.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
        }
        return arn;
    }

    /** An IAM OIDC identity provider's ARN (an EKS cluster's). */
    static Arn oidcProvider(String text) {
        Arn arn = expect(parse(text, "an IAM OIDC provider ARN"), "iam", "an IAM OIDC provider ARN");
        if (!arn.resource.startsWith("oidc-provider/") || arn.account.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)");
        }
        return arn;
    }

    /** An ACM certificate CloudFront can use: CloudFront takes certificates from us-east-1 only. */
    static Arn cloudFrontCertificate(String text) {
        Arn arn = expect(parse(text, "an ACM certificate ARN"), "acm", "an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)");
        if (!arn.resource.startsWith("certificate/")) {
            throw new IllegalArgumentException("'" + text + "' names no certificate (certificate/<id>)");
        }
        if (!arn.region.equals("us-east-1")) {
            throw new IllegalArgumentException("'" + text + "' is in " + arn.region + ", and CloudFront only takes certificates from "
                    + "us-east-1: request or import the certificate there");
        }
        return arn;
    }

    /** A WAFv2 web ACL CloudFront can use: scope CLOUDFRONT, which AWS keeps in us-east-1 under {@code global/}. */
    static Arn cloudFrontWebAcl(String text) {
        Arn arn = expect(parse(text, "a WAFv2 web ACL ARN"), "wafv2", "a WAFv2 web ACL ARN");
        if (!arn.resource.startsWith("global/webacl/") || !arn.region.equals("us-east-1")) {
            throw new IllegalArgumentException("'" + text + "' is not a web ACL of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:"
                    + "global/webacl/<name>/<id>); a REGIONAL one cannot be attached to a distribution");
        }
        return arn;
    }

    private static Arn expect(Arn arn, String service, String what) {
        if (!arn.service.equals(service)) {
            throw new IllegalArgumentException("'" + arn + "' is an ARN of " + arn.service + ", not " + what);
        }
        return arn;
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
