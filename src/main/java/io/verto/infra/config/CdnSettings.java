package io.verto.infra.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CloudFront in front of the site (design 10.3): the distribution, its static-assets bucket (readable only
 * by the distribution) and its log bucket are created by this stack, or left out ({@code cdn.enabled: false},
 * or no {@code cdn} at all, e.g. when a distribution is managed elsewhere).
 *
 * @param aliases        the host names the distribution serves (the stack's domain and its www. name by default)
 * @param certificateArn the ACM certificate (in us-east-1, as CloudFront requires) covering the aliases
 * @param originDomain   the host name CloudFront reaches the cluster's ingress on
 * @param priceClass     which edge locations serve the site
 * @param webAclArn      the WAFv2 web ACL (scope CLOUDFRONT), when the stack names one
 */
public record CdnSettings(List<String> aliases, String certificateArn, String originDomain, String priceClass,
                          Optional<String> webAclArn) {

    static final Set<String> PRICE_CLASSES = Set.of("PriceClass_100", "PriceClass_200", "PriceClass_All");

    static final Setting ENABLED = Setting.of("cdn.enabled", Kind.BOOL).defaultsTo("`true` when `cdn` is given", c -> "true").example("true")
            .describe("put CloudFront in front of the site (design 10.3), with a static-assets bucket and a log bucket");
    static final Setting CERTIFICATE_ARN = Setting.of("cdn.certificateArn", Kind.ARN).requiredWhen("with the CDN")
            .find("the ARN of the ACM certificate for the CDN's aliases, in us-east-1",
                    "aws acm list-certificates --region us-east-1 --query 'CertificateSummaryList[].[DomainName,CertificateArn]'")
            .describe("ACM certificate for the aliases; CloudFront only takes certificates from us-east-1");
    static final Setting ALIASES = Setting.of("cdn.aliases", Kind.HOSTS)
            .defaultsTo("`<domain>,www.<domain>`", c -> c.domain().map(d -> d + ",www." + d).orElse("localhost"))
            .find("the host names the CDN serves", "the DNS records you point at CloudFront")
            .describe("host names the distribution serves, comma-separated or a list");
    static final Setting ORIGIN_DOMAIN = Setting.of("cdn.originDomain", Kind.HOST).requiredWhen("with the CDN")
            .find("the ingress load balancer's own DNS name", "kubectl -n ingress-nginx get service ingress-nginx-controller "
                    + "-o jsonpath='{.status.loadBalancer.ingress[0].hostname}'")
            .describe("host name of the cluster's ingress load balancer that CloudFront forwards to (not an alias: that would loop)");
    static final Setting PRICE_CLASS = Setting.of("cdn.priceClass", Kind.CHOICE).defaultsTo("PriceClass_All")
            .describe("CloudFront price class: " + new java.util.TreeSet<>(PRICE_CLASSES) + " (all edges by default, as design 10.3: "
                    + "the team's users are in Asia, which PriceClass_100 leaves to distant edges)");
    static final Setting WEB_ACL_ARN = Setting.of("cdn.webAclArn", Kind.ARN).noneMeans("")
            .find("the ARN of the WAFv2 web ACL of scope CLOUDFRONT", "aws wafv2 list-web-acls --scope CLOUDFRONT --region us-east-1")
            .describe("WAFv2 web ACL (scope CLOUDFRONT) that filters requests");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(ENABLED, CERTIFICATE_ARN, ALIASES, ORIGIN_DOMAIN, PRICE_CLASS, WEB_ACL_ARN);

    /** Whether the stack asks for the CDN ({@code cdn} given and not disabled); records no problem. */
    static boolean requested(ConfigReader r) {
        return r.present("cdn") && !r.text(ENABLED).map(String::strip).equals(Optional.of("false"));
    }

    static Optional<CdnSettings> read(ConfigReader r, Optional<Environment> environment, Optional<String> domain) {
        boolean enabled = r.present("cdn") && r.readOrDefault(ENABLED, Checks::bool);
        if (!enabled) {
            return Optional.empty();
        }
        if (environment.isPresent() && environment.get() == Environment.DEVELOPMENT) {
            r.problem(ENABLED, "development needs no cloud: CloudFront is for cluster stacks", r.set(ENABLED, "false"));
            return Optional.empty();
        }
        Optional<String> certificate = r.read(CERTIFICATE_ARN, v -> Arn.cloudFrontCertificate(v).toString());
        r.require(CERTIFICATE_ARN, "with the CDN: CloudFront serves the aliases only with their certificate");
        List<String> hosts = r.readOrDefault(ALIASES, CdnSettings::aliases);
        Optional<String> origin = r.read(ORIGIN_DOMAIN, Checks::host);
        r.require(ORIGIN_DOMAIN, "with the CDN: the host name CloudFront reaches the ingress on");
        if (origin.isPresent() && hosts.contains(origin.get())) {
            r.problem(ORIGIN_DOMAIN, "'" + origin.get() + "' is one of the CDN's aliases: CloudFront would forward to itself",
                    r.propose(ORIGIN_DOMAIN));
            origin = Optional.empty();
        }
        String priceClass = r.readOrDefault(PRICE_CLASS, v -> Checks.oneOf(v, PRICE_CLASSES));
        Optional<String> waf = r.read(WEB_ACL_ARN, v -> Arn.cloudFrontWebAcl(v).toString());
        if (certificate.isEmpty() || origin.isEmpty() || hosts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CdnSettings(hosts, certificate.get(), origin.get(), priceClass, waf));
    }

    private static List<String> aliases(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (!text.equals(lower)) {
            aliases(lower);
            throw new InvalidValue("'" + text + "' has upper-case letters; host names are written in lower case", lower);
        }
        List<String> hosts = new ArrayList<>();
        for (String part : text.split(",")) {
            String host = part.strip();
            if (!host.isEmpty()) {
                hosts.add(Checks.matching(Checks.host(host), Checks.HOSTNAME, "a host name (in the list '" + text + "')"));
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no host");
        }
        return List.copyOf(hosts);
    }
}
