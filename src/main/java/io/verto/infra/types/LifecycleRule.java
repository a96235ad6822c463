package io.verto.infra.types;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One S3 lifecycle rule, as a value: objects under {@code prefix} expire after {@code expiration}
 * (optional); their noncurrent versions (on a versioned bucket) are deleted after {@code noncurrentExpiration};
 * unfinished multipart uploads are aborted after a day.
 *
 * @param id                   the rule's id, unique in the bucket
 * @param prefix               the key prefix the rule covers ({@code ""} for the whole bucket)
 * @param expiration           when current objects expire; empty to keep them
 * @param noncurrentExpiration when replaced or deleted versions are removed for good
 */
public record LifecycleRule(String id, String prefix, Optional<Retention> expiration, Retention noncurrentExpiration) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    public LifecycleRule {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a lifecycle rule id (letters, digits, '.', '_', '-')");
        }
        if (prefix == null || prefix.startsWith("/")) {
            throw new IllegalArgumentException("a lifecycle prefix is a key prefix such as mysql/ (no leading '/'), got '" + prefix + "'");
        }
        if (expiration == null || noncurrentExpiration == null) {
            throw new IllegalArgumentException("lifecycle rule " + id + ": expiration and noncurrentExpiration must not be null");
        }
    }

    /** Objects under {@code prefix} expire after {@code retention}; their old versions one day later. */
    public static LifecycleRule expire(String id, String prefix, Retention retention) {
        return new LifecycleRule(id, prefix, Optional.of(retention), Retention.days(1));
    }

    /** Current objects are kept; replaced or deleted versions go after {@code noncurrent}. */
    public static LifecycleRule keepCurrent(String id, String prefix, Retention noncurrent) {
        return new LifecycleRule(id, prefix, Optional.empty(), noncurrent);
    }
}
