package io.verto.infra.types;

import java.util.Optional;

/**
 * How many pods a service runs: a fixed count, or an initial count that a HorizontalPodAutoscaler then
 * owns within its bounds. Every replica check lives here.
 *
 * @param replicas    the desired pods; with autoscaling, the count the Deployment starts with
 * @param autoscaling the HPA's bounds and targets, when the service autoscales
 */
public record Scaling(int replicas, Optional<HorizontalScaling> autoscaling) {
    public Scaling {
        checkReplicas(replicas, "replicas");
        autoscaling = autoscaling == null ? Optional.empty() : autoscaling;
        autoscaling.ifPresent(a -> checkWithin(replicas, a));
    }

    /** A fixed pod count. */
    public static Scaling fixed(int replicas) {
        return new Scaling(replicas, Optional.empty());
    }

    /** Starts at {@code replicas}, then the HPA decides within its bounds. */
    public static Scaling autoscaled(int replicas, HorizontalScaling autoscaling) {
        return new Scaling(replicas, Optional.of(autoscaling));
    }

    /** The highest pod count the service can reach (rolling-update surge not included). */
    public int maxReplicas() {
        return autoscaling.map(HorizontalScaling::maxReplicas).orElse(replicas);
    }

    /**
     * @throws IllegalArgumentException when a replica count is below 1
     */
    public static void checkReplicas(int count, String what) {
        if (count < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + count);
        }
    }

    /**
     * @throws IllegalArgumentException when the initial count lies outside the HPA's bounds, which the HPA would undo at once
     */
    public static void checkWithin(int replicas, HorizontalScaling autoscaling) {
        if (replicas < autoscaling.minReplicas() || replicas > autoscaling.maxReplicas()) {
            throw new IllegalArgumentException("replicas " + replicas + " lies outside the autoscaling range "
                    + autoscaling.minReplicas() + ".." + autoscaling.maxReplicas() + ", so the HPA would undo it at once");
        }
    }
}
