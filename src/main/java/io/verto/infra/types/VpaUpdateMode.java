package io.verto.infra.types;

/** A VerticalPodAutoscaler's {@code updatePolicy.updateMode}. */
public enum VpaUpdateMode {
    /** Recommendations only (in the VPA's status); pods keep the sizes their Deployment gives them. Safe beside an HPA. */
    Off,
    /** Sizes pods when they are created; never evicts a running pod. */
    Initial,
    /** Evicts pods to resize them. Never beside an HPA that scales on CPU or memory: they fight. */
    Auto
}
