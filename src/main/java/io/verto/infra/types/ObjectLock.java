package io.verto.infra.types;

import java.util.Objects;

/**
 * S3 Object Lock's default retention for new object versions: no version can be deleted or overwritten in place
 * until {@code days} after it was written. In {@link Mode#COMPLIANCE} no one, the account's root user included,
 * can delete it or shorten its retention; in {@link Mode#GOVERNANCE} only a principal with
 * {@code s3:BypassGovernanceRetention} that asks for the bypass can.
 *
 * @param mode who may lift the lock before it ends
 * @param days how long each new version is locked
 */
public record ObjectLock(Mode mode, Retention days) {
    /** S3's retention modes. */
    public enum Mode { GOVERNANCE, COMPLIANCE }

    public ObjectLock {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(days, "days");
    }

    /**
     * @throws IllegalArgumentException when the text is not one of the two modes
     */
    public static Mode parseMode(String text) {
        for (Mode m : Mode.values()) {
            if (m.name().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not one of [COMPLIANCE, GOVERNANCE]");
    }
}
