package io.verto.infra.kubernetes.workload;

import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;

/** A liveness or readiness check against the container's port: {@link HttpProbe} or {@link TcpProbe}. */
public interface Probe {
    /** The probe, aimed at the container's port. */
    ProbeArgs toArgs(int port);
}
