package io.verto.infra.types;

import java.util.regex.Pattern;

/**
 * A container image pinned to a tag, a digest, or both (the tag for people, the digest for the kubelet).
 * {@code latest} and untagged references are refused: they make two deployments of the same code run
 * different images (CKV_K8S_14).
 *
 * @param repository e.g. {@code registry.gitlab.com/verto/platform/frontend}
 * @param tag        e.g. {@code 1.4.2}; null when only a digest pins the image
 * @param digest     e.g. {@code sha256:...}; null when only a tag pins the image
 */
public record ImageRef(String repository, String tag, String digest) {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+([._/:-][a-z0-9]+)*");
    /** Tags that name a moving target: a branch, a channel, a snapshot build. */
    private static final Pattern MUTABLE = Pattern.compile("(?i)latest|main|master|develop|dev|head|stable|edge|nightly|.*-snapshot");

    public ImageRef {
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException("'" + repository + "' is not an image repository such as registry.example.com/team/app");
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("'" + digest + "' is not a sha256 digest (sha256: followed by 64 hex digits)");
        }
        if (tag != null) {
            checkTag(tag);
        }
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("image " + repository + " must be pinned by a tag or a digest");
        }
    }

    /**
     * @throws IllegalArgumentException when the tag moves ({@code latest}, a branch or channel name, a
     *                                  {@code -SNAPSHOT}) or is not a valid tag
     */
    public static void checkTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("'" + tag + "' is not a valid image tag");
        }
        if (MUTABLE.matcher(tag).matches()) {
            throw new IllegalArgumentException("the tag '" + tag + "' is not pinned (it is moved to new builds): use a release tag "
                    + "such as 1.4.2 or a sha256 digest");
        }
    }

    public static ImageRef of(String repository, String tagOrDigest) {
        return tagOrDigest != null && tagOrDigest.startsWith("sha256:")
                ? new ImageRef(repository, null, tagOrDigest)
                : new ImageRef(repository, tagOrDigest, null);
    }

    /** A tag and the digest it pointed at when it was reviewed: the digest is what is pulled. */
    public static ImageRef pinned(String repository, String tag, String digest) {
        if (tag == null || digest == null) {
            throw new IllegalArgumentException("image " + repository + ": pinned needs both a tag and a digest");
        }
        return new ImageRef(repository, tag, digest);
    }

    /** True when a digest pins the image: the same bytes on every pull, whatever the tag is moved to. */
    public boolean pinnedByDigest() {
        return digest != null;
    }

    /**
     * The registry host the image is pulled from: the first path part when it looks like a host
     * ({@code registry.gitlab.com}, {@code localhost:5000}), else Docker Hub.
     */
    public String registryHost() {
        String first = repository.split("/")[0];
        boolean isHost = repository.contains("/") && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        return isHost ? first : "https://index.docker.io/v1/";
    }

    /** The version label value: the tag, or the digest's first 12 hex digits. */
    public String version() {
        return tag != null ? tag : digest.substring("sha256:".length(), "sha256:".length() + 12);
    }

    @Override
    public String toString() {
        if (digest == null) {
            return repository + ":" + tag;
        }
        return tag == null ? repository + "@" + digest : repository + ":" + tag + "@" + digest;
    }
}
