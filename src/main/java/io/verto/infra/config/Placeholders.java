package io.verto.infra.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values that stand in for a real one: documentation's example account ids and domains, {@code replace-me},
 * {@code EXAMPLE}, {@code <...>}. They look valid, so without this check a stack would deploy with them. Refused
 * in staging and production; development and testing may keep them.
 */
final class Placeholders {
    private record Marker(Pattern pattern, String what) { }

    private static final List<Marker> MARKERS = List.of(
            new Marker(Pattern.compile("<[^<>]*>"), "a <...> placeholder"),
            new Marker(Pattern.compile("(?i)replace[-_ ]?me|change[-_ ]?me|\\btodo\\b|fix[-_ ]?me|placeholder|x{4,}"), "a stand-in word"),
            new Marker(Pattern.compile("EXAMPLE"), "AWS's documentation marker EXAMPLE"),
            new Marker(Pattern.compile("(?<!\\d)(123456789012|111122223333|444455556666|000000000000)(?!\\d)"),
                    "an example AWS account id from the documentation"),
            new Marker(Pattern.compile("(?i)(^|[.@/])example\\.(com|org|net)($|[/:.])"), "a reserved example domain (RFC 2606)"));

    private Placeholders() { }

    /** What marks the value as a placeholder, if anything does. */
    static Optional<String> find(String value) {
        return MARKERS.stream().filter(m -> m.pattern().matcher(value).find()).map(Marker::what).findFirst();
    }

    /** Whether placeholders are refused in this environment. */
    static boolean refusedIn(Environment environment) {
        return environment == Environment.STAGING || environment == Environment.PRODUCTION;
    }

    static String describe(String value, String what) {
        return "'" + value + "' is a placeholder (" + what + "), not a real value";
    }
}
