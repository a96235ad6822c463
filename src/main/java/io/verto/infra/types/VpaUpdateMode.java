package io.verto.infra.types;

import java.util.Arrays;

/** A VerticalPodAutoscaler's {@code updatePolicy.updateMode}. */
public enum VpaUpdateMode {
    /** Recommendations only (in the VPA's status); pods keep the sizes their Deployment gives them. Safe beside an HPA. */
    Off,
    /** Sizes pods when they are created; never evicts a running pod. */
    Initial,
    /** Evicts pods to resize them. Never beside an HPA that scales on CPU or memory: they fight. */
    Auto;

    /** The mode named exactly as the VPA spells it ({@code Off}, {@code Initial}, {@code Auto}). */
    public static VpaUpdateMode parse(String v) {
        return Arrays.stream(values()).filter(m -> m.name().equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + v + "' is not one of " + Arrays.toString(values())));
    }
}
