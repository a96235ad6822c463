package io.verto.infra.types;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One S3 lifecycle rule, as a value: objects under {@code prefix} expire after {@code expiration}
 * (optional); their noncurrent versions (on a versioned bucket) are deleted after {@code noncurrentExpiration},
 * except the {@code newerNoncurrentVersions} newest of each key; unfinished multipart uploads are aborted after
 * a day.
 *
 * @param id                      the rule's id, unique in the bucket
 * @param prefix                  the key prefix the rule covers ({@code ""} for the whole bucket)
 * @param expiration              when current objects expire; empty to keep them
 * @param noncurrentExpiration    when replaced or deleted versions are removed for good
 * @param newerNoncurrentVersions how many of a key's newest noncurrent versions are kept whatever their age
 *                                (S3's NewerNoncurrentVersions, 1..100); 0 keeps none
 */
public record LifecycleRule(String id, String prefix, Optional<Retention> expiration, Retention noncurrentExpiration,
                            int newerNoncurrentVersions) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    /** S3's limit on NewerNoncurrentVersions. */
    public static final int MAX_NEWER_NONCURRENT_VERSIONS = 100;

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
        if (newerNoncurrentVersions < 0 || newerNoncurrentVersions > MAX_NEWER_NONCURRENT_VERSIONS) {
            throw new IllegalArgumentException("lifecycle rule " + id + ": S3 keeps 0.." + MAX_NEWER_NONCURRENT_VERSIONS
                    + " newer noncurrent versions, not " + newerNoncurrentVersions);
        }
    }

    /** A rule that keeps no noncurrent version beyond its age. */
    public LifecycleRule(String id, String prefix, Optional<Retention> expiration, Retention noncurrentExpiration) {
        this(id, prefix, expiration, noncurrentExpiration, 0);
    }

    /** Objects under {@code prefix} expire after {@code retention}; their old versions one day later. */
    public static LifecycleRule expire(String id, String prefix, Retention retention) {
        return new LifecycleRule(id, prefix, Optional.of(retention), Retention.days(1));
    }

    /** Current objects are kept; replaced or deleted versions go after {@code noncurrent}. */
    public static LifecycleRule keepCurrent(String id, String prefix, Retention noncurrent) {
        return new LifecycleRule(id, prefix, Optional.empty(), noncurrent);
    }

    /**
     * The {@code versions} newest versions of each key under {@code prefix} stay whatever their age (the current
     * one is never expired); an older version goes once it has been replaced for {@code replacedFor}. Nothing
     * expires while no new version is written.
     */
    public static LifecycleRule keepNewest(String id, String prefix, int versions, Retention replacedFor) {
        if (versions < 1) {
            throw new IllegalArgumentException("lifecycle rule " + id + ": keep at least the current version, not " + versions);
        }
        return new LifecycleRule(id, prefix, Optional.empty(), replacedFor, versions - 1);
    }
}
