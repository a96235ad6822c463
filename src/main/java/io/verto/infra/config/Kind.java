package io.verto.infra.config;

/**
 * What kind of value a setting holds. An infrastructure value (a host, CIDR, ARN, region, release...) is one
 * only the user can know: a fix never proposes one, it says where to look it up; other kinds get a
 * suggested value. The property tests generate their mutations (wrong units, out-of-range values) by kind.
 */
public enum Kind {
    /** A Kubernetes object name (DNS label). */
    NAME(false),
    /** Free text, such as a reason. */
    TEXT(false),
    /** A directory path. */
    PATH(false),
    /** One of a fixed set of words. */
    CHOICE(false),
    /** {@code true} or {@code false}. */
    BOOL(false),
    /** A whole number, such as a replica count. */
    COUNT(false),
    /** A percentage. */
    PERCENT(false),
    /** A number of seconds. */
    SECONDS(false),
    /** A Kubernetes CPU quantity. */
    CPU(false),
    /** A Kubernetes memory quantity, with its unit. */
    MEMORY(false),
    /** A cron schedule as a Kubernetes CronJob takes it. */
    CRON(false),
    /** A whole number of days. */
    DAYS(false),
    /** A host name. */
    HOST(true),
    /** A list of host names. */
    HOSTS(true),
    /** A URL origin (scheme and host). */
    ORIGIN(true),
    /** A TCP port of something outside the cluster. */
    PORT(true),
    /** One or more IPv4 address ranges. */
    CIDRS(true),
    /** An AWS region. */
    REGION(true),
    /** An AWS ARN. */
    ARN(true),
    /** An S3 bucket name. */
    BUCKET(true),
    /** A MySQL schema or user name that exists. */
    DATABASE(true),
    /** A user name of an outside system. */
    USER(true),
    /** An image registry path. */
    REGISTRY(true),
    /** A released image tag or digest. */
    RELEASE(true),
    /** A kubeconfig context. */
    CONTEXT(true),
    /** An EKS cluster's name. */
    CLUSTER(true),
    /** An S3 object key or version id. */
    OBJECT_KEY(true),
    /** A secret, only ever set with {@code --secret}. */
    SECRET(true);

    private final boolean infrastructure;

    Kind(boolean infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** True when only the user can know the value: fixes say where to find it instead of proposing one. */
    public boolean infrastructure() {
        return infrastructure;
    }

    /** True for kinds given as a comma-separated list or a YAML list. */
    public boolean list() {
        return this == HOSTS || this == CIDRS;
    }
}
