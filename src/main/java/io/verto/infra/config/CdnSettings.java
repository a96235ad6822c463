package io.verto.infra.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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

    static final Pattern ACM_US_EAST_1 = Pattern.compile("arn:aws:acm:us-east-1:\\d{12}:certificate/[A-Za-z0-9-]+");
    static final Pattern WAF_ACL = Pattern.compile("arn:aws:wafv2:us-east-1:\\d{12}:global/webacl/[\\w-]+/[a-f0-9-]+");
    static final Set<String> PRICE_CLASSES = Set.of("PriceClass_100", "PriceClass_200", "PriceClass_All");

    static final Setting ENABLED = Setting.optional("cdn.enabled", "true", "true when `cdn` is given",
            "put CloudFront in front of the site (design 10.3), with a static-assets bucket and a log bucket");
    static final Setting CERTIFICATE_ARN = Setting.optional("cdn.certificateArn",
            "arn:aws:acm:us-east-1:123456789012:certificate/replace-me", "required with the CDN",
            "ACM certificate for the aliases; CloudFront only takes certificates from us-east-1");
    static final Setting ALIASES = Setting.optional("cdn.aliases", "verto.com,www.verto.com", "`<domain>,www.<domain>`",
            "comma-separated host names the distribution serves");
    static final Setting ORIGIN_DOMAIN = Setting.optional("cdn.originDomain", "origin.verto.com", "required with the CDN",
            "host name of the cluster's ingress load balancer that CloudFront forwards to (not an alias: that would loop)");
    static final Setting PRICE_CLASS = Setting.defaulting("cdn.priceClass", "PriceClass_All",
            "CloudFront price class: " + new java.util.TreeSet<>(PRICE_CLASSES));
    static final Setting WEB_ACL_ARN = Setting.optional("cdn.webAclArn", "arn:aws:wafv2:us-east-1:123456789012:global/webacl/verto/replace-me",
            "none", "WAFv2 web ACL (scope CLOUDFRONT) that filters requests");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(ENABLED, CERTIFICATE_ARN, ALIASES, ORIGIN_DOMAIN, PRICE_CLASS, WEB_ACL_ARN);

    /** Whether the stack asks for the CDN ({@code cdn} given and not disabled); records no problem. */
    static boolean requested(ConfigReader r) {
        return r.text(ENABLED).map(v -> v.trim().equals("true")).orElse(r.present("cdn"));
    }

    static Optional<CdnSettings> read(ConfigReader r, Optional<Environment> environment, Optional<String> domain) {
        boolean enabled = r.read(ENABLED, Checks::bool).orElse(r.present("cdn"));
        if (!enabled) {
            return Optional.empty();
        }
        if (environment.isPresent() && environment.get() == Environment.DEVELOPMENT) {
            r.problem(ENABLED, "development needs no cloud: CloudFront is for cluster stacks", "pulumi config rm verto:cdn --stack " + r.stack());
            return Optional.empty();
        }
        Optional<String> certificate = r.read(CERTIFICATE_ARN, v -> Checks.matching(v, ACM_US_EAST_1,
                "an ACM certificate ARN in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>); CloudFront takes no other region"));
        if (certificate.isEmpty() && r.text(CERTIFICATE_ARN).isEmpty()) {
            r.problem(CERTIFICATE_ARN, "is required with the CDN: CloudFront serves the aliases only with their certificate",
                    r.setCommand(CERTIFICATE_ARN, CERTIFICATE_ARN.example())
                            + " (replace the placeholder with your certificate's ARN), or turn the CDN off: " + r.setCommand(ENABLED, "false"));
        }
        Optional<List<String>> aliases = r.read(ALIASES, CdnSettings::aliases);
        List<String> hosts = aliases.orElseGet(() -> domain.map(d -> List.of(d, "www." + d)).orElse(List.of()));
        Optional<String> origin = r.read(ORIGIN_DOMAIN, v -> Checks.matching(v, Checks.HOSTNAME, "a host name"));
        if (origin.isEmpty() && r.text(ORIGIN_DOMAIN).isEmpty()) {
            r.problem(ORIGIN_DOMAIN, "is required with the CDN: the host name CloudFront reaches the ingress on",
                    r.setCommand(ORIGIN_DOMAIN, domain.map(d -> "origin." + d).orElse(ORIGIN_DOMAIN.example())));
        } else if (origin.isPresent() && hosts.contains(origin.get())) {
            r.problem(ORIGIN_DOMAIN, "'" + origin.get() + "' is one of the CDN's aliases: CloudFront would forward to itself",
                    r.setCommand(ORIGIN_DOMAIN, "origin." + domain.orElse("verto.com")));
            origin = Optional.empty();
        }
        String priceClass = r.readOrDefault(PRICE_CLASS, v -> Checks.oneOf(v, PRICE_CLASSES));
        Optional<String> waf = r.read(WEB_ACL_ARN, v -> Checks.matching(v, WAF_ACL,
                "a WAFv2 web ACL ARN of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)"));
        if (certificate.isEmpty() || origin.isEmpty() || hosts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CdnSettings(hosts, certificate.get(), origin.get(), priceClass, waf));
    }

    private static List<String> aliases(String text) {
        List<String> hosts = new ArrayList<>();
        for (String part : text.replaceAll("[\\[\\]\"]", "").split(",")) {
            String host = part.trim().toLowerCase(Locale.ROOT);
            if (!host.isEmpty()) {
                hosts.add(Checks.matching(host, Checks.HOSTNAME, "a host name (in the comma-separated list '" + text + "')"));
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no host");
        }
        return List.copyOf(hosts);
    }
}
